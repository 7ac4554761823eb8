package io.tessera.registry.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import io.tessera.core.App;
import io.tessera.core.spi.AppParticipant;
import io.tessera.core.spi.Preparation;

/**
 * A participant for tests: concerns the labels it is given (every app with none), writes each
 * call to a shared log ("data prepare blog (PREPARING)", "data cancel blog", "data left blog"),
 * keeps each preparation for the test to report on, and does what {@link #onPrepare} says inside
 * {@code prepare} (nothing by default: the test reports later).
 */
class ScriptedParticipant implements AppParticipant {

    private final String name;
    private final List<String> log;
    private final Set<String> labels;
    final Map<String, Preparation> preparations = new ConcurrentHashMap<>();
    volatile BiConsumer<App, Preparation> onPrepare = (app, p) -> { };

    ScriptedParticipant(String name, List<String> log, String... labels) {
        this.name = name;
        this.log = log;
        this.labels = Set.of(labels);
    }

    /** Registers it with the registry as a participant of bundle {@code test.<name>}. */
    ScriptedParticipant register(TesseraRegistry registry, long serviceId, int ranking) {
        registry.addParticipant(new Participant(this, serviceId, ranking, "test." + name, serviceId + 100));
        return this;
    }

    ScriptedParticipant doing(BiConsumer<App, Preparation> whenAsked) {
        this.onPrepare = whenAsked;
        return this;
    }

    @Override
    public boolean concerns(App app) {
        return labels.isEmpty() || labels.contains(app.label());
    }

    @Override
    public void prepare(App app, Preparation preparation) {
        log.add(name + " prepare " + app.label() + " (" + app.state() + ")");
        preparations.put(app.label(), preparation);
        onPrepare.accept(app, preparation);
    }

    @Override
    public void cancel(App app, Preparation preparation) {
        log.add(name + " cancel " + app.label() + (preparation.isCancelled() ? "" : " (not cancelled?)"));
    }

    @Override
    public void left(App app) {
        log.add(name + " left " + app.label());
    }

    Preparation of(String label) {
        Preparation p = preparations.get(label);
        if (p == null) {
            throw new AssertionError(name + " was never asked to prepare '" + label + "'");
        }
        return p;
    }
}
