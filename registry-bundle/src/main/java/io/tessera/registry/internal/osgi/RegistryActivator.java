package io.tessera.registry.internal.osgi;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.BiConsumer;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.AppActivation;
import io.tessera.core.AppRegistry;
import io.tessera.registry.internal.activation.Activation;
import io.tessera.registry.internal.activation.FileEnabledStore;
import io.tessera.registry.internal.activation.FilterConfiguration;
import io.tessera.registry.internal.deploy.DeployReport;
import io.tessera.registry.internal.deploy.DeployWatcher;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.Log;
import io.tessera.registry.internal.shell.ActivationCommands;
import io.tessera.registry.internal.shell.AppCommands;
import io.tessera.registry.internal.shell.ShellCommands;
import io.tessera.registry.internal.shell.StartCommand;

/**
 * Starts the registry: publishes {@link AppRegistry} first (so ready hooks can use it), then
 * tracks listeners, app configs and metadata-only bundles, and offers the {@code apps:*}
 * commands and the shell's {@code start} ({@link StartCommand}); with the framework property
 * {@value #DEPLOY_PROPERTY} naming a folder, it deploys the jars in that folder. Stopping it
 * stops every app, dependents first.
 */
public final class RegistryActivator implements BundleActivator {

    /** The framework property naming the deploy folder. */
    public static final String DEPLOY_PROPERTY = "tessera.deploy";
    /** The framework property naming the file problems are logged to, with their stack traces. */
    static final String LOG_FILE = "tessera.log.file";
    /** {@code jul}: the launcher writes the log file, records reach it through java.util.logging. */
    static final String LOG_WRITER = "tessera.log.writer";

    private TesseraRegistry registry;
    private BundleProblems problems;
    private ListenerTracker listeners;
    private ParticipantTracker participants;
    private StoppingBundles stopping;
    private StaleWiring wiring;
    private AppConfigTracker configs;
    private MetadataApps metadataApps;
    private ServiceRegistration<AppRegistry> registryRegistration;
    private List<ServiceRegistration<?>> commandsRegistrations = List.of();
    private KnownApps knownApps;
    private InactiveApps inactiveApps;
    private ServiceRegistration<?> reportRegistration;

    /** Where the labels of stopped apps are kept, in the registry bundle's data area. */
    private static final String KNOWN_APPS_FILE = "known-apps.txt";
    /**
     * Marks the {@code BiConsumer<Bundle, Throwable>} service that a starter (the launcher) hands a
     * caught start exception to, so an app's reason can name it: Felix tells only the caller.
     */
    public static final String ACTIVATOR_FAILURES_PROPERTY = "tessera.activator.failures";
    private DeployWatcher deployWatcher;
    /** The framework property that starts the runtime in safe mode when {@code true}. */
    public static final String SAFE_MODE_PROPERTY = "tessera.safemode";
    /** Where the operator's disabled labels are kept, in the registry bundle's data area. */
    private static final String ENABLED_FILE = "enabled.properties";
    private Activation activation;
    private ServiceRegistration<AppActivation> activationRegistration;
    private ServiceRegistration<?> filterRegistration;

    @Override
    public void start(BundleContext context) throws IOException {
        String logFile = context.getProperty(LOG_FILE);
        Log.open(logFile == null || logFile.isBlank() ? null : Path.of(logFile), "jul".equals(context.getProperty(LOG_WRITER)));
        registry = new TesseraRegistry(RegistryActivator::bundleIdOf);
        problems = new BundleProblems(context);
        context.addFrameworkListener(problems);
        context.addBundleListener(problems); // before inactiveApps: a failed start is recorded before it is listed
        registryRegistration = context.registerService(AppRegistry.class, registry, null);

        listeners = new ListenerTracker(context, registry);
        listeners.open();
        File data = context.getDataFile(KNOWN_APPS_FILE);
        knownApps = new KnownApps(data == null ? null : data.toPath());
        inactiveApps = new InactiveApps(context, registry, knownApps, problems);
        problems.connect(inactiveApps::update, inactiveApps::isApp, inactiveApps::refreshUnresolved);
        stopping = new StoppingBundles(context, registry, inactiveApps);
        context.addBundleListener(stopping);
        wiring = new StaleWiring(registry);
        context.addBundleListener(wiring);
        context.addFrameworkListener(wiring);
        configs = new AppConfigTracker(context, registry, inactiveApps, stopping, wiring);
        activation = startActivation(context); // before the apps are added: a disabled app is never READY
        metadataApps = new MetadataApps(context);
        participants = new ParticipantTracker(context, registry);
        registry.asOneBatch(() -> {
            participants.open(); // first: an app present at start is prepared before it is READY, not after
            configs.open();
            metadataApps.open();
            inactiveApps.open(); // after both: a bundle whose config either publishes is running its app
        });
        Hashtable<String, Object> failures = new Hashtable<>();
        failures.put(ACTIVATOR_FAILURES_PROPERTY, "true");
        BiConsumer<Bundle, Throwable> activatorThrew = problems::activatorThrew;
        reportRegistration = context.registerService(BiConsumer.class, activatorThrew, failures);
        activationRegistration = context.registerService(AppActivation.class, activation, null);

        String deploy = context.getProperty(DEPLOY_PROPERTY);
        DeployReport report = null;
        if (deploy != null && !deploy.isBlank()) {
            deployWatcher = new DeployWatcher(context, Path.of(deploy), registry::apps, problems::activatorThrew);
            report = deployWatcher.report();
        }
        AppCommands commands = new AppCommands(registry, problems, report, activation);
        try {
            List<ServiceRegistration<?>> registrations = new ArrayList<>(ShellCommands.register(context, commands,
                    new ActivationCommands(registry, activation),
                    () -> registry.apps().stream().map(a -> a.label()).toList()));
            registrations.add(StartCommand.register(context, problems::activatorThrew));
            registrations.add(ExtensionCommandsRegistration.register(context, registry));
            commandsRegistrations = registrations;
        } catch (NoClassDefFoundError noShell) {
            // Gogo is optional: without it there is nobody to offer the commands to
        }
        if (deployWatcher != null) {
            deployWatcher.start();
        }
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        if (deployWatcher != null) {
            deployWatcher.stop();
        }
        commandsRegistrations.forEach(ServiceRegistration::unregister);
        reportRegistration.unregister();
        activationRegistration.unregister();
        if (filterRegistration != null) {
            filterRegistration.unregister();
        }
        inactiveApps.close();
        metadataApps.close();
        configs.close();
        participants.close(); // after the apps left: they were told (left) while they were still there
        registryRegistration.unregister();
        context.removeFrameworkListener(wiring);
        context.removeBundleListener(wiring);
        context.removeBundleListener(stopping);
        registry.shutdown();
        listeners.close();
        context.removeBundleListener(problems);
        context.removeFrameworkListener(problems);
        knownApps.close();
        Log.close();
    }

    /**
     * The enabled states from the data area, safe mode from {@value #SAFE_MODE_PROPERTY}, and the
     * load filter from ConfigAdmin when it is there (its first configuration may come later, and
     * applies at once).
     */
    private Activation startActivation(BundleContext context) {
        File state = context.getDataFile(ENABLED_FILE);
        if (state == null) {
            throw new IllegalStateException("the framework gives the registry no data area (org.osgi.framework.storage),"
                    + " where the enabled states of apps are kept");
        }
        Activation a = new Activation(registry, new FileEnabledStore(state.toPath()),
                Boolean.parseBoolean(context.getProperty(SAFE_MODE_PROPERTY)));
        if (a.problems().size() > 0) {
            Log.warn(a.problems().get(0), null);
        }
        try {
            filterRegistration = FilterConfiguration.register(context, a);
        } catch (NoClassDefFoundError noConfigAdmin) {
            // ConfigAdmin is optional: without it nothing is filtered
        }
        return a;
    }

    /** The id of the bundle that loaded {@code type}, or -1. */
    static long bundleIdOf(Class<?> type) {
        Bundle b = FrameworkUtil.getBundle(type);
        return b == null ? -1 : b.getBundleId();
    }
}
