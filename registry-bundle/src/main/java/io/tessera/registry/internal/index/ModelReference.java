package io.tessera.registry.internal.index;

import io.tessera.core.Model;
import io.tessera.core.ModelField;

/** A field of one of an app's models that points at a model by {@code "label.Model"}. */
public record ModelReference(Model model, ModelField field, String targetLabel, String targetModel) {

    public String target() {
        return targetLabel + "." + targetModel;
    }

    /** {@code Post.author}. */
    public String source() {
        return model.name() + "." + field.name();
    }
}
