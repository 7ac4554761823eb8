package io.tessera.registry.internal.index;

import java.util.List;
import java.util.Optional;

import org.osgi.framework.Version;

import io.tessera.core.App;
import io.tessera.core.AppConfig;
import io.tessera.core.AppState;
import io.tessera.core.Model;
import io.tessera.core.Requirement;

/** The registry's {@link App}: a candidate frozen in one state. Immutable. */
public final class AppRecord implements App {

    private final Candidate candidate;
    private final AppState state;
    private final String reason;

    public AppRecord(Candidate candidate, AppState state, String reason) {
        this.candidate = candidate;
        this.state = state;
        this.reason = reason == null ? "" : reason;
    }

    public Candidate candidate() {
        return candidate;
    }

    public long id() {
        return candidate.id();
    }

    @Override
    public String label() {
        return candidate.label();
    }

    @Override
    public String name() {
        return candidate.name();
    }

    @Override
    public String verboseName() {
        return candidate.verboseName();
    }

    @Override
    public Version version() {
        return candidate.version();
    }

    @Override
    public AppState state() {
        return state;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public List<Model> models() {
        return candidate.models();
    }

    @Override
    public Optional<Model> model(String modelName) {
        return Optional.ofNullable(candidate.model(modelName));
    }

    @Override
    public List<Requirement> requirements() {
        return candidate.requirements();
    }

    @Override
    public long bundleId() {
        return candidate.origin().bundleId();
    }

    @Override
    public String symbolicName() {
        return candidate.origin().symbolicName();
    }

    @Override
    public String location() {
        return candidate.origin().location();
    }

    @Override
    public AppConfig config() {
        return candidate.config();
    }

    @Override
    public String toString() {
        return "App[" + label() + " " + state + " " + version() + "]";
    }
}
