package io.tessera.registry.internal.index;

import java.util.List;

import io.tessera.core.Model;

/**
 * The models an app's bundle declares at build time (with {@link io.tessera.core.AppModel}),
 * already read from the bundle, to be made into models of the app once its label is known.
 */
public interface DeclaredModels {

    /** For a bundle that declares no models. */
    DeclaredModels NONE = (label, errors) -> List.of();

    /** The declared models, as models of the app {@code label}; problems go to {@code errors}. */
    List<Model> of(String label, List<String> errors);
}
