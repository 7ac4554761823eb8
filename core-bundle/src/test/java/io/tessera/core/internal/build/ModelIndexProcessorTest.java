package io.tessera.core.internal.build;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.tessera.core.AppModel;

/** Runs the real compiler with the processor over small sources and reads the index it writes. */
public class ModelIndexProcessorTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<String> errors = new ArrayList<>();

    @Test
    public void recordComponentsAreFieldsWithTypesReferencesAndVerboseNames() throws Exception {
        List<String> index = compile(Map.of("shop/Order.java", """
                package shop;
                import io.tessera.core.*;
                import java.util.List;
                import java.util.Map;
                @AppModel @VerboseName("purchase order")
                public record Order(long id, @ModelRef("auth.User") long customer, List<String> tags,
                        Map<String, Order.Line> lines, int[] counts, @VerboseName("due on") java.time.Instant due) {
                    public record Line(int qty) {}
                }
                """));
        assertEquals(List.of(
                "model\tshop.Order\tpurchase order",
                "field\tid\tlong\t\t",
                "field\tcustomer\tlong\t\tauth.User",
                "field\ttags\tList<String>\t\t",
                "field\tlines\tMap<String, Order.Line>\t\t",
                "field\tcounts\tint[]\t\t",
                "field\tdue\tInstant\tdue on\t"), index);
    }

    @Test
    public void classFieldsComeSuperclassFirstWithoutStaticOrTransientOnes() throws Exception {
        List<String> index = compile(Map.of("shop/Base.java", """
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
        assertEquals(List.of(
                "model\tshop.Box$Nested\t",
                "field\tlabel\tString\t\t",
                "model\tshop.Item\t",
                "field\tid\tlong\t\t",
                "field\tname\tString\t\t"), index);
    }

    @Test
    public void whatCannotBeAModelIsACompileErrorNamingTheRule() throws Exception {
        compile(Map.of("shop/Bad.java", """
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
    public void noModelsNoIndex() throws Exception {
        Path out = tmp.newFolder().toPath();
        assertTrue(run(Map.of("shop/Plain.java", "package shop; public class Plain { long id; }"), out));
        assertFalse(Files.exists(out.resolve(AppModel.INDEX)));
    }

    /** The index's lines without its comment, or empty if compiling failed. */
    private List<String> compile(Map<String, String> sources) throws IOException {
        Path out = tmp.newFolder().toPath();
        if (!run(sources, out)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve(AppModel.INDEX), StandardCharsets.UTF_8));
        assertTrue(lines.toString(), lines.remove(0).startsWith("# "));
        return lines;
    }

    private boolean run(Map<String, String> sources, Path out) {
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
                List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path")), null, units);
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
