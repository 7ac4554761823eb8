package io.tessera.registry.internal.index;

import org.osgi.framework.Version;

/** Where an app's config came from: the bundle it lives in. */
public record Origin(long bundleId, String symbolicName, String location, Version version) {
}
