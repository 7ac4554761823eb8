package io.tessera.core;

import org.osgi.annotation.versioning.ProviderType;

/** A handle on something registered with the registry; {@link #close()} withdraws it. Idempotent. */
@ProviderType
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
