/** The API of the data layer for apps. */
@Export
@Version("1.0.0")
package io.tessera.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
