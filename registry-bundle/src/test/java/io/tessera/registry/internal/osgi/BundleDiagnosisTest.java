package io.tessera.registry.internal.osgi;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

/** How a requirement nothing provides is put to an operator. */
public class BundleDiagnosisTest {

    private static final String PKG = "osgi.wiring.package";

    @Test
    public void packageRangesReadAsRanges() {
        assertEquals("package com.example.missing [1.0.0,2.0.0)", BundleDiagnosis.describe(PKG,
                "(&(osgi.wiring.package=com.example.missing)(version>=1.0.0)(!(version>=2.0.0)))"));
        assertEquals("package x (1.0.0,2.0.0]", BundleDiagnosis.describe(PKG,
                "(&(osgi.wiring.package=x)(!(version<=1.0.0))(version<=2.0.0))"));
        assertEquals("package x 1.2.0", BundleDiagnosis.describe(PKG, "(&(osgi.wiring.package=x)(version>=1.2.0))"));
        assertEquals("package x [0.0.0,3.0.0)", BundleDiagnosis.describe(PKG, "(&(osgi.wiring.package=x)(!(version>=3.0.0)))"));
        assertEquals("package x", BundleDiagnosis.describe(PKG, "(osgi.wiring.package=x)"));
        assertEquals("package x [1.0.0,2.0.0)", BundleDiagnosis.describe(PKG,
                "(& (osgi.wiring.package=x) (version>=1.0.0) (!(version>=2.0.0)))"));
    }

    @Test
    public void otherShapesAndNamespacesKeepTheirFilter() {
        String withAttribute = "(&(osgi.wiring.package=x)(vendor=acme))";
        assertEquals(PKG + " " + withAttribute, BundleDiagnosis.describe(PKG, withAttribute));
        assertEquals("osgi.extender (&(osgi.extender=osgi.component)(version>=1.5.0))",
                BundleDiagnosis.describe("osgi.extender", "(&(osgi.extender=osgi.component)(version>=1.5.0))"));
        assertEquals("osgi.ee", BundleDiagnosis.describe("osgi.ee", null));
    }

    @Test
    public void reasonNamesTheBundleEachMissingRequirementAndWhatToDo() {
        assertEquals("bundle 12 cannot resolve: it is missing com.example.missing [1.0.0,2.0.0); install a bundle that"
                + " provides it, then start 12",
                BundleDiagnosis.whyNotResolved(12, List.of("com.example.missing [1.0.0,2.0.0)")));
        assertEquals("bundle 3 cannot resolve: it is missing a 1.0.0, b; install bundles that provide them, then start 3",
                BundleDiagnosis.whyNotResolved(3, List.of("a 1.0.0", "b")));
        assertEquals("bundle 4 is installed but not resolved: start 4", BundleDiagnosis.whyNotResolved(4, List.of()));
    }
}
