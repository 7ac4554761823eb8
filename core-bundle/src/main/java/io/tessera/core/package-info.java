/**
 * Tessera's API: what an app compiles against, and what anyone reading the live app index uses.
 *
 * <p>An <em>app</em> is an OSGi bundle that publishes an {@link io.tessera.core.AppConfig} service
 * (usually by extending {@link io.tessera.core.AppActivator}). The Tessera registry tracks those
 * services and keeps the {@link io.tessera.core.AppRegistry} true at every instant as bundles
 * are installed, started, stopped, updated and uninstalled.
 *
 * <p>Types marked {@code @ConsumerType} are implemented by apps; types marked
 * {@code @ProviderType} are implemented only by Tessera, so methods may be added to them in a
 * minor version.
 */
@Export
@Version("1.3.0")
package io.tessera.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
