package io.tessera.it;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The data layer in a Pax Exam framework, as the runtime assembles it: the JDBC service API before
 * the drivers (H2, PostgreSQL), HikariCP with slf4j 1.7, the data bundle (which carries slf4j 1.7's binding); a home of the test's own
 * ({@code target/it/TEST/home}, framework property {@code tessera.home}, emptied first), whose
 * {@code etc/} FileInstall feeds to ConfigAdmin as the launcher sets it up. Add
 * {@link #options(String)} to {@link TesseraTestSupport#tesseraOptions}.
 */
final class DataBundles {

    private DataBundles() {
    }

    static Option options(String testName) {
        Path bundles = Path.of(System.getProperty("tessera.bundles", "target/bundles")).toAbsolutePath();
        Path home = home(testName);
        emptied(home);
        Path etc = home.resolve("etc");
        try {
            Files.createDirectories(etc);
            Files.createDirectories(home.resolve("log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return composite(
                frameworkProperty("tessera.home").value(home.toString()),
                systemProperty("tessera.it.home").value(home.toString()),
                // the registry's problems and notes go to the home's log file, as in the runtime
                frameworkProperty("tessera.log.file").value(home.resolve("log/tessera.log").toString()),
                jar(bundles, "org.osgi.service.jdbc"), // first: the drivers import it only optionally
                jar(bundles, "h2"),
                jar(bundles, "postgresql"),
                jar(bundles, "slf4j-api-1.7"),
                jar(bundles, "HikariCP"),
                jar(bundles, "tessera-data"),
                jar(bundles, "org.apache.felix.fileinstall"),
                frameworkProperty("felix.fileinstall.dir").value(etc.toString()),
                frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config)"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("felix.fileinstall.poll").value("200"),
                frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
    }

    /** {@code target/it/TEST/home}. */
    static Path home(String testName) {
        return Path.of(System.getProperty("tessera.test.dir", "target/it")).toAbsolutePath().resolve(testName).resolve("home");
    }

    private static Option jar(Path folder, String name) {
        Path jar = folder.resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with 'mvn verify' from the project root");
        }
        return bundle(jar.toUri().toString());
    }

    private static void emptied(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
