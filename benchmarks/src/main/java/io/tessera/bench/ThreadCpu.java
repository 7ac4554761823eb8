package io.tessera.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's threads, grouped by name with trailing digits dropped ("C2 CompilerThre",
 * "GC Thread#", "java" for main), read from Linux's {@code /proc/self/task/<tid>/schedstat}. On
 * other systems it reports nothing. Used to show, on a two-core machine, how much of a run went to
 * the JIT compiler and the GC rather than to the code being measured.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    /** Nanoseconds of CPU per thread group so far. */
    static Map<String, Long> sample() {
        Map<String, Long> byGroup = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+$", "#");
                    String ns = Files.readString(task.resolve("schedstat")).trim().split(" ")[0];
                    byGroup.merge(name.replace(' ', '_'), Long.parseLong(ns), Long::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException | RuntimeException noProc) {
            // not Linux: nothing to report
        }
        return byGroup;
    }

    /** "group=ms,group=ms" for groups that used at least 5 ms since {@code before}. */
    static String since(Map<String, Long> before) {
        StringBuilder out = new StringBuilder();
        sample().forEach((group, ns) -> {
            long ms = (ns - before.getOrDefault(group, 0L)) / 1_000_000;
            if (ms >= 5) {
                out.append(out.length() == 0 ? "" : ",").append(group).append('=').append(ms);
            }
        });
        return out.toString();
    }
}
