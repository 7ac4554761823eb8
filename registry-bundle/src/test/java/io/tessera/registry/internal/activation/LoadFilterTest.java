package io.tessera.registry.internal.activation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

/** The load filter's rules: each kind, include and exclude, together, and the keys that are not rules. */
public class LoadFilterTest {

    private static LoadFilter filter(String... keysAndValues) throws LoadFilter.BadRule {
        java.util.HashMap<String, Object> p = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        p.put("service.pid", LoadFilter.PID); // ConfigAdmin's own keys are no rules
        return LoadFilter.parse(p);
    }

    @Test
    public void noRulesLetEveryAppRun() throws Exception {
        assertSame(LoadFilter.NONE, filter());
        assertSame(LoadFilter.NONE, LoadFilter.parse(null));
        assertSame("empty values are no rule", LoadFilter.NONE, filter("include.labels", " ", "exclude.regex", ""));
        assertNull(LoadFilter.NONE.excludes("blog", Set.of("beta")));
    }

    @Test
    public void excludeRulesNameTheRuleThatMatched() throws Exception {
        assertEquals("exclude.labels=blog,polls", filter("exclude.labels", "blog, polls").excludes("polls", Set.of()));
        assertNull(filter("exclude.labels", "blog").excludes("blogs", Set.of()));
        LoadFilter regex = filter("exclude.regex", "b.*g");
        assertEquals("exclude.regex=b.*g", regex.excludes("blog", Set.of()));
        assertNull("the whole label must match", regex.excludes("blogs", Set.of()));
        LoadFilter tags = filter("exclude.tags", "beta,experimental");
        assertEquals("exclude.tags=beta,experimental", tags.excludes("notes", Set.of("core", "beta")));
        assertNull(tags.excludes("notes", Set.of("core")));
        assertNull("an app without tags matches no tag rule", tags.excludes("notes", Set.of()));
    }

    @Test
    public void includeRulesLeaveOutWhatMatchesNone() throws Exception {
        LoadFilter f = filter("include.labels", "auth", "include.tags", "core", "include.regex", "po.*");
        assertNull(f.excludes("auth", Set.of()));
        assertNull(f.excludes("notes", Set.of("core")));
        assertNull(f.excludes("polls", Set.of()));
        assertEquals("the include rules (include.labels=auth; include.regex=po.*; include.tags=core), which it matches"
                + " none of", f.excludes("blog", Set.of("beta")));
    }

    @Test
    public void anExcludeRuleWinsOverAnIncludeRule() throws Exception {
        LoadFilter f = filter("include.regex", ".*", "exclude.tags", "beta");
        assertEquals("exclude.tags=beta", f.excludes("blog", Set.of("beta")));
        assertNull(f.excludes("auth", Set.of()));
    }

    @Test
    public void typedConfigurationsGiveArrays() throws Exception {
        LoadFilter f = LoadFilter.parse(Map.of("exclude.labels", new String[] {"blog", "polls"},
                "include.tags", List.of("core", "web")));
        assertEquals("exclude.labels=blog,polls", f.excludes("blog", Set.of("core")));
        assertNull(f.excludes("auth", Set.of("web")));
    }

    @Test
    public void anInvalidRegexNamesTheKeyAndWhatIsWrong() {
        for (String bad : List.of("blog(", "[a-", "*blog", "a{2,1}")) {
            try {
                filter("include.labels", "auth", "exclude.regex", bad);
                fail(bad + " was accepted");
            } catch (LoadFilter.BadRule e) {
                assertEquals("exclude.regex", e.key());
                assertTrue(e.getMessage(), e.getMessage().startsWith("'" + bad + "' is not a valid regular expression: "));
            }
        }
    }

    @Test
    public void anUnknownRuleKeyIsRefused() {
        for (String key : List.of("include.label", "exclude", "exclude.names")) {
            try {
                filter(key, "blog");
                fail(key + " was accepted");
            } catch (LoadFilter.BadRule e) {
                assertEquals(key, e.key());
                assertTrue(e.getMessage(), e.getMessage().startsWith("unknown key '" + key + "' (known: include.labels"));
            }
        }
    }
}
