package io.tessera.core;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Work to do once a set of models is available, registered with
 * {@link AppRegistry#whenModelsReady(ModelOperation, String...)}: Django's
 * {@code lazy_model_operation}, extended for models that can leave.
 */
@ConsumerType
@FunctionalInterface
public interface ModelOperation {

    /**
     * All the models asked for are in the index; they come in the order asked for (repeats
     * included). Called again each time they are all back after one of them left.
     */
    void available(List<Model> models);

    /** One of the models left the index (its app stopped being READY). */
    default void unavailable(Model model) {
    }
}
