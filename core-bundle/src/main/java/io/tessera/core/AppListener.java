package io.tessera.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Register as an OSGi service (the whiteboard pattern) to be told of every change of every app.
 *
 * <p>Guarantees:
 * <ul>
 * <li>Events are delivered one at a time, on one Tessera thread, in the order the changes
 * happened ({@link AppEvent#sequence()} increases). Never while the registry holds a lock.</li>
 * <li>Each app's stream is well-formed: INSTALLED first, REMOVED last, each event's
 * {@link AppEvent#previousState()} is the state of the event before it. An app whose bundle is
 * installed but not running it arrives already in its state (its INSTALLED event's app is
 * STOPPED or FAILED); when its bundle publishes the app, it is REMOVED before the running app's
 * INSTALLED, and the other way round when the bundle stops.</li>
 * <li>When an event is delivered, the registry's reads show that change or a later one.</li>
 * <li>A listener that arrives while apps exist first receives, for each of them, INSTALLED and
 * then an event for its current state. These replayed events describe the present rather than a
 * change, and carry sequence 0; sequences increase from the first real change on.</li>
 * <li>An exception thrown by a listener is logged; no other listener, and no app, is affected.</li>
 * </ul>
 * A listener must not block for long: it holds up every later event.
 */
@ConsumerType
@FunctionalInterface
public interface AppListener {
    void appChanged(AppEvent event);
}
