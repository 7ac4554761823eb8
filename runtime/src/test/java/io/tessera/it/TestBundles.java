package io.tessera.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import io.tessera.it.fixture.Alpha;
import io.tessera.it.fixture.Beta;
import io.tessera.it.fixture.FixtureApp;
import io.tessera.it.fixture.Journal;
import io.tessera.it.fixture.Misspelt;
import io.tessera.it.fixture.NeedsUser;
import io.tessera.it.fixture.Orphan;
import io.tessera.it.fixture.Probe;
import io.tessera.it.fixture.TwinApp;
import io.tessera.it.fixture.declared.Invoice;
import io.tessera.it.fixture.ext.LowerRenderer;
import io.tessera.it.fixture.ext.NotARenderer;
import io.tessera.it.fixture.ext.Renderer;
import io.tessera.it.fixture.ext.UpperRenderer;
import io.tessera.it.fixture.ext.ViewProbe;
import io.tessera.it.fixture.declared.Payment;
import io.tessera.it.fixture.wired.Greeting;

/**
 * Writes app bundles for the tests: each is a real jar holding its own copy of the fixture
 * classes, with headers that tell {@link FixtureApp} which app to be. These manifests are test
 * data, written by hand on purpose (some are meant to be wrong).
 */
public final class TestBundles {

    private static final List<Class<?>> FIXTURE_CLASSES = List.of(FixtureApp.class, Journal.class, Alpha.class,
            Beta.class, Orphan.class, NeedsUser.class, Misspelt.class, TwinApp.class,
            io.tessera.it.fixture.clash.Alpha.class, Invoice.class, Payment.class, Probe.class, Greeting.class,
            Renderer.class, UpperRenderer.class, LowerRenderer.class, NotARenderer.class, ViewProbe.class);

    /** The model index the build wrote for the fixtures marked {@code @AppModel}. */

    private final Map<String, String> headers = new LinkedHashMap<>();

    private TestBundles(String symbolicName) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", "1.0.0");
        headers.put("Bundle-Activator", FixtureApp.class.getName());
        headers.put("Import-Package", "io.tessera.core;version=\"[1.0,2)\",org.osgi.framework");
    }

    /** An app bundle with symbolic name {@code test.<label>} and the given label, with models Alpha and Beta. */
    public static TestBundles app(String label) {
        return new TestBundles("test." + label.replaceAll("[^A-Za-z0-9_.]", "_")).label(label).models("Alpha", "Beta");
    }

    /** A bundle with no activator that declares its app in a {@code Tessera-App} header. */
    public static TestBundles metadataOnly(String symbolicName, String tesseraAppHeader) {
        TestBundles b = new TestBundles(symbolicName);
        b.headers.remove("Bundle-Activator");
        b.headers.put("Import-Package", "io.tessera.core;version=\"[1.0,2)\"");
        b.headers.put("Tessera-App", tesseraAppHeader);
        return b;
    }

    /** A bundle whose activator ({@link TwinApp}) offers two configs: X-Label/X-Name, then X-Label2/X-Name2. */
    public static TestBundles twin(String symbolicName, String label, String label2) {
        TestBundles b = new TestBundles(symbolicName);
        b.headers.put("Bundle-Activator", TwinApp.class.getName());
        return b.label(label).header("X-Label2", label2);
    }

    /**
     * A bundle whose plain activator ({@link TwinApp} with one label) registers one plain AppConfig
     * service with the given label and never unregisters it; symbolic name {@code test.<label>}.
     */
    public static TestBundles plain(String label) {
        return twin("test." + label, label, null);
    }

    /** The package other generated bundles can be wired to ({@link #exportsWired()}, {@link #importsWired()}). */
    public static final String WIRED_PACKAGE = Greeting.class.getPackageName();

    /** Exports {@link #WIRED_PACKAGE} (each generated bundle holds a copy of it). */
    public TestBundles exportsWired() {
        return header("Export-Package", WIRED_PACKAGE);
    }

    /** Imports {@link #WIRED_PACKAGE}, so the bundle is wired to whichever bundle exports it. */
    public TestBundles importsWired() {
        return header("Import-Package", headers.get("Import-Package") + "," + WIRED_PACKAGE);
    }

    /** The package of the tests' extension point ({@link Renderer}). */
    public static final String POINT_PACKAGE = Renderer.class.getPackageName();
    /** The tests' extension point. */
    public static final String POINT = Renderer.class.getName();

    /**
     * Declares {@link Renderer} as an extension point ({@code required}: the app waits for a
     * contribution; {@code single}: one winner) and exports its package, as {@code @ExtensionPoint}
     * on the interface and an exported package make bnd do.
     */
    public TestBundles declaresPoint(boolean required, boolean single) {
        header("Export-Package", POINT_PACKAGE);
        return header("Tessera-Extension-Points", POINT + ";required=\"" + required + "\";single=\"" + single + "\"");
    }

    /**
     * Contributes fixture class {@code simpleName} (of the point's package) to {@code point} at
     * {@code rank}, as {@code @Contributes} makes bnd write it; imports the point's package.
     */
    public TestBundles contributes(String simpleName, String point, int rank) {
        String clause = POINT_PACKAGE + "." + simpleName + ";point=\"" + point + "\";rank=\"" + rank + "\"";
        String before = headers.get("Tessera-Extensions");
        header("Tessera-Extensions", before == null ? clause : before + "," + clause);
        return importsPoint();
    }

    /** Imports the point's package, so the bundle sees the declaring bundle's interface. */
    public TestBundles importsPoint() {
        String imports = headers.get("Import-Package");
        return imports.contains(POINT_PACKAGE) ? this : header("Import-Package", imports + "," + POINT_PACKAGE);
    }

    /** Makes the app's stopping() record which apps' contributions it still sees in the point's view. */
    public TestBundles seesExtensionsWhenStopping() {
        return header("X-Stopping-Extensions", "true");
    }

    /** Makes the app's stopping() use its bundle context and record what it saw of this bundle (see Probe). */
    public TestBundles probeWhenStopping(String symbolicName) {
        return header("X-Stopping-Probe", symbolicName);
    }

    public TestBundles label(String label) {
        return header("X-Label", label);
    }

    public TestBundles version(String version) {
        return header("Bundle-Version", version);
    }

    public TestBundles name(String name) {
        return header("X-Name", name);
    }

    /**
     * Fixture model classes by name in the fixture package: Alpha, Beta, Orphan, NeedsUser, clash.Alpha; none for
     * no models.
     */
    public TestBundles models(String... simpleNames) {
        if (simpleNames.length == 0) {
            headers.remove("X-Models");
            return this;
        }
        return header("X-Models", String.join(",", simpleNames));
    }

    /**
     * The {@code Tessera-Model-Index} header bnd writes for Invoice and Payment from the classes
     * Tessera's processor generates for them (DeclaredModelsIT checks that chain on an example
     * bundle this build produced).
     */
    public static final String DECLARED_INDEX = Invoice.class.getName()
            + ";verbose=\"\";fields=\"id:long::|customer:long:auth.User:|amount:long::amount due\","
            + Payment.class.getName() + ";verbose=\"\";fields=\"id:long::|invoice:long:ledger.Invoice:\"";

    /**
     * Declares the models Invoice and Payment as a bnd build with Tessera's processor does: their
     * names in the {@code Tessera-Models} header, their description in {@code Tessera-Model-Index}.
     */
    public TestBundles declaredModels() {
        header("Tessera-Models", Invoice.class.getName() + "," + Payment.class.getName());
        return header("Tessera-Model-Index", DECLARED_INDEX);
    }

    /** Requirements in {@code Requirement.parse} form, such as {@code "auth [1.0,2.0)"}. */
    public TestBundles requires(String... requirements) {
        return header("X-Requires", String.join("|", requirements));
    }

    /** Makes the app a system app ({@code AppConfig.system()}). */
    public TestBundles system() {
        return header("X-System", "true");
    }

    /** The app's tags ({@code AppConfig.tags()}). */
    public TestBundles tags(String... tags) {
        return header("X-Tags", String.join(",", tags));
    }

    public TestBundles readyThrows(String message) {
        return header("X-Ready-Throws", message);
    }

    public TestBundles stopThrows(String message) {
        return header("X-Stop-Throws", message);
    }

    public TestBundles activatorThrows(String message) {
        return header("X-Activator-Throws", message);
    }

    /** Sets (or, with {@code null}, removes) a manifest header. */
    public TestBundles header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    public String symbolicName() {
        return headers.get("Bundle-SymbolicName");
    }

    public byte[] build() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> main.putValue(k, v));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> c : FIXTURE_CLASSES) {
                String path = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(path));
                try (InputStream in = c.getClassLoader().getResourceAsStream(path)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
