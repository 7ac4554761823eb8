package io.tessera.it;

import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.After;
import org.junit.Before;

import io.tessera.core.App;
import io.tessera.core.AppState;

/**
 * What the data ITs share, inside the framework: the home's {@code etc/} to write
 * {@code io.tessera.data.cfg} into, {@code apps:db} through the real shell, the test PostgreSQL
 * server's control ({@link TestPostgres#control()}, put there by the test class's configuration),
 * and every {@code java.util.logging} record of the JVM (the data layer's and HikariCP's lines go
 * there) kept to be searched for secrets.
 */
public abstract class DataTestSupport extends TesseraTestSupport {

    static final String CFG = "io.tessera.data.cfg";

    /** Every log record published while the test ran, formatted. */
    protected final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String text = r.getMessage() == null ? "" : r.getMessage();
            if (r.getParameters() != null) {
                text = new java.util.logging.SimpleFormatter().formatMessage(r);
            }
            logLines.add(r.getLoggerName() + " " + r.getLevel() + " " + text + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Before
    public void captureLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @After
    public void releaseLog() {
        Logger.getLogger("").removeHandler(capture);
    }

    protected static Path home() {
        return Path.of(System.getProperty("tessera.it.home"));
    }

    protected static Path etc() {
        return home().resolve("etc");
    }

    /** Writes {@code etc/io.tessera.data.cfg} (FileInstall picks it up within its poll interval). */
    protected static void writeConfig(String... lines) throws IOException {
        Path tmp = etc().resolve(".data.tmp");
        Files.writeString(tmp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, etc().resolve(CFG), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    protected static void deleteConfig() throws IOException {
        Files.deleteIfExists(etc().resolve(CFG));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> postgres() {
        Map<String, Object> control = (Map<String, Object>) System.getProperties().get(TestPostgres.CONTROL);
        if (control == null) {
            throw new IllegalStateException("the test class's configuration did not start the test PostgreSQL server");
        }
        return control;
    }

    protected static String postgresUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres().get("port") + "/" + TestPostgres.USER;
    }

    protected static void stopPostgres() {
        ((Runnable) postgres().get("stop")).run();
    }

    protected static void startPostgres() {
        ((Runnable) postgres().get("start")).run();
    }

    /** Runs {@code statement} as the superuser on the test server; the first column of the first row, or "". */
    @SuppressWarnings("unchecked")
    protected static String postgresSql(String statement) {
        return ((Function<String, String>) postgres().get("sql")).apply(statement);
    }

    /** Waits until {@code apps:db} prints a line matching {@code regex}; fails with what it printed last. */
    protected String awaitDb(String regex) throws Exception {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.MULTILINE);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String out = shell("apps:db");
        while (!p.matcher(out).find()) {
            if (System.nanoTime() > deadline) {
                org.junit.Assert.fail("timed out after " + DEADLINE + " waiting until apps:db prints " + regex
                        + "; it printed:\n" + out);
            }
            Thread.sleep(20); // polling interval of a bounded wait, not synchronisation
            out = shell("apps:db");
        }
        return out;
    }

    /** Waits until app {@code label} is in {@code state}. */
    protected void awaitState(String label, AppState state) throws InterruptedException {
        await(label + " is " + state, () -> {
            App a = registry.app(label);
            return a != null && a.state() == state;
        });
    }

    /** No log record, no file under the home's log/ and none of {@code texts} holds {@code secret}. */
    protected void assertNowhere(String secret, String... texts) throws IOException {
        for (String line : new ArrayList<>(logLines)) {
            assertFalse("a log record holds the password: " + line, line.contains(secret));
        }
        Path log = home().resolve("log");
        if (Files.isDirectory(log)) {
            try (var files = Files.list(log)) {
                for (Path f : files.toList()) {
                    assertFalse(f + " holds the password", Files.readString(f).contains(secret));
                }
            }
        }
        for (String t : texts) {
            assertFalse("this holds the password: " + t, t.contains(secret));
        }
    }
}
