package io.tessera.it;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

/**
 * The web as the runtime ships it, for Pax Exam: the logging Jetty needs (SPI Fly with ASM, slf4j 2
 * and its java.util.logging provider), the Servlet API, Felix HTTP with Jetty 12, Jackson (the admin API's
 * JSON) and Tessera's web bundle, listening on loopback on a port that was free when the test class was configured (the
 * system property {@value #PORT_PROPERTY} tells the test which).
 */
final class WebBundles {

    static final String PORT_PROPERTY = "tessera.it.http.port";

    private static final String[] JARS = {
        "asm", "asm-tree", "asm-analysis", "asm-commons", "asm-util", "org.apache.aries.spifly.dynamic.bundle",
        "slf4j-api", "slf4j-jdk14", "org.apache.felix.http.servlet-api", "commons-io", "commons-fileupload",
        "org.apache.felix.http.jetty12", "jackson-annotations", "jackson-core", "jackson-databind", "tessera-web"};

    private WebBundles() {
    }

    /** Every bundle {@link TesseraTestSupport#tesseraOptions} provisions, and the web. */
    static Option[] withWeb(String testName) {
        return OptionUtils.combine(TesseraTestSupport.tesseraOptions(testName), options());
    }

    /** The web's bundles and its loopback address on a free port. */
    static Option[] options() {
        Path bundles = Path.of(System.getProperty("tessera.bundles", "target/bundles")).toAbsolutePath();
        int port = freePort();
        Option[] web = new Option[JARS.length + 3];
        for (int i = 0; i < JARS.length; i++) {
            Path jar = bundles.resolve(JARS[i] + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run the tests with 'mvn verify' from the project root");
            }
            web[i] = bundle(jar.toUri().toString());
        }
        web[JARS.length] = frameworkProperty("org.apache.felix.http.host").value("127.0.0.1");
        web[JARS.length + 1] = frameworkProperty("org.osgi.service.http.port").value(String.valueOf(port));
        web[JARS.length + 2] = systemProperty(PORT_PROPERTY).value(String.valueOf(port));
        return web;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
