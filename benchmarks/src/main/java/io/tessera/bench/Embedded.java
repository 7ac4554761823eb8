package io.tessera.bench;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** An embedded Felix for the in-process benchmarks, and reflective access to the registry in it. */
public final class Embedded {

    private Embedded() {
    }

    /** Starts a fresh framework whose storage is {@code storage} (cleaned first). */
    public static Framework start(Path storage) throws Exception {
        Files.createDirectories(storage);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next()
                .newFramework(Map.of(
                        Constants.FRAMEWORK_STORAGE, storage.toString(),
                        Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                        "felix.log.level", "1"));
        framework.start();
        return framework;
    }

    public static void stop(Framework framework) throws Exception {
        framework.stop();
        framework.waitForStop(120_000);
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // best effort: a scratch directory
        }
    }

    /**
     * The registry service inside a framework, used by reflection: its {@code io.tessera.core}
     * classes come from the tessera-core bundle, not from this class path.
     */
    public static final class Registry {
        private final Object registry;
        private final Method awaitSettled;
        private final Method apps;

        private Registry(Object registry) throws ReflectiveOperationException {
            this.registry = registry;
            this.awaitSettled = registry.getClass().getMethod("awaitSettled", Duration.class);
            this.apps = registry.getClass().getMethod("apps");
        }

        public static Registry in(BundleContext context) throws Exception {
            // getAll...: this class path has its own io.tessera.core, not the one the registry implements
            ServiceReference<?>[] refs = context.getAllServiceReferences("io.tessera.core.AppRegistry", null);
            ServiceReference<?> ref = refs == null || refs.length == 0 ? null : refs[0];
            if (ref == null) {
                throw new IllegalStateException("no AppRegistry service: is tessera-registry.jar started?");
            }
            return new Registry(context.getService(ref));
        }

        public void awaitSettled(Duration timeout) throws ReflectiveOperationException {
            if (!(Boolean) awaitSettled.invoke(registry, timeout)) {
                throw new IllegalStateException("the registry did not settle within " + timeout);
            }
        }

        /** {apps known, apps READY}. */
        public int[] counts() throws ReflectiveOperationException {
            List<?> all = (List<?>) apps.invoke(registry);
            int ready = 0;
            Method state = null;
            for (Object app : all) {
                if (state == null) {
                    state = app.getClass().getMethod("state");
                }
                ready += "READY".equals(String.valueOf(state.invoke(app))) ? 1 : 0;
            }
            return new int[] {all.size(), ready};
        }
    }
}
