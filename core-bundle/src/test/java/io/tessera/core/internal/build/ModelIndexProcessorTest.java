package io.tessera.core.internal.build;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Runs the real compiler with the processor over small sources and reads the descriptions it generates. */
public class ModelIndexProcessorTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<String> errors = new ArrayList<>();

    @Test
    public void recordComponentsAreFieldsWithTypesReferencesAndVerboseNames() throws Exception {
        List<String> index = clauses(Map.of("shop/Order.java", """
                package shop;
                import io.tessera.core.*;
                import java.util.List;
                import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
                @AppModel @VerboseName("purchase order")
                public record Order(long id, @ModelRef("auth.User") long customer, List<String> tags,
                        Map<String, Order.Line> lines, int[] counts, @VerboseName("due on") java.time.Instant due) {
                    public record Line(int qty) {}
                }
                """));
        assertEquals(List.of("shop.Order;verbose=\"purchase order\";fields=\"id:long::|customer:long:auth.User:"
                + "|tags:List<String>::|lines:Map<String%2C Order.Line>::|counts:int[]::|due:Instant::due on\""), index);
    }

    @Test
    public void classFieldsComeSuperclassFirstWithoutStaticOrTransientOnes() throws Exception {
        List<String> index = clauses(Map.of("shop/Base.java", """
                package shop;
                public abstract class Base { protected long id; static int count; }
                """, "shop/Item.java", """
                package shop;
                @io.tessera.core.AppModel
                public class Item extends Base { String name; transient Object cache; static final int MAX = 3; }
                """, "shop/Box.java", """
                package shop;
                public class Box { @io.tessera.core.AppModel public static class Nested { String label; } }
                """));
        assertEquals(List.of("shop.Box%24Nested;verbose=\"\";fields=\"label:String::\"",
                "shop.Item;verbose=\"\";fields=\"id:long::|name:String::\""), index);
    }

    @Test
    public void whatTheHeaderOrBndGivesAMeaningToIsEncoded() throws Exception {
        List<String> index = clauses(Map.of("Price.java", """
                @io.tessera.core.AppModel @io.tessera.core.VerboseName("Preis in ${currency}, \\"netto\\"; 100% | a=b: über")
                public class Price { long cents; }
                """));
        assertEquals(List.of("Price;verbose=\"Preis in %24{currency}%2C %22netto%22%3B 100%25 %7C a%3Db%3A über\";"
                + "fields=\"cents:long::\""), index);
    }

    @Test
    public void whatCannotBeAModelIsACompileErrorNamingTheRule() throws Exception {
        clauses(Map.of("shop/Bad.java", """
                package shop;
                @io.tessera.core.AppModel public abstract class Bad { long id; }
                """, "shop/Outer.java", """
                package shop;
                public class Outer { @io.tessera.core.AppModel public class Inner { long id; } }
                """, "shop/Kind.java", """
                package shop;
                @io.tessera.core.AppModel public enum Kind { A }
                """));
        assertEquals(errors.toString(), 3, errors.size());
        assertTrue(errors.toString(), errors.stream().anyMatch(e -> e.contains("concrete class (Bad is abstract)")));
        assertTrue(errors.toString(), errors.stream().anyMatch(e -> e.contains("(Inner is an inner class)")));
        assertTrue(errors.toString(), errors.stream().anyMatch(e -> e.contains("not on enum")));
    }

    @Test
    public void noModelsNothingGenerated() throws Exception {
        assertEquals(List.of(), clauses(Map.of("shop/Plain.java", "package shop; public class Plain { long id; }")));
        assertTrue(errors.toString(), errors.isEmpty());
    }

    /**
     * The header clauses bnd writes from the generated classes (its template filled with their
     * {@link ModelDescription} values), by class name; empty if compiling failed.
     */
    private List<String> clauses(Map<String, String> sources) throws IOException {
        Path out = tmp.newFolder().toPath();
        Path generated = tmp.newFolder().toPath();
        if (!run(sources, out, generated)) {
            return List.of();
        }
        List<String> clauses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(generated)) {
            for (Path source : files.filter(f -> f.getFileName().toString().startsWith(ModelIndexProcessor.PREFIX))
                    .toList()) {
                String text = Files.readString(source, StandardCharsets.UTF_8);
                Matcher m = DESCRIPTION.matcher(text);
                assertTrue(text, m.find());
                String compiled = out.resolve(generated.relativize(source).toString().replace(".java", ".class"))
                        .toString();
                assertTrue("the generated class compiles: " + compiled, Files.exists(Path.of(compiled)));
                clauses.add(unescape(m.group(1)) + ";verbose=\"" + unescape(m.group(2)) + "\";fields=\""
                        + unescape(m.group(3)) + "\"");
            }
        }
        clauses.sort(null);
        return clauses;
    }

    private static final Pattern DESCRIPTION = Pattern.compile(
            "model = \"([^\"]*)\",\\s*verbose = \"([^\"]*)\",\\s*fields = \"([^\"]*)\"\\)");

    /** The generated literals are ASCII: anything else is a unicode escape. */
    private static String unescape(String literal) {
        Matcher m = Pattern.compile("\\\\u([0-9a-f]{4})").matcher(literal);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Character.toString((char) Integer.parseInt(m.group(1), 16)));
        }
        return m.appendTail(out).toString();
    }

    private boolean run(Map<String, String> sources, Path out, Path generated) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> units.add(new SimpleJavaFileObject(URI.create("string:///" + path),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostics,
                List.of("-d", out.toString(), "-s", generated.toString(), "-classpath", System.getProperty("java.class.path")), null, units);
        task.setProcessors(List.of(new ModelIndexProcessor()));
        boolean ok = task.call();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(d.getMessage(null));
            }
        }
        return ok;
    }
}
