package io.tessera.registry.internal.shell;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class PluralTest {

    @Test
    public void oneIsSingularEveryOtherCountIsPlural() {
        assertEquals("0 warnings", Plural.count(0, "warning"));
        assertEquals("1 warning", Plural.count(1, "warning"));
        assertEquals("2 warnings", Plural.count(2, "warning"));
        assertEquals("1 app", Plural.count(1, "app"));
        assertEquals("11 apps", Plural.count(11, "app"));
        assertEquals("-1 errors", Plural.count(-1, "error"));
    }

    @Test
    public void regularEnglishEndings() {
        assertEquals("2 issues", Plural.count(2, "issue"));
        assertEquals("3 classes", Plural.count(3, "class"));
        assertEquals("2 boxes", Plural.count(2, "box"));
        assertEquals("2 matches", Plural.count(2, "match"));
        assertEquals("2 dependencies", Plural.count(2, "dependency"));
        assertEquals("2 keys", Plural.count(2, "key"));
        assertEquals("4 arguments", Plural.count(4, "argument"));
    }
}
