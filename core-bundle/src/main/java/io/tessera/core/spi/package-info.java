/**
 * The service provider interface through which a capability bundle (the data layer, the web layer)
 * takes part in apps' arrivals and departures without touching the registry's internals: see
 * {@link io.tessera.core.spi.AppParticipant}.
 */
@Export
@Version("1.0.0")
package io.tessera.core.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
