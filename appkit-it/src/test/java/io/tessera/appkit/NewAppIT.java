package io.tessera.appkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.BeforeClass;
import org.junit.Test;

/**
 * What a new user does, from the README's "Write your own app", offline against the artifacts this
 * build installed: generate an app from the archetype in a fresh folder, build it and run its
 * generated test, drop its jar into a running runtime's deploy folder and see it READY. The
 * section's generate and test commands run as written; the jar its deploy step names is copied
 * into the deploy folder of a runtime started for the test; its figure of Java lines is checked.
 */
public class NewAppIT {

    private static final Path ROOT = Path.of(System.getProperty("tessera.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("tessera.version");
    private static final Path REPO = Path.of(System.getProperty("tessera.local.repo"));
    private static final Path WORK = Path.of(System.getProperty("tessera.test.dir", "target/new-app")).toAbsolutePath();
    private static final String SECTION = "Write your own app";

    @BeforeClass
    public static void theInstalledArtifactsAreThisBuilds() throws IOException {
        sameAsBuilt("tessera-app-archetype", "app-archetype/target/tessera-app-archetype-" + VERSION + ".jar", "jar");
        sameAsBuilt("tessera-app-parent", "app-parent/pom.xml", "pom");
        sameAsBuilt("tessera-testkit", "testkit/target/tessera-testkit-" + VERSION + ".jar", "jar");
        sameAsBuilt("tessera-core", "core-bundle/target/tessera-core-" + VERSION + ".jar", "jar");
    }

    private static void sameAsBuilt(String artifactId, String built, String extension) throws IOException {
        Path installed = REPO.resolve("io/tessera/" + artifactId + "/" + VERSION + "/" + artifactId + "-" + VERSION + "."
                + extension);
        if (!Files.isRegularFile(installed) || Files.mismatch(installed, ROOT.resolve(built)) != -1) {
            fail(installed + " is not the file this build made (" + built + "): run the build with 'mvn -B install',"
                    + " which installs every module before this last one runs (or leave this module out of a"
                    + " 'verify': -pl '!appkit-it')");
        }
    }

    @Test
    public void theReadmesAppIsGeneratedTestedAndReadyInARunningRuntime() throws Exception {
        ReadmeSection readme = ReadmeSection.read(ROOT.resolve("README.md"), SECTION);
        List<String> blocks = readme.shellBlocks();
        assertEquals("the commands of '" + SECTION + "': generate, test, deploy", 3, blocks.size());
        String artifactId = match(blocks.get(0), "-DartifactId=(\\S+)");
        String label = artifactId.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        MavenCommands user = new MavenCommands(fresh(WORK.resolve("readme")), REPO);

        long start = System.nanoTime();
        user.run("generate", blocks.get(0));
        long generated = System.nanoTime();
        Path app = user.folder().resolve(artifactId);
        int lines = javaLines(app.resolve("src/main/java"));
        assertEquals("Java lines of the generated app (the README states them)", readme.number("lines of Java"), lines);
        assertTrue(lines + " lines of Java", lines <= 12);

        String build = user.run("verify", blocks.get(1));
        long tested = System.nanoTime();
        assertTrue(build, build.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed")
                && build.contains("[" + label + "] ready") && build.contains("BUILD SUCCESS"));

        String[] deploy = blocks.get(2).split("\\s+");
        assertEquals("the deploy step copies the jar: " + blocks.get(2), "cp", deploy[0]);
        Path jar = app.resolve(deploy[1]);
        try (JarFile built = new JarFile(jar.toFile())) {
            // the annotation processor in tessera-core ran: bnd wrote the fields it described
            String index = built.getManifest().getMainAttributes().getValue("Tessera-Model-Index");
            assertTrue(index, index != null && index.contains("owner:long:auth.User:")
                    && index.contains("item:long:" + label + ".Item:"));
        }
        Path folder = Files.createDirectories(user.folder().resolve("deploy"));
        try (RuntimeProcess runtime = RuntimeProcess.start(ROOT.resolve("runtime/target/tessera-runtime.jar"), folder)) {
            runtime.await("the runtime has started", Duration.ofSeconds(60), null, c -> c.contains("Tessera started in"));
            long copied = System.nanoTime();
            Files.copy(jar, folder.resolve(jar.getFileName()));
            Pattern row = Pattern.compile("(?m)(^|\\s)" + label + "\\s+READY\\s");
            runtime.await("apps:list shows " + label + " READY", Duration.ofSeconds(30), "apps:list",
                    c -> row.matcher(c).find());
            long ready = System.nanoTime();
            assertTrue(runtime.console(), runtime.console().contains("[" + label + "] ready"));
            report(String.format("%s: generate %.1f s, mvn verify %.1f s, READY %.2f s after the copy;"
                    + " %.1f s from the archetype command to READY (the runtime's own start not counted); %d lines of Java",
                    label, seconds(generated - start), seconds(tested - generated), seconds(ready - copied),
                    seconds(generated - start + tested - generated + ready - copied), lines));
        }
    }

    /** Beside the README's plain "shop": capitals, hyphens and dots, and an underscore already in place. */
    @Test
    public void theLabelClassAndPackageComeFromTheArtifactId() throws Exception {
        String command = ReadmeSection.read(ROOT.resolve("README.md"), SECTION).shellBlocks().get(0);
        MavenCommands user = new MavenCommands(fresh(WORK.resolve("names")), REPO);
        for (String[] kind : new String[][] {{"Book-Club.v2", "book_club_v2", "BookClubV2App"},
                {"my_notes", "my_notes", "MyNotesApp"}}) {
            user.run("generate-" + kind[1], command.replaceFirst("-DartifactId=\\S+", "-DartifactId=" + kind[0]));
            Path sources = user.folder().resolve(kind[0]).resolve("src/main/java/com/example/" + kind[1]);
            String app = Files.readString(sources.resolve(kind[2] + ".java"));
            assertTrue(app, app.contains("public class " + kind[2] + " extends AppActivator")
                    && app.contains("return \"" + kind[1] + "\";") && app.contains("package com.example." + kind[1] + ";"));
            assertTrue(Files.readString(sources.resolve("Note.java")).contains("@ModelRef(\"" + kind[1] + ".Item\")"));
            assertTrue(Files.isRegularFile(user.folder().resolve(kind[0])
                    .resolve("src/test/java/com/example/" + kind[1] + "/" + kind[2] + "IT.java")));
        }
    }

    /** Lines of Java that are code: not blank, not package or import, not comments. */
    static int javaLines(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            int n = 0;
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String t = line.trim();
                    boolean code = !t.isEmpty() && !t.startsWith("package ") && !t.startsWith("import ")
                            && !t.startsWith("/*") && !t.startsWith("*") && !t.startsWith("//");
                    n += code ? 1 : 0;
                }
            }
            return n;
        }
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue("'" + text + "' has no " + regex, m.find());
        return m.group(1);
    }

    private static Path fresh(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        return Files.createDirectories(folder);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void report(String line) throws IOException {
        System.out.println("[new app] " + line);
        Files.writeString(WORK.resolve("timings.txt"), line + "\n");
    }
}
