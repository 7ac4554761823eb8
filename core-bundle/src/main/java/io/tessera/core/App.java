package io.tessera.core;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Version;

/**
 * One app as the registry sees it at one instant: an immutable snapshot. Read the registry again
 * for a newer one.
 *
 * <p>{@link #toString()} is short ({@code App[blog READY 1.2.0]}); {@link #origin()} says where the
 * app came from.
 */
@ProviderType
public interface App {

    /** The label the app asked for (it holds it only if no other app did first). */
    String label();

    /** The full name: the config's, or else its bundle's symbolic name. */
    String name();

    String verboseName();

    /** The bundle's version. */
    Version version();

    AppState state();

    /**
     * Why the app is in its state, in words an operator can act on; empty when READY. For
     * example {@code requires 'auth' [1.0.0,2.0.0), which is not installed}.
     */
    String reason();

    /** The app's models in declaration order (also while it is not READY). */
    List<Model> models();

    /** The model with this name (case-insensitive), if the app declares one. */
    Optional<Model> model(String modelName);

    /** What the app requires: its own declarations, then labels its models refer to. */
    List<Requirement> requirements();

    /** The id of the bundle the app lives in. */
    long bundleId();

    /** The symbolic name of the bundle the app lives in. */
    String symbolicName();

    /** The location the bundle was installed from. */
    String location();

    /** {@code bundle 12 io.tessera.example.blog (file:/.../blog.jar)}. */
    default String origin() {
        return "bundle " + bundleId() + " " + symbolicName() + " (" + location() + ")";
    }

    /** The config the app published; {@code null} for an app whose bundle never published one. */
    AppConfig config();

    /** Whether the app is READY. */
    default boolean isReady() {
        return state() == AppState.READY;
    }
}
