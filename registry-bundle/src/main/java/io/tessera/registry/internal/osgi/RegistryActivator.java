package io.tessera.registry.internal.osgi;

import java.nio.file.Path;
import java.util.Hashtable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.AppRegistry;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.shell.AppCommands;
import io.tessera.registry.internal.shell.DeployFolder;

/**
 * Starts the registry: publishes {@link AppRegistry} first (so ready hooks can use it), then
 * tracks listeners, app configs and metadata-only bundles, and offers the {@code apps:*}
 * commands. Stopping it stops every app, dependents first.
 */
public final class RegistryActivator implements BundleActivator {

    private TesseraRegistry registry;
    private BundleProblems problems;
    private ListenerTracker listeners;
    private StoppingBundles stopping;
    private StaleWiring wiring;
    private AppConfigTracker configs;
    private MetadataApps metadataApps;
    private ServiceRegistration<AppRegistry> registryRegistration;
    private ServiceRegistration<AppCommands> commandsRegistration;

    @Override
    public void start(BundleContext context) {
        registry = new TesseraRegistry(RegistryActivator::bundleIdOf);
        problems = new BundleProblems();
        context.addFrameworkListener(problems);
        context.addBundleListener(problems);
        registryRegistration = context.registerService(AppRegistry.class, registry, null);

        listeners = new ListenerTracker(context, registry);
        listeners.open();
        stopping = new StoppingBundles(registry, context.getBundle().getBundleId());
        context.addBundleListener(stopping);
        wiring = new StaleWiring(registry);
        context.addBundleListener(wiring);
        context.addFrameworkListener(wiring);
        configs = new AppConfigTracker(context, registry, stopping, wiring);
        metadataApps = new MetadataApps(context);
        registry.asOneBatch(() -> {
            configs.open();
            metadataApps.open();
        });

        Hashtable<String, Object> shell = new Hashtable<>();
        shell.put("osgi.command.scope", "apps");
        shell.put("osgi.command.function", AppCommands.FUNCTIONS);
        String deploy = context.getProperty("felix.fileinstall.dir");
        AppCommands commands = new AppCommands(registry, problems,
                new DeployFolder(deploy == null ? null : Path.of(deploy), context));
        commandsRegistration = context.registerService(AppCommands.class, commands, shell);
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        commandsRegistration.unregister();
        metadataApps.close();
        configs.close();
        registryRegistration.unregister();
        context.removeFrameworkListener(wiring);
        context.removeBundleListener(wiring);
        context.removeBundleListener(stopping);
        registry.shutdown();
        listeners.close();
        context.removeBundleListener(problems);
        context.removeFrameworkListener(problems);
    }

    /** The id of the bundle that loaded {@code type}, or -1. */
    static long bundleIdOf(Class<?> type) {
        Bundle b = FrameworkUtil.getBundle(type);
        return b == null ? -1 : b.getBundleId();
    }
}
