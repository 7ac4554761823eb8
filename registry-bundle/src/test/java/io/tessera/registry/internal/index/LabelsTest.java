package io.tessera.registry.internal.index;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The label rule and the messages that state it (C08). */
public class LabelsTest {

    private static final String RULE = "[a-z][a-z0-9_]*";

    @Test
    public void validLabelsHaveNoProblem() {
        for (String ok : new String[] {"blog", "a", "blog_posts", "b2", "x_1_y", "a".repeat(64)}) {
            assertNull(ok, Labels.problem(ok));
            assertTrue(ok, Labels.isValid(ok));
        }
    }

    @Test
    public void c08_dotIsRejectedWithTheRule() {
        String p = Labels.problem("blog.posts");
        assertNotNull(p);
        assertTrue(p, p.contains("'blog.posts'"));
        assertTrue(p, p.contains(RULE));
        assertTrue(p, p.contains("no dots"));
        assertTrue(p, p.contains("for example 'blog_posts'"));
    }

    @Test
    public void c08_dashIsRejectedWithTheRule() {
        String p = Labels.problem("blog-posts");
        assertNotNull(p);
        assertTrue(p, p.contains(RULE));
        assertTrue(p, p.contains("dashes"));
        assertTrue(p, p.contains("for example 'blog_posts'"));
    }

    @Test
    public void c08_leadingDigitIsRejectedWithTheRule() {
        String p = Labels.problem("2blog");
        assertNotNull(p);
        assertTrue(p, p.contains(RULE));
        assertTrue(p, p.contains("lower-case letter first"));
        assertTrue(p, p.contains("for example 'blog'"));
        assertFalse(Labels.isValid("_blog"));
    }

    @Test
    public void c08_upperCaseIsRejectedWithTheRule() {
        String p = Labels.problem("Blog");
        assertNotNull(p);
        assertTrue(p, p.contains(RULE));
        assertTrue(p, p.contains("capitals"));
        assertTrue(p, p.contains("for example 'blog'"));
        assertFalse(Labels.isValid("blogPosts"));
    }

    @Test
    public void c08_overSixtyFourCharactersIsRejectedWithTheLimit() {
        String label = "a".repeat(65);
        String p = Labels.problem(label);
        assertNotNull(p);
        assertTrue(p, p.contains("65 characters"));
        assertTrue(p, p.contains("at most 64"));
        assertTrue("long labels are abbreviated: " + p, p.contains("'" + "a".repeat(20) + "...'"));
        assertFalse(Labels.isValid(label));
    }

    @Test
    public void c08_emptyOrMissingLabelIsRejectedWithTheRule() {
        for (String missing : new String[] {"", null}) {
            String p = Labels.problem(missing);
            assertNotNull(p);
            assertTrue(p, p.contains("no label"));
            assertTrue(p, p.contains(RULE));
            assertFalse(Labels.isValid(missing));
        }
    }

    @Test
    public void noExampleIsOfferedWhenNoValidFixExists() {
        String p = Labels.problem("123");
        assertNotNull(p);
        assertFalse(p, p.contains("for example"));
        assertEquals(64, Labels.MAX_LENGTH);
    }
}
