package io.tessera.core.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** Verbose names as Django derives them. */
public class NamesTest {

    @Test
    public void fieldNamesInCamelOrSnakeCaseBecomeWords() {
        assertEquals("pub date", Names.verboseNameOfField("pubDate"));
        assertEquals("pub date", Names.verboseNameOfField("pub_date"));
        assertEquals("pub date", Names.verboseNameOfField("pub__date"));
        assertEquals("x", Names.verboseNameOfField("__x__"));
        assertEquals("html body", Names.verboseNameOfField("HTMLBody"));
        assertEquals("", Names.verboseNameOfField("_"));
    }

    @Test
    public void typeNamesLoseTheirPackagesInReflectionsFormAndJavacs() {
        assertEquals("Map<String, Order.Line>", Names.withoutPackages("java.util.Map<java.lang.String, shop.Order$Line>"));
        assertEquals("Map<String, Order.Line>", Names.withoutPackages("java.util.Map<java.lang.String,shop.Order.Line>"));
        assertEquals("List<? extends Number>[]", Names.withoutPackages("java.util.List<? extends java.lang.Number>[]"));
        assertEquals("long", Names.withoutPackages("long"));
    }

    @Test
    public void classAndLabelNames() {
        assertEquals("blog post", Names.verboseNameOfClass("BlogPost"));
        assertEquals("Blog posts", Names.verboseNameOfLabel("blog_posts"));
    }
}
