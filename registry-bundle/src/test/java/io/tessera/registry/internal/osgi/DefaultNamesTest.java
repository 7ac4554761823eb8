package io.tessera.registry.internal.osgi;

import static org.junit.Assert.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.Test;

/** Default names: the symbolic name for a bundle's only unnamed app, symbolicName.label for several, in any order. */
public class DefaultNamesTest {

    private final DefaultNames names = new DefaultNames();
    private final Map<Long, String> renames = new HashMap<>();

    @Test
    public void theOnlyUnnamedAppOfABundleIsNamedAfterTheBundle() {
        assertEquals("com.example.shop", names.claim(7, "com.example.shop", 100, "orders", renames));
        assertEquals(Map.of(), renames);
        assertEquals("com.example.blog", names.claim(8, "com.example.blog", 101, "blog", renames));
        assertEquals(Map.of(), renames);
    }

    @Test
    public void aSecondUnnamedAppRenamesTheFirstSoEachCarriesItsLabel() {
        names.claim(7, "com.example.shop", 100, "orders", renames);
        assertEquals("com.example.shop.billing", names.claim(7, "com.example.shop", 101, "billing", renames));
        assertEquals(Map.of(100L, "com.example.shop.orders"), renames);
        renames.clear();
        assertEquals("com.example.shop.stock", names.claim(7, "com.example.shop", 102, "stock", renames));
        assertEquals(Map.of(), renames);
    }

    @Test
    public void theNamesDoNotDependOnTheOrderOfRegistration() {
        DefaultNames reversed = new DefaultNames();
        Map<Long, String> final1 = new HashMap<>();
        final1.put(100L, names.claim(7, "s", 100, "a", final1));
        final1.put(101L, names.claim(7, "s", 101, "b", final1));
        Map<Long, String> final2 = new HashMap<>();
        final2.put(101L, reversed.claim(7, "s", 101, "b", final2));
        final2.put(100L, reversed.claim(7, "s", 100, "a", final2));
        assertEquals(Map.of(100L, "s.a", 101L, "s.b"), final1);
        assertEquals(final1, final2);
    }

    @Test
    public void theLastUnnamedAppLeftTakesTheBundleNameAgain() {
        names.claim(7, "s", 100, "a", renames);
        names.claim(7, "s", 101, "b", renames);
        renames.clear();
        names.release(7, 101, renames);
        assertEquals(Map.of(100L, "s"), renames);
        renames.clear();
        names.release(7, 100, renames);
        names.release(7, 100, renames); // twice, or an id never claimed: nothing
        names.release(9, 1, renames);
        assertEquals(Map.of(), renames);
        assertEquals("s", names.claim(7, "s", 102, "c", renames));
    }
}
