package io.tessera.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told the contributions to one extension point, first as they are when registered with
 * {@link AppRegistry#onExtensionsChanged}, then each time they change. Called one at a time on the
 * registry's event thread, in order with {@link AppListener} events: after the event of the app
 * whose arrival or departure changed them.
 *
 * @param <T> the extension point's interface
 * @since 1.3
 */
@ConsumerType
@FunctionalInterface
public interface ExtensionListener<T> {
    void extensionsChanged(Extensions<T> now);
}
