/** The API of the web layer for apps. */
@Export
@Version("1.0.0")
package io.tessera.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
