package io.tessera.registry.internal.deploy;

import java.nio.file.Path;

/**
 * What the deployer knows of one jar file in the folder: the content it last saw and since when,
 * the content it last acted on, and the bundle installed from it. Worker thread only.
 */
final class TrackedFile {

    final String name;
    final Path path;
    /** The file's URI: the location of the bundle installed from it. */
    final String location;
    FileSignature seen;
    long seenAt;
    /** The content last acted on; the file is left alone while it has this signature. */
    FileSignature applied;
    long bundleId = -1;
    /** The bundle that has this file's symbolic name and version, while this file is its duplicate; or -1. */
    long duplicateOf = -1;

    TrackedFile(String name, Path path) {
        this.name = name;
        this.path = path;
        this.location = path.toUri().toString();
    }
}
