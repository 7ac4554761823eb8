package io.tessera.registry.internal.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.tessera.core.App;
import io.tessera.core.AppActivation;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.AppRecord;

/**
 * The {@link AppActivation} service: keeps the operator's disabled labels in an
 * {@link EnabledStore}, safe mode and the load filter, and hands each change to the registry's
 * engine, which decides every app's state from them (see the engine's {@code Gates}).
 *
 * <p>Changes to the enabled states are serialised by a monitor held only while the store is
 * written, never while app code runs: the engine reads the saved set when it applies a change, so
 * two changes applied in either order leave the gates as the last save says.
 */
public final class Activation implements AppActivation {

    private final TesseraRegistry registry;
    private final EnabledStore store;
    private final Object saving = new Object();
    private volatile boolean safeMode;
    private volatile String filterProblem;

    /** Applies the stored disabled labels and {@code safeMode} to the registry before any app is added. */
    public Activation(TesseraRegistry registry, EnabledStore store, boolean safeMode) {
        this.registry = registry;
        this.store = store;
        this.safeMode = safeMode;
        registry.setDisabled(store::disabled);
        if (safeMode) {
            registry.setSafeMode(true);
        }
    }

    @Override
    public void enable(String label) {
        refuseInsideRegistry();
        synchronized (saving) {
            if (!store.disabled().contains(label)) {
                registry.app(label); // an unknown label throws, naming the closest ones
                return;
            }
            Set<String> next = new TreeSet<>(store.disabled());
            next.remove(label);
            save(next);
        }
        registry.setDisabled(store::disabled);
    }

    @Override
    public void disable(String label) {
        refuseInsideRegistry();
        registry.app(label); // an unknown label throws, naming the closest ones
        for (App app : registry.apps()) { // running or not (a stopped system app is one too), whichever holds the label
            if (app instanceof AppRecord r && r.candidate().system() && r.label().equals(label)) {
                throw new IllegalArgumentException("'" + label + "' is a system app (" + r.candidate().origin()
                        .symbolicName() + ", bundle " + r.bundleId() + "): the runtime needs it, so it cannot be"
                        + " disabled" + (r.candidate().placeholder() ? ", even while its bundle is stopped" : "")
                        + "; stop or uninstall its bundle instead if you must");
            }
        }
        synchronized (saving) {
            if (store.disabled().contains(label)) {
                return;
            }
            Set<String> next = new TreeSet<>(store.disabled());
            next.add(label);
            save(next);
        }
        registry.setDisabled(store::disabled);
    }

    private void save(Set<String> next) {
        try {
            store.save(next);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the enabled states (" + e.getMessage()
                    + "); nothing changed", e);
        }
    }

    @Override
    public boolean isEnabled(String label) {
        return !store.disabled().contains(label);
    }

    @Override
    public void setSafeMode(boolean on) {
        refuseInsideRegistry();
        safeMode = on;
        registry.setSafeMode(on);
    }

    @Override
    public boolean isSafeMode() {
        return safeMode;
    }

    /** Applies a new load filter at once (from the configuration); see {@link FilterConfiguration}. */
    void filter(LoadFilter filter) {
        filterProblem = null;
        registry.setFilter(filter);
    }

    /** Keeps the load filter in force and records why the new one was refused, for {@code apps:diag}. */
    void filterRefused(String problem) {
        filterProblem = problem;
    }

    /** Problems with the enabled states or the load filter, one line each, for {@code apps:diag}. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (store.problem() != null) {
            out.add(store.problem());
        }
        String f = filterProblem;
        if (f != null) {
            out.add(f);
        }
        return out;
    }

    private void refuseInsideRegistry() {
        if (registry.isInsideRegistry()) {
            throw new IllegalStateException("apps cannot be enabled or disabled from a ready() or stopping() hook"
                    + " or an app listener: the registry waits for those");
        }
    }
}
