/** The blog's extension points, exported for the apps that contribute to them. */
@Export
@Version("1.0.0")
package io.tessera.example.blog.render;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
