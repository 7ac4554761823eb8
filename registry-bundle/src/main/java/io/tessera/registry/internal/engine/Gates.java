package io.tessera.registry.internal.engine;

import java.util.Set;

import io.tessera.core.AppState;
import io.tessera.registry.internal.activation.LoadFilter;
import io.tessera.registry.internal.index.Candidate;

/**
 * The one place that decides whether an app is switched on: the load filters, the operator's
 * enabled states and safe mode, in that order. A filtered app is FILTERED whatever its enabled
 * state (the configuration left it out); a disabled one is DISABLED, in safe mode or not; safe
 * mode then switches off every app that is not a system app. Touched only by the engine's
 * applier; changed by changes submitted like any other, so no reader sees half a change.
 *
 * <p>With nothing disabled, no filter and no safe mode, an app costs one check of three fields.
 */
final class Gates {

    static final String SAFE_MODE = "safe mode is on: only system apps run (apps:safe-mode off leaves it)";

    private Set<String> disabled = Set.of();
    private boolean safeMode;
    private LoadFilter filter = LoadFilter.NONE;
    private boolean open = true;

    void disabled(Set<String> labels) {
        disabled = Set.copyOf(labels);
        update();
    }

    void safeMode(boolean on) {
        safeMode = on;
        update();
    }

    void filter(LoadFilter f) {
        filter = f;
        update();
    }

    private void update() {
        open = disabled.isEmpty() && !safeMode && filter.isEmpty();
    }

    /** The verdict for an app the gates switch off, or {@code null} when they let it run. */
    Verdict closed(Candidate c) {
        if (open) {
            return null;
        }
        String rule = filter.excludes(c.label(), c.tags());
        if (rule != null) {
            return new Verdict(AppState.FILTERED, "filtered out by " + rule, false);
        }
        if (disabled.contains(c.label())) {
            return new Verdict(AppState.DISABLED, "disabled by the operator (apps:enable " + c.label()
                    + " enables it)", false);
        }
        if (safeMode && !c.system()) {
            return new Verdict(AppState.DISABLED, SAFE_MODE, false);
        }
        return null;
    }
}
