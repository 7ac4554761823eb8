package io.tessera.registry.internal.activation;

import java.io.IOException;
import java.util.Set;

/**
 * Where the operator's enabled states are kept: the set of disabled labels (every other label is
 * enabled). {@link Activation} saves the whole set before it applies a change, and acknowledges
 * the change only once {@link #save} returned, so a change is either durable and applied, or
 * neither.
 *
 * <p>Why an interface: a later issue can make enabling an app one transaction with its database
 * migrations by implementing this on the database (the disabled labels in a table) and passing
 * the migration's connection to {@code save}, committing both together; {@link FileEnabledStore}
 * is the implementation for a runtime without one. Implementations are called from one thread at
 * a time ({@link Activation} serialises changes).
 */
public interface EnabledStore {

    /** The disabled labels as last saved (or loaded at start). */
    Set<String> disabled();

    /**
     * Makes {@code disabled} the saved set, durably: when this returns, a crash (even {@code kill
     * -9} or a power cut, as far as the file system's sync goes) keeps it.
     *
     * @throws IOException if it could not be saved; the previously saved set still holds
     */
    void save(Set<String> disabled) throws IOException;

    /** What was wrong with the stored state when it was loaded (and what was used instead), or {@code null}. */
    String problem();
}
