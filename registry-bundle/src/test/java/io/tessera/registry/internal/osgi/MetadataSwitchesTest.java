package io.tessera.registry.internal.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.Test;

/** {@code system} and {@code tags} in the Tessera-App header, as bnd writes them from {@code @AppMetadata}. */
public class MetadataSwitchesTest {

    @Test
    public void bndsDefaultsMeanANonSystemAppWithoutTags() {
        MetadataAppConfig c = new MetadataAppConfig(null, "notes;verbose-name=\"Sticky notes\";models=\"\";"
                + "requires=\"auth [0.1,1)\";system=false;tags=\"\"");
        assertFalse(c.system());
        assertEquals(Set.of(), c.tags());
        assertEquals(List.of(), c.problems());
    }

    @Test
    public void systemAndTagsAreRead() {
        MetadataAppConfig c = new MetadataAppConfig(null, "auth;system=true;tags=\"core, web\"");
        assertTrue(c.system());
        assertEquals(Set.of("core", "web"), c.tags());
        assertEquals(List.of(), c.problems());
    }

    @Test
    public void aSystemValueThatIsNoBooleanIsAProblem() {
        MetadataAppConfig c = new MetadataAppConfig(null, "auth;system=yes");
        assertFalse(c.system());
        assertEquals(List.of("in the Tessera-App header: system=\"yes\" is neither true nor false"), c.problems());
    }
}
