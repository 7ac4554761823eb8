package io.tessera.registry.internal.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tessera.core.App;
import io.tessera.core.AppActivation;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.AppRecord;

/**
 * The {@link AppActivation} service: keeps the operator's disabled labels in an
 * {@link EnabledStore}, safe mode and the load filter, and hands each change to the registry's
 * engine, which decides every app's state from them (see the engine's {@code Gates}).
 *
 * <p>Changes to the enabled states are serialised by a monitor, held by the calling thread while
 * the store is written and while an enable waits for its app's preparation; the applier never
 * takes it, so no app or participant code runs under it. The engine reads the gates' set
 * ({@link #gated()}: the saved set, less the label being enabled) when it applies a change, so
 * changes applied in any order leave the gates as the last save says.
 *
 * <p><b>Transactional enable.</b> {@link #enable} opens the gate for the label first and records
 * the enabled state only once the app's preparation by the registry's participants succeeded
 * (the app is READY), so a participant's verdict and the stored state never disagree. Exactly:
 * <ul>
 * <li>when {@code enable} returns normally, the label is saved as enabled (durably) and the app is
 * READY, or is in a state that is not its participants' doing (no app has the label, its bundle
 * is not running it, it waits for a requirement, safe mode or a filter keeps it off); then the
 * enable is recorded at once, as it always was;</li>
 * <li>when a participant fails the app, the app is FAILED with the participant's reason (until
 * its bundle is updated or restarted), the store still says disabled (so after a restart it is
 * DISABLED), and {@code enable} throws {@link IllegalStateException} with that reason;</li>
 * <li>when a participant says it waits for something outside the app, or the preparation is not
 * over after {@value #PREPARATION_TIMEOUT_SECONDS} s, the participants are cancelled, the app is
 * DISABLED again, nothing is saved, and {@code enable} throws {@link IllegalStateException}
 * saying why;</li>
 * <li>a crash before {@code enable} returns leaves the label disabled: nothing was saved.</li>
 * </ul>
 * Meanwhile {@link #isEnabled} still says {@code false}: it tells what is saved.
 */
public final class Activation implements AppActivation {

    private final TesseraRegistry registry;
    private final EnabledStore store;
    /** How long an enable waits for its app's preparation before it gives up (and nothing is saved). */
    static final long PREPARATION_TIMEOUT_SECONDS = 120;

    private final Object saving = new Object();
    /** The label an {@link #enable} is waiting on: its gate is open though the store says disabled. */
    private volatile String enabling;
    private volatile boolean safeMode;
    private volatile String filterProblem;

    /** Applies the stored disabled labels and {@code safeMode} to the registry before any app is added. */
    public Activation(TesseraRegistry registry, EnabledStore store, boolean safeMode) {
        this.registry = registry;
        this.store = store;
        this.safeMode = safeMode;
        registry.setDisabled(this::gated);
        if (safeMode) {
            registry.setSafeMode(true);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Records the enabled state only once the app's preparation succeeded; see the class
     * comment for the exact guarantee.
     *
     * @throws IllegalStateException if a participant failed the app's preparation, or it waits
     *         for something, or it did not end in time: the label stays disabled
     */
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
            enabling = label;
            String refusal;
            try {
                refusal = outcome(registry.enable(label, this::gated));
                if (refusal == null) {
                    save(next); // the gates already say so: gated() is the same before and after
                }
            } catch (UncheckedIOException notSaved) {
                enabling = null;
                registry.setDisabled(this::gated); // nothing changed: the app steps down again
                throw notSaved;
            } finally {
                enabling = null;
            }
            if (refusal != null) {
                registry.setDisabled(this::gated); // closes the gate again; a FAILED app stays FAILED
                throw new IllegalStateException("'" + label + "' stays disabled: " + refusal);
            }
        }
    }

    /** How the enable's preparation ended: {@code null} to record it, else why not. */
    private static String outcome(CompletableFuture<String> preparation) {
        try {
            return preparation.get(PREPARATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "its preparation did not end within " + PREPARATION_TIMEOUT_SECONDS + " s; apps:diag says"
                    + " what it is at";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while its preparation went on";
        } catch (ExecutionException e) {
            return "its preparation could not be followed: " + e.getCause();
        }
    }

    /** The labels the gates keep off: the saved disabled labels, less the one an enable is waiting on. */
    private Set<String> gated() {
        Set<String> saved = store.disabled();
        String open = enabling;
        if (open == null || !saved.contains(open)) {
            return saved;
        }
        Set<String> out = new TreeSet<>(saved);
        out.remove(open);
        return out;
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
        registry.setDisabled(this::gated);
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
