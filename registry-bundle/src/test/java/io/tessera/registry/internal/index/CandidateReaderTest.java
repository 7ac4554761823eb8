package io.tessera.registry.internal.index;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.osgi.framework.Version;

import io.tessera.core.AppConfig;
import io.tessera.core.Model;
import io.tessera.core.ModelRef;
import io.tessera.core.Requirement;

/** Reading an AppConfig into a Candidate: every problem becomes a reason, never an exception. */
public class CandidateReaderTest {

    record Post(String title, @ModelRef("auth.User") long author, @ModelRef("blog.Tag") long tag) {
    }

    record Tag(String name) {
    }

    record Comment(String text) {
    }

    record Broken(@ModelRef("User") long user) {
    }

    static final class One {
        record Entry(String a) {
        }
    }

    static final class Two {
        record Entry(String b) {
        }
    }

    interface NotAModel {
    }

    private static final Origin ORIGIN = new Origin(7, "sym.name", "file:/x.jar", new Version("1.2.3"));

    private static Candidate read(AppConfig config) {
        return CandidateReader.read(42, config, ORIGIN);
    }

    private static AppConfig app(String label, List<Class<?>> models, List<Requirement> requires) {
        return new AppConfig() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public List<Class<?>> models() {
                return models;
            }

            @Override
            public List<Requirement> requires() {
                return requires;
            }
        };
    }

    @Test
    public void readsLabelNameVersionAndOrigin() {
        Candidate c = read(() -> "blog_posts");
        assertNull(c.error());
        assertEquals(42, c.id());
        assertEquals("blog_posts", c.label());
        assertEquals("name defaults to the symbolic name", "sym.name", c.name());
        assertEquals("Blog posts", c.verboseName());
        assertEquals(new Version("1.2.3"), c.version());
        assertEquals(ORIGIN, c.origin());
        assertTrue(c.models().isEmpty());
        assertTrue(c.packages().contains(CandidateReaderTest.class.getPackageName()));
    }

    @Test
    public void missingOriginVersionIsEmptyVersion() {
        Candidate c = CandidateReader.read(1, () -> "blog", new Origin(1, "s", "file:/s.jar", null));
        assertEquals(Version.emptyVersion, c.version());
    }

    @Test
    public void throwingLabelBecomesAnErrorWithAPlaceholderLabel() {
        Candidate c = read(() -> {
            throw new IllegalStateException("no label today");
        });
        assertNotNull(c.error());
        assertTrue(c.error(), c.error().contains("label() threw"));
        assertTrue(c.error(), c.error().contains("no label today"));
        assertEquals("?sym.name", c.label());
    }

    @Test
    public void c08_badLabelBecomesAnErrorStatingTheRule() {
        Candidate c = read(() -> "Blog-Posts");
        assertNotNull(c.error());
        assertTrue(c.error(), c.error().contains("[a-z][a-z0-9_]*"));
        assertEquals("Blog-Posts", c.label());
    }

    @Test
    public void c12_sameModelClassTwiceIsHarmless() {
        Candidate c = read(app("blog", List.of(Tag.class, Comment.class, Tag.class), List.of()));
        assertNull(c.error());
        assertEquals(List.of("Tag", "Comment"), c.models().stream().map(Model::name).toList());
    }

    @Test
    public void c12_twoClassesWithOneModelNameConflict() {
        Candidate c = read(app("blog", List.of(One.Entry.class, Two.Entry.class), List.of()));
        assertNotNull(c.error());
        assertTrue(c.error(), c.error().contains("conflicting models 'Entry' in app 'blog'"));
        assertTrue(c.error(), c.error().contains(One.Entry.class.getName()));
        assertTrue(c.error(), c.error().contains(Two.Entry.class.getName()));
    }

    @Test
    public void modelReferencesImplyRequirementsOnOtherAppsOnly() {
        Candidate c = read(app("blog", List.of(Post.class, Tag.class), List.of()));
        assertNull(c.error());
        assertEquals(List.of(Requirement.of("auth")), c.requirements());
        assertEquals(List.of("auth.User", "blog.Tag"), c.references().stream().map(ModelReference::target).toList());
        assertEquals("Post.author", c.references().get(0).source());
    }

    @Test
    public void declaredRequirementsComeFirstAndAModelReferenceMakesAnOptionalOneMandatory() {
        Candidate c = read(app("blog", List.of(Post.class, Tag.class),
                List.of(Requirement.of("tags").optional(), Requirement.of("auth", "[1.0,2.0)").optional())));
        assertNull(c.error());
        assertEquals(List.of(Requirement.of("tags").optional(), Requirement.of("auth", "[1.0,2.0)")),
                c.requirements());
    }

    @Test
    public void badModelReferenceIsAnError() {
        Candidate c = read(app("blog", List.of(Broken.class), List.of()));
        assertNotNull(c.error());
        assertTrue(c.error(), c.error().contains("Broken.user refers to 'User'"));
        assertTrue(c.error(), c.error().contains("'label.Model'"));
    }

    @Test
    public void requiringItselfOrTwiceIsAnError() {
        Candidate self = read(app("blog", List.of(), List.of(Requirement.of("blog"))));
        assertTrue(String.valueOf(self.error()), String.valueOf(self.error()).contains("app 'blog' requires itself"));
        Candidate twice = read(app("blog", List.of(), List.of(Requirement.of("auth"), Requirement.of("auth", "1.0"))));
        assertTrue(String.valueOf(twice.error()),
                String.valueOf(twice.error()).contains("app 'blog' requires 'auth' twice"));
    }

    @Test
    public void nullEntriesAndNonModelsAreErrors() {
        java.util.ArrayList<Class<?>> models = new java.util.ArrayList<>();
        models.add(null);
        models.add(NotAModel.class);
        models.add(Tag.class);
        Candidate c = read(app("blog", models, java.util.Arrays.asList((Requirement) null)));
        assertNotNull(c.error());
        assertTrue(c.error(), c.error().contains("models() lists null"));
        assertTrue(c.error(), c.error().contains("model " + NotAModel.class.getName() + " cannot be described"));
        assertTrue(c.error(), c.error().contains("requires() lists null"));
        assertEquals("the describable model is still kept", List.of("Tag"),
                c.models().stream().map(Model::name).toList());
    }
}
