/**
 * An app without a single line of code: the registry reads this metadata from the manifest and
 * publishes the app's config itself.
 */
@AppMetadata(label = "notes", verboseName = "Sticky notes", requires = "auth [0.1,1)")
package io.tessera.example.notes;

import io.tessera.core.AppMetadata;
