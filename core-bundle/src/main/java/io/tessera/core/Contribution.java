package io.tessera.core;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One contribution to an extension point, as its view lists it: which app contributes which
 * class, at what rank. Immutable, but for the instance {@link #get()} creates once.
 *
 * @param <T> the extension point's interface
 * @since 1.3
 */
@ProviderType
public interface Contribution<T> {

    /** The label of the contributing app. */
    String app();

    /** The id of the contributing app's bundle. */
    long bundleId();

    /** The class name of the implementation. */
    String implementation();

    /** The rank: higher comes first. */
    int rank();

    /**
     * The implementation: created on the first call (its public no-argument constructor), then the
     * same instance until the app's bundle publishes its config again (it restarts or is updated),
     * which makes new contributions. Any thread.
     *
     * @throws IllegalStateException if the class cannot be instantiated, with the constructor's
     *         exception as cause
     */
    T get();
}
