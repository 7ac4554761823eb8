package io.tessera.appkit;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs command lines as a new user types them, with bash, in one folder, with the Maven that
 * runs this build. Offline, against this build's local repository: a {@code .mvn/maven.config}
 * in that folder (Maven reads it from the nearest parent folder that has one) says so, so the
 * README's commands run exactly as written.
 */
final class MavenCommands {

    private static final long MINUTES = 10;

    private final Path folder;
    private final Path logs;

    MavenCommands(Path folder, Path localRepository) throws IOException {
        this.folder = folder;
        this.logs = Files.createDirectories(folder.resolve("logs"));
        Path config = Files.createDirectories(folder.resolve(".mvn")).resolve("maven.config");
        Files.write(config, List.of("--offline", "-Dmaven.repo.local=" + localRepository));
    }

    Path folder() {
        return folder;
    }

    /** Runs {@code commandLine}; returns its output without colours; fails with the output's end if it exits non-zero. */
    String run(String name, String commandLine) throws IOException, InterruptedException {
        Path log = logs.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", commandLine).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        String mavenHome = System.getProperty("maven.home");
        if (mavenHome != null) {
            pb.environment().put("PATH", mavenHome + "/bin:" + pb.environment().get("PATH"));
        }
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("'" + commandLine + "' did not finish within " + MINUTES + " minutes; see " + log);
        }
        // colours, as Maven prints them to a terminal when not in batch mode (the README's mvn verify)
        String output = Files.readString(log).replaceAll("\u001B\\[[;\\d]*m", "");
        if (p.exitValue() != 0) {
            fail("'" + commandLine + "' exited with " + p.exitValue() + " (log: " + log + "):\n" + tail(output));
        }
        return output;
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }
}
