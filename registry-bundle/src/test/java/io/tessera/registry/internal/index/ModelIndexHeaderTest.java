package io.tessera.registry.internal.index;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

import io.tessera.core.ModelField;
import io.tessera.core.internal.build.ModelIndexFormat;

/** The Tessera-Model-Index header as bnd writes it from what Tessera's processor generates. */
public class ModelIndexHeaderTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    public void readsEachModelsVerboseNameAndFieldsInOrder() {
        Map<String, ModelIndexHeader.Description> index = ModelIndexHeader.parse(
                "io.x.blog.Comment;verbose=\"\";fields=\"id:long::|post:long:blog.Post:|text:String::Comment text\","
                        + "io.x.blog.Post;verbose=\"blog entry\";fields=\"title:String::\"", problems);
        assertEquals(List.of(), problems);
        assertEquals(2, index.size());
        ModelIndexHeader.Description comment = index.get("io.x.blog.Comment");
        assertEquals("", comment.verboseName());
        assertEquals("[id: long, post: long -> blog.Post, text: String]", comment.fields().toString());
        assertEquals(Optional.of("blog.Post"), comment.fields().get(1).reference());
        assertEquals("post", comment.fields().get(1).verboseName()); // derived
        assertEquals("Comment text", comment.fields().get(2).verboseName());
        assertEquals("blog entry", index.get("io.x.blog.Post").verboseName());
    }

    @Test
    public void whatTheProcessorEncodesReadsBackUnchanged() {
        String verbose = "Preis in ${currency}, \"netto\"; 100% | a=b: \u00fcber\ttab";
        List<ModelIndexFormat.Field> fields = List.of(
                new ModelIndexFormat.Field("lines", "Map<String, Order.Line>", null, "the: lines"),
                new ModelIndexFormat.Field("owner", "long", "auth.User", null));
        String header = ModelIndexFormat.clause("shop.Outer$Price", verbose, fields) + ","
                + ModelIndexFormat.clause("shop.Empty", null, List.of());
        Map<String, ModelIndexHeader.Description> index = ModelIndexHeader.parse(header, problems);
        assertEquals(List.of(), problems);
        assertEquals(verbose, index.get("shop.Outer$Price").verboseName());
        List<ModelField> read = index.get("shop.Outer$Price").fields();
        assertEquals("Map<String, Order.Line>", read.get(0).typeName());
        assertEquals("the: lines", read.get(0).verboseName());
        assertEquals(Optional.empty(), read.get(0).reference());
        assertEquals(Optional.of("auth.User"), read.get(1).reference());
        assertEquals(List.of(), index.get("shop.Empty").fields());
    }

    @Test
    public void aClauseThatIsNotADescriptionIsNamedWithWhatToDo() {
        ModelIndexHeader.parse("a.Good;fields=\"id:long::\",a.Bad;fields=\"id:long:\"", problems);
        assertEquals(1, problems.size());
        String p = problems.get(0);
        assertTrue(p, p.startsWith("clause 2 of the Tessera-Model-Index header ('a.Bad;fields=\"id:long:\"') has a field"));
        assertTrue(p, p.endsWith("rebuild the bundle with this version of Tessera"));
    }

    @Test
    public void malformedEscapesEmptyPartsAndExtraPartsAreProblems() {
        for (String bad : List.of("a.X;verbose=\"100%\"", "a.X;fields=\"id:long::|\"", "a.X;fields=\":long::\"",
                "a.X;fields=\"id:long:::extra\"", "a.X;fields", "%zz;fields=\"\"", ";fields=\"\"")) {
            problems.clear();
            ModelIndexHeader.parse(bad, problems);
            assertEquals(bad, 1, problems.size());
        }
    }

    @Test
    public void noHeaderNoModelsAndUnknownAttributesAreSkipped() {
        assertEquals(Map.of(), ModelIndexHeader.parse(null, problems));
        Map<String, ModelIndexHeader.Description> index = ModelIndexHeader.parse(
                "a.X;since=\"2.0\";fields=\"id:long::\"", problems);
        assertEquals(List.of(), problems);
        assertEquals(1, index.get("a.X").fields().size());
    }
}
