package io.tessera.registry.internal.osgi;

import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.AppRegistry;
import io.tessera.registry.internal.Log;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.shell.AppCommands;
import io.tessera.registry.internal.shell.DeployFolder;
import io.tessera.registry.internal.shell.ShellCommands;

/**
 * Starts the registry: publishes {@link AppRegistry} first (so ready hooks can use it), then
 * tracks listeners, app configs and metadata-only bundles, and offers the {@code apps:*}
 * commands. Stopping it stops every app, dependents first.
 */
public final class RegistryActivator implements BundleActivator {

    /** The framework property naming the file problems are logged to, with their stack traces. */
    static final String LOG_FILE = "tessera.log.file";

    private TesseraRegistry registry;
    private BundleProblems problems;
    private ListenerTracker listeners;
    private AppConfigTracker configs;
    private MetadataApps metadataApps;
    private ServiceRegistration<AppRegistry> registryRegistration;
    private List<ServiceRegistration<?>> commandsRegistrations = List.of();

    @Override
    public void start(BundleContext context) {
        String logFile = context.getProperty(LOG_FILE);
        Log.open(logFile == null || logFile.isBlank() ? null : Path.of(logFile));
        registry = new TesseraRegistry(RegistryActivator::bundleIdOf);
        problems = new BundleProblems();
        context.addFrameworkListener(problems);
        context.addBundleListener(problems);
        registryRegistration = context.registerService(AppRegistry.class, registry, null);

        listeners = new ListenerTracker(context, registry);
        listeners.open();
        configs = new AppConfigTracker(context, registry);
        metadataApps = new MetadataApps(context);
        registry.asOneBatch(() -> {
            configs.open();
            metadataApps.open();
        });

        String deploy = context.getProperty("felix.fileinstall.dir");
        AppCommands commands = new AppCommands(registry, problems,
                new DeployFolder(deploy == null ? null : Path.of(deploy), context));
        try {
            commandsRegistrations = ShellCommands.register(context, commands,
                    () -> registry.apps().stream().map(a -> a.label()).toList());
        } catch (NoClassDefFoundError noShell) {
            // Gogo is optional: without it there is nobody to offer the commands to
        }
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        commandsRegistrations.forEach(ServiceRegistration::unregister);
        metadataApps.close();
        configs.close();
        registryRegistration.unregister();
        registry.shutdown();
        listeners.close();
        context.removeBundleListener(problems);
        context.removeFrameworkListener(problems);
        Log.close();
    }

    /** The id of the bundle that loaded {@code type}, or -1. */
    static long bundleIdOf(Class<?> type) {
        Bundle b = FrameworkUtil.getBundle(type);
        return b == null ? -1 : b.getBundleId();
    }
}
