package io.tessera.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.osgi.framework.Version;

/** Requirements parse OSGi ranges, and refuse the ones no version can match. */
public class RequirementTest {

    @Test
    public void rangesThatCanMatchAreKept() {
        assertTrue(Requirement.of("auth", "[1.0,1.0]").accepts(new Version(1, 0, 0)));
        assertTrue(Requirement.of("auth", "1.2").accepts(new Version(7, 0, 0)));
        assertFalse(Requirement.of("auth", "[1.0,2.0)").accepts(new Version(2, 0, 0)));
        assertEquals("auth [1.0.0,1.0.1) (optional)", Requirement.parse("auth [1.0,1.0.1) optional").toString());
    }

    @Test
    public void aLowerBoundAboveTheUpperOneIsRefusedWithTheRangeToWrite() {
        String message = assertThrows(IllegalArgumentException.class, () -> Requirement.of("auth", "[2.0,1.0)"))
                .getMessage();
        assertEquals("requirement 'auth [2.0,1.0)' has the version range [2.0.0,1.0.0), which no version can ever"
                + " match: its lower bound 2.0.0 is above its upper bound 1.0.0; write the lower bound first, as in"
                + " [1.0.0,2.0.0)", message);
    }

    @Test
    public void aRangeWithOneVersionOpenAtEitherEndIsRefusedWithTheExactForm() {
        for (String range : new String[] {"(1.0,1.0)", "[1.0,1.0)", "(1.0,1.0]"}) {
            String message = assertThrows(range, IllegalArgumentException.class, () -> Requirement.of("auth", range))
                    .getMessage();
            assertTrue(message, message.startsWith("requirement 'auth " + range + "' has the version range "));
            assertTrue(message, message.endsWith(", which no version can ever match: it excludes its only version"
                    + " 1.0.0; write [1.0.0,1.0.0] for exactly 1.0.0, or 1.0.0 for 1.0.0 and above"));
        }
    }

    @Test
    public void theTextFormRefusesEmptyRangesToo() {
        String message = assertThrows(IllegalArgumentException.class, () -> Requirement.parse(" auth (1.0,1.0) optional"))
                .getMessage();
        assertTrue(message, message.startsWith("requirement 'auth (1.0,1.0) optional' has the version range (1.0.0,1.0.0),"
                + " which no version can ever match"));
        String reversed = assertThrows(IllegalArgumentException.class, () -> Requirement.parse("tags [3,2]")).getMessage();
        assertTrue(reversed, reversed.endsWith("as in [2.0.0,3.0.0)"));
    }
}
