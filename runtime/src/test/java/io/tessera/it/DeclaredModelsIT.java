package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.weaving.WeavingHook;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.Model;
import io.tessera.core.ModelField;

/**
 * Models declared with {@code @AppModel} (header and index, as the build writes them) are in the
 * index as soon as their app is READY, without their classes being loaded; the class loads on
 * first use. A weaving hook, which the framework calls for every class a bundle defines, tells
 * which classes were loaded.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeclaredModelsIT extends TesseraTestSupport {

    private static final String INVOICE = "io.tessera.it.fixture.declared.Invoice";
    private static final String PAYMENT = "io.tessera.it.fixture.declared.Payment";
    private static final String BLOG = "io.tessera.example.blog.";

    private final Set<String> defined = ConcurrentHashMap.newKeySet();
    private ServiceRegistration<WeavingHook> hook;

    @Configuration
    public Option[] config() {
        return tesseraOptions("DeclaredModelsIT");
    }

    @Before
    public void watchClassLoading() {
        hook = context.registerService(WeavingHook.class, woven -> {
            if (woven.getBundleWiring().getBundle().getSymbolicName().startsWith("test.ledger")
                    || woven.getClassName().startsWith(BLOG)) {
                defined.add(woven.getClassName());
            }
        }, null);
    }

    @After
    public void stopWatching() {
        hook.unregister();
    }

    @Test
    public void declaredModelsAreIndexedWithoutLoadingTheirClasses() throws Exception {
        Bundle bundle = installAndStart(TestBundles.app("ledger").models().declaredModels());
        settle();
        App ledger = registry.app("ledger");
        assertEquals(ledger.reason(), AppState.READY, ledger.state());
        assertEquals("ledger.Invoice, ledger.Payment", String.join(", ", registry.app("ledger").models().stream()
                .map(Model::key).toList()));
        Model invoice = registry.model("ledger", "invoice");
        assertEquals("[id: long, customer: long -> auth.User, amount: long]", invoice.fields().toString());
        assertEquals("amount due", invoice.field("amount").orElseThrow().verboseName());
        assertEquals("[id: long, invoice: long -> ledger.Invoice]", registry.model("ledger.Payment").fields()
                .toString());
        assertTrue("a declared reference is a requirement: " + ledger.requirements(),
                ledger.requirements().stream().anyMatch(r -> r.label().equals("auth")));
        assertEquals("ledger", registry.appContaining(INVOICE).map(App::label).orElse("none"));
        assertFalse("READY without loading the model classes: " + defined,
                defined.contains(INVOICE) || defined.contains(PAYMENT));

        assertSame(bundle.loadClass(INVOICE), invoice.type());
        assertTrue(defined.toString(), defined.contains(INVOICE));
        assertFalse("only the class asked for: " + defined, defined.contains(PAYMENT));
        ModelField customer = invoice.field("customer").orElseThrow();
        assertSame(long.class, customer.type());
        assertSame(long.class, registry.model("ledger.Payment").field("invoice").orElseThrow().type());
    }

    /** The whole chain on a bundle this build produced: processor, bnd, manifest, registry. */
    @Test
    public void anExampleBundleAsBuiltIsIndexedFromItsManifestWithoutLoadingItsModels() throws Exception {
        Bundle blog = Arrays.stream(context.getBundles())
                .filter(b -> (BLOG + "Comment," + BLOG + "Post").equals(b.getHeaders("").get("Tessera-Models")))
                .findFirst().orElseThrow();
        String index = blog.getHeaders("").get("Tessera-Model-Index");
        assertTrue(index, index.contains(BLOG + "Post;verbose=\"\";fields=\"id:long::|title:String::|body:String::"
                + "|author:long:auth.User:|published:Instant::\""));

        blog.update(); // a new revision, with a class loader that has loaded nothing yet
        settle();
        assertEquals(registry.app("blog").reason(), AppState.READY, stateOf("blog"));
        assertEquals("[id: long, title: String, body: String, author: long -> auth.User, published: Instant]",
                registry.model("blog.Post").fields().toString());
        assertTrue("the hook sees the bundle's classes: " + defined, defined.contains(BLOG + "BlogApp"));
        assertFalse("READY without loading the model classes: " + defined,
                defined.contains(BLOG + "Post") || defined.contains(BLOG + "Comment"));
        // markdown imports blog's extension point package: after an update without refresh it runs against the
        // old revision, so it waits until it is rewired
        assertEquals(AppState.WAITING, stateOf("markdown"));
        shell("apps:rewire");
        await("the examples are READY after the rewire", () -> {
            for (String label : EXAMPLES) {
                if (stateOf(label) != AppState.READY) {
                    return false;
                }
            }
            return true;
        });
        assertExamplesReady();
    }

    @Test
    public void aClassBothDeclaredAndListedInModelsIsOneModel() throws Exception {
        installAndStart(TestBundles.app("ledger").models("declared.Invoice").declaredModels());
        settle();
        assertEquals(registry.app("ledger").reason(), AppState.READY, stateOf("ledger"));
        assertEquals(List.of("ledger.Invoice", "ledger.Payment"),
                registry.app("ledger").models().stream().map(Model::key).toList());
    }

    @Test
    public void withoutAnIndexTheNamedClassesAreLoadedAndDescribedAsTheAppArrives() throws Exception {
        installAndStart(TestBundles.app("ledger").models().declaredModels().header("Tessera-Model-Index", null));
        settle();
        assertEquals(registry.app("ledger").reason(), AppState.READY, stateOf("ledger"));
        assertTrue("described from the classes: " + defined, defined.containsAll(List.of(INVOICE, PAYMENT)));
        assertEquals("[id: long, customer: long -> auth.User, amount: long]",
                registry.model("ledger.Invoice").fields().toString());
    }

    @Test
    public void aCorruptIndexFailsTheAppNamingTheClause() throws Exception {
        installAndStart(TestBundles.app("ledger").models().declaredModels().header("Tessera-Model-Index",
                TestBundles.DECLARED_INDEX.replace("id:long::|invoice", "id:long|invoice")));
        settle();
        App ledger = registry.app("ledger");
        assertEquals(AppState.FAILED, ledger.state());
        assertTrue(ledger.reason(), ledger.reason().contains("clause 2 of the Tessera-Model-Index header"));
        assertTrue(shell("apps:diag"), shell("apps:diag").contains("rebuild the bundle"));
        assertExamplesReady();
    }

    @Test
    public void aModelWhoseClassIsMissingFailsOnFirstUseWithTheReason() throws Exception {
        installAndStart(TestBundles.app("ledger").models()
                .header("Tessera-Models", "io.tessera.it.fixture.declared.Gone")
                .header("Tessera-Model-Index", "io.tessera.it.fixture.declared.Gone;fields=\"id:long::\""));
        settle();
        assertEquals(AppState.READY, stateOf("ledger"));
        Model gone = registry.model("ledger.Gone");
        try {
            gone.type();
            fail("loaded a class that is not in the bundle");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("class io.tessera.it.fixture.declared.Gone cannot be"
                    + " loaded from bundle test.ledger"));
        }
        String check = shell("apps:check");
        assertTrue(check, check.contains("ERROR ledger: model ledger.Gone: class io.tessera.it.fixture.declared.Gone"
                + " cannot be loaded"));
        assertTrue(check, check.endsWith("System check identified 1 issue (1 error, 0 warnings) in 6 apps.\n"));
        assertExamplesReady();
    }
}
