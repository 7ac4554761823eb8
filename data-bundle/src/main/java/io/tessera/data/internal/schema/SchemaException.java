package io.tessera.data.internal.schema;

/**
 * An app's models cannot be given tables: the message names each model, field and type at fault and
 * what to do, in words an operator can act on (it becomes the app's reason).
 */
public final class SchemaException extends Exception {

    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
