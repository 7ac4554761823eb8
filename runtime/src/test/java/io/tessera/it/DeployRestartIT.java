package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.tessera.core.AppRegistry;

/**
 * The registry starting over bundles it deployed before (as after a restart with a kept framework
 * cache): while it was stopped, one file was deleted and one rewritten. On start, the bundle whose
 * file is gone is uninstalled, the changed one is updated in place, the unchanged one is left as it is.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployRestartIT extends DeployFolderSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("DeployRestartIT");
    }

    @Test
    public void onStartFilesDeletedOrChangedMeanwhileAreUninstalledOrUpdated() throws Exception {
        Path kept = deploy().resolve("kept.jar");
        Path gone = deploy().resolve("gone.jar");
        Path changed = deploy().resolve("changed.jar");
        deployApp("kept.jar", "kept", TestBundles.app("kept"));
        long goneId = deployApp("gone.jar", "gone", TestBundles.app("gone"));
        long changedId = deployApp("changed.jar", "changed", TestBundles.app("changed"));
        Bundle keptBundle = bundleAt(kept);
        long keptModified = keptBundle.getLastModified();

        Bundle registryBundle = Stream.of(context.getBundles())
                .filter(b -> "io.tessera.registry".equals(b.getSymbolicName())).findFirst().orElseThrow();
        registryBundle.stop();
        Files.delete(gone);
        Files.write(changed, TestBundles.app("changed").version("2.0.0").build());
        registryBundle.start();
        ServiceReference<AppRegistry> ref = context.getServiceReference(AppRegistry.class);
        registry = context.getService(ref); // the new registry, for the checks and the test's clean-up

        awaitDiag("gone.jar's bundle is uninstalled", () -> context.getBundle(goneId) == null);
        awaitDiag("changed.jar's bundle is updated in place", () -> context.getBundle(changedId) != null
                && context.getBundle(changedId).getVersion().equals(new Version(2, 0, 0)));
        awaitDiag("changed is READY at 2.0.0", () -> registry.findApp("changed")
                .map(a -> a.isReady() && a.version().equals(new Version(2, 0, 0))).orElse(false));
        awaitLine("changed.jar", "installed as bundle " + changedId + " (app changed READY)");
        awaitLine("kept.jar", "installed as bundle " + keptBundle.getBundleId() + " (app kept READY)");
        assertEquals("kept.jar's bundle was not updated", keptModified, keptBundle.getLastModified());
        assertNull(line("gone.jar"));
        assertEquals(diag(), 2, deployLines().size());
        assertExamplesReady();
    }
}
