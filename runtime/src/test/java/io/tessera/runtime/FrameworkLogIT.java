package io.tessera.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.Test;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;

/**
 * The launcher's framework logger in a real Felix: what the framework logs reaches the console
 * as one line naming the bundle, and the log file with the stack trace.
 */
public class FrameworkLogIT {

    @Test
    public void aFrameworkErrorIsOneConsoleLineAndARecordWithItsStackTraceInTheLogFile() throws Exception {
        Path dir = Files.createTempDirectory("framework-log");
        Path file = dir.resolve("log/tessera.log");
        Map<String, Object> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, dir.resolve("storage").toString());
        properties.put("felix.log.level", "2");
        // this JVM's URL handlers belong to the Pax Exam tests' frameworks
        properties.put("felix.service.urlhandlers", "false");
        properties.put("felix.log.logger", new FrameworkLog(file));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Framework framework = new FrameworkFactory().newFramework((Map) properties);
        PrintStream console = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            framework.start();
            // a listener that throws: Felix logs it and goes on (synchronous, so before installBundle returns)
            framework.getBundleContext().addBundleListener((SynchronousBundleListener) event -> {
                if (event.getType() == BundleEvent.INSTALLED) {
                    throw new IllegalStateException("listener broke");
                }
            });
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            framework.getBundleContext().installBundle("test:plain", new ByteArrayInputStream(plainBundle()));
        } finally {
            System.setErr(console);
            framework.stop();
            framework.waitForStop(10_000);
        }
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size());
        assertTrue(lines.get(0), lines.get(0).matches("\\[felix\\] ERROR bundle 0 org\\.apache\\.felix\\.framework: .+"
                + ": IllegalStateException: listener broke \\(stack trace in " + java.util.regex.Pattern.quote(file.toString()) + "\\)"));
        String written = Files.readString(file);
        assertTrue(written, written.matches("(?s)\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z ERROR \\[felix\\] bundle 0 org\\.apache\\.felix\\.framework: .+\n"
                + "java\\.lang\\.IllegalStateException: listener broke\n"
                + "\tat io\\.tessera\\.runtime\\.FrameworkLogIT\\.lambda\\$.*"));
    }

    private static byte[] plainBundle() throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "test.plain");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, manifest).close();
        return bytes.toByteArray();
    }
}
