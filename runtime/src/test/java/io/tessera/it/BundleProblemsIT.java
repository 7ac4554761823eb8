package io.tessera.it;

import static io.tessera.it.BundleChecks.MISSING_IMPORT;
import static io.tessera.it.BundleChecks.appsOfBundle;
import static io.tessera.it.BundleChecks.assertContains;
import static io.tessera.it.BundleChecks.bundle;
import static io.tessera.it.BundleChecks.reportStartFailure;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import io.tessera.it.fixture.FixtureApp;

/**
 * Bundles not known to be apps that cannot resolve (each missing requirement: a package with its
 * range, a bundle or capability with its filter) or whose activator throws (its class, message
 * and first frame) are bundle problems in {@code apps:diag} and {@code apps:check}, whether
 * installed through the API or dropped into the deploy folder; and the check's counts read right.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleProblemsIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("BundleProblemsIT");
    }

    @Test
    public void bundleThatIsNoAppAndCannotResolveIsABundleProblem() throws Exception {
        Bundle pkg = install(TestBundles.app("x").header("Bundle-SymbolicName", "test.missingpkg")
                .header("Bundle-Activator", null).header("X-Label", null).header("Import-Package", MISSING_IMPORT));
        Bundle req = install(TestBundles.app("x").header("Bundle-SymbolicName", "test.missingbundle")
                .header("Bundle-Activator", null).header("X-Label", null)
                .header("Require-Bundle", "com.example.nothere;bundle-version=\"[2.0,3.0)\""));
        settle();
        long p = pkg.getBundleId();
        long r = req.getBundleId();
        String diag = shell("apps:diag");
        assertContains(diag, "bundle " + p + " test.missingpkg (" + pkg.getLocation() + ") cannot resolve: it is missing"
                + " package com.example.missing [1.0.0,2.0.0); install a bundle that provides it, then start " + p,
                "bundle " + r + " test.missingbundle (" + req.getLocation() + ") cannot resolve: it is missing"
                        + " osgi.wiring.bundle (&(osgi.wiring.bundle=com.example.nothere)(bundle-version>=2.0.0)"
                        + "(!(bundle-version>=3.0.0)))");
        String check = shell("apps:check");
        assertContains(check, "ERROR bundle " + p + " test.missingpkg cannot resolve: it is missing package com.example.missing"
                + " [1.0.0,2.0.0)", "ERROR bundle " + r + " test.missingbundle cannot resolve");
        assertTrue("neither is an app", appsOfBundle(registry, p).isEmpty() && appsOfBundle(registry, r).isEmpty());
        assertExamplesReady();
    }

    @Test
    public void bundleThatIsNoAppAndWhoseActivatorThrowsNamesTheFrame() throws Exception {
        Bundle b = install(TestBundles.app("plainthrow").activatorThrows("cannot open port"));
        try {
            b.start();
            fail("the activator throws");
        } catch (BundleException e) {
            reportStartFailure(context, b, e);
        }
        assertContains(shell("apps:diag"), "bundle " + b.getBundleId() + " test.plainthrow (" + b.getLocation()
                + ") did not start: its activator threw IllegalStateException: cannot open port (at "
                + FixtureApp.class.getName() + ".start(FixtureApp.java:");
        assertContains(shell("apps:check"), "ERROR bundle " + b.getBundleId() + " test.plainthrow did not start");
    }

    @Test
    public void jarDroppedIntoTheDeployFolderThatCannotResolveShowsPackageAndRange() throws Exception {
        Path jar = deployFolder("BundleProblemsIT").resolve("missingdep.jar");
        Files.write(jar, TestBundles.app("x").header("Bundle-SymbolicName", "test.dropped.missingdep")
                .header("Bundle-Activator", null).header("X-Label", null).header("Import-Package", MISSING_IMPORT).build());
        try {
            await("the dropped jar is reported", () -> {
                try {
                    return shell("apps:diag").contains("com.example.missing [1.0.0,2.0.0)");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Bundle b = bundle(context, "test.dropped.missingdep");
            long id = b.getBundleId();
            String diag = shell("apps:diag");
            // the file's line says it, once: not again as a bundle problem
            assertContains(diag, "deploy: missingdep.jar: installed as bundle " + id + " but cannot resolve: missing package"
                    + " com.example.missing [1.0.0,2.0.0); install what provides it, and bundle " + id + " starts by itself");
            assertEquals(diag, 1, diag.split("com\\.example\\.missing", -1).length - 1);
            assertContains(shell("apps:check"), "ERROR deploy: missingdep.jar: installed as bundle " + id
                    + " but cannot resolve: missing package com.example.missing [1.0.0,2.0.0)");
        } finally {
            Files.delete(jar);
            await("the dropped jar is uninstalled", () -> Arrays.stream(context.getBundles())
                    .noneMatch(x -> "test.dropped.missingdep".equals(x.getSymbolicName())));
            // and the deploy folder's report has let go of the file too, so the other tests' counts start clean
            await("the deploy report forgets missingdep.jar", () -> {
                try {
                    return !shell("apps:diag").contains("missingdep.jar");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    public void countsInTheCheckSummaryReadRight() throws Exception {
        Bundle one = installAndStart(TestBundles.app("warnone").requires("nothere_a"));
        settle();
        assertContains(shell("apps:check"), "(0 errors, 1 warning) in ");
        installAndStart(TestBundles.app("warntwo").requires("nothere_b"));
        settle();
        assertContains(shell("apps:check"), "(0 errors, 2 warnings) in ");
        one.uninstall();
    }
}
