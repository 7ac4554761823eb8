package io.tessera.core;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The contributions to one extension point at one instant: an immutable snapshot, from
 * {@link AppRegistry#extensions(Class)}. Only contributions of READY apps are listed (a disabled
 * or filtered app is never READY); each implements the point. Order: by {@link Contribution#rank()}
 * (higher first), then by app label, then by class name.
 *
 * @param <T> the extension point's interface
 * @since 1.3
 */
@ProviderType
public interface Extensions<T> {

    /** The point's interface name. */
    String point();

    /** Every contribution, in order; empty when there is none. */
    List<Contribution<T>> all();

    /** The first contribution, the one a single-winner point uses; empty when there is none. */
    Optional<Contribution<T>> winner();

    /** Whether there is no contribution. */
    default boolean isEmpty() {
        return all().isEmpty();
    }
}
