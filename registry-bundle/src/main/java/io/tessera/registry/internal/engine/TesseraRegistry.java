package io.tessera.registry.internal.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.tessera.core.App;
import io.tessera.core.AppListener;
import io.tessera.core.AppRegistry;
import io.tessera.core.ExtensionListener;
import io.tessera.core.Extensions;
import io.tessera.core.Model;
import io.tessera.core.ModelOperation;
import io.tessera.core.Registration;
import io.tessera.registry.internal.activation.LoadFilter;
import io.tessera.registry.internal.index.AppIndex;
import io.tessera.registry.internal.index.Candidate;
import io.tessera.registry.internal.index.ExtensionIndex;
import io.tessera.registry.internal.index.PointView;

/**
 * The {@link AppRegistry} service: reads go straight to the lock-free {@link AppIndex}; changes
 * go through the {@link Engine}; events through the {@link EventDispatcher}.
 */
public final class TesseraRegistry implements AppRegistry {

    private final AppIndex index = new AppIndex();
    /** The index's contributions by point, held here too: one load less on the read path. */
    private final ExtensionIndex extensions = index.extensions();
    private final Object settleMonitor = new Object();
    private final EventDispatcher dispatcher = new EventDispatcher(index::apps, this::signalSettled);
    private final StaleBundles staleBundles = new StaleBundles();
    private final Engine engine = new Engine(index, dispatcher, staleBundles, this::signalSettled);
    private final ToLongFunction<Class<?>> bundleIdOf;

    /**
     * @param bundleIdOf the id of the bundle a class was loaded from, or -1
     */
    public TesseraRegistry(ToLongFunction<Class<?>> bundleIdOf) {
        this.bundleIdOf = bundleIdOf;
    }

    // ---- changes, from the trackers ----

    public void add(Candidate candidate) {
        engine.add(candidate);
    }

    public void remove(long candidateId) {
        engine.remove(candidateId);
    }

    /**
     * Gives the app of {@code candidateId} another name: its default name changed because another
     * app of its bundle came or went. Its state is kept; apps that wanted either name are looked
     * at again. Returns once applied.
     */
    public void rename(long candidateId, String name) {
        engine.rename(candidateId, name);
    }

    /**
     * Records whether a bundle's wiring is stale ({@code reason}, naming the refresh to run) or
     * current ({@code null}); its apps wait while it is stale, and come back when it no longer is.
     * Returns once the change is applied.
     */
    public void staleWiring(long bundleId, String reason) {
        if (staleBundles.set(bundleId, reason)) {
            engine.recheckBundle(bundleId);
        }
    }

    /** See {@link Engine#setDisabled}; returns once applied. */
    public void setDisabled(Supplier<Set<String>> labels) {
        engine.setDisabled(labels);
    }

    /** See {@link Engine#setSafeMode}; returns once applied. */
    public void setSafeMode(boolean on) {
        engine.setSafeMode(on);
    }

    /** See {@link Engine#setFilter}; returns once applied. */
    public void setFilter(LoadFilter filter) {
        engine.setFilter(filter);
    }

    /**
     * Enables {@code label} for as long as its app's preparation lasts and returns how it ended:
     * {@code null} when the enable may be recorded, else the reason it may not; see
     * {@link Engine#enable}.
     */
    public CompletableFuture<String> enable(String label, Supplier<Set<String>> disabled) {
        return engine.enable(label, disabled);
    }

    /** A participant service registered: it takes part in the arrival of the apps it concerns. Returns once applied. */
    public void addParticipant(Participant participant) {
        engine.addParticipant(participant);
    }

    /** The participant with this service id unregistered. Returns once applied. */
    public void removeParticipant(long serviceId) {
        engine.removeParticipant(serviceId);
    }

    /** Whether the calling thread is a hook or listener the registry waits for. */
    public boolean isInsideRegistry() {
        return engine.isApplying() || dispatcher.isEventThread();
    }

    /** See {@link Engine#remove(long, long, InactiveBundle)}. */
    public void remove(long candidateId, long bundleId, InactiveBundle then) {
        engine.remove(candidateId, bundleId, then);
    }

    /** Whether a config of this bundle is in the index. */
    public boolean runsAppOf(long bundleId) {
        return index.runsAppOf(bundleId);
    }

    /**
     * How many changes the engine has applied since the registry started: a diagnostic for the tests
     * that hold the cost of a bundle's life cycle to a number of engine changes (read by reflection).
     */
    public long changesApplied() {
        return engine.changesApplied();
    }

    /** See {@link Engine#setInactive}. */
    public void setInactive(long bundleId, InactiveBundle facts) {
        engine.setInactive(bundleId, facts);
    }

    /** Applies the changes {@code r} makes as one batch; see {@link Engine#asOneBatch}. */
    public void asOneBatch(Runnable r) {
        engine.asOneBatch(r);
    }

    public void addListener(AppListener listener) {
        dispatcher.addListener(listener);
    }

    public void removeListener(AppListener listener) {
        dispatcher.removeListener(listener);
    }

    public void shutdown() throws InterruptedException {
        engine.shutdown();
        dispatcher.shutdown();
    }

    // ---- AppRegistry ----

    @Override
    public List<App> apps() {
        return index.apps();
    }

    @Override
    public App app(String label) {
        return index.app(label);
    }

    @Override
    public Optional<App> findApp(String label) {
        return index.findApp(label);
    }

    @Override
    public boolean isInstalled(String appName) {
        return index.isInstalled(appName);
    }

    @Override
    public List<Model> models() {
        return index.models();
    }

    @Override
    public Model model(String appLabel, String modelName) {
        return index.model(appLabel, modelName);
    }

    @Override
    public Model model(String key) {
        return index.model(key);
    }

    @Override
    public Optional<Model> findModel(String key) {
        return index.findModel(key);
    }

    @Override
    public Optional<App> appContaining(Class<?> type) {
        long bundleId = type == null ? -1 : bundleIdOf.applyAsLong(type);
        return Optional.ofNullable(bundleId < 0 ? null : index.appOfBundle(bundleId));
    }

    @Override
    public Optional<App> appContaining(String classOrPackageName) {
        return index.appContaining(classOrPackageName);
    }

    @Override
    public long generation() {
        return index.generation();
    }

    @Override
    public boolean isSettled() {
        // an app being PREPARING is in transition too: a participant is at work (one that WAITs is not)
        return !engine.isBusy() && dispatcher.isIdle() && engine.preparing() == 0;
    }

    @Override
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        if (engine.isApplying() || dispatcher.isEventThread()) {
            throw new IllegalStateException("awaitSettled() called from a hook or listener, which the registry"
                    + " waits for: it would never settle");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (settleMonitor) {
            while (!isSettled()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                settleMonitor.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public Registration whenModelsReady(ModelOperation operation, String... modelKeys) {
        return dispatcher.whenModelsReady(operation, modelKeys);
    }

    @Override
    @SuppressWarnings("unchecked") // each contribution was checked to implement the point as its bundle sees it
    public <T> Extensions<T> extensions(Class<T> point) {
        PointView view = extensions.find(point.getName());
        return (Extensions<T>) (Object) (view != null ? view : PointView.empty(point.getName()));
    }

    /** The contributions to the point with this interface name. */
    public Extensions<Object> extensions(String point) {
        PointView view = extensions.find(point);
        return view != null ? view : PointView.empty(point);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Registration onExtensionsChanged(Class<T> point, ExtensionListener<T> listener) {
        return dispatcher.onExtensionsChanged(point.getName(), (ExtensionListener<Object>) (Object) listener);
    }

    private void signalSettled() {
        synchronized (settleMonitor) {
            settleMonitor.notifyAll();
        }
    }
}
