package io.tessera.core;

import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of a {@link Model}: its name, Java type and, when it is annotated with
 * {@link ModelRef}, the model it refers to. Immutable.
 */
public final class ModelField {

    private final String name;
    private final Class<?> type;
    private final String typeName;
    private final String reference;
    private final String verboseName;

    ModelField(String name, Class<?> type, Type genericType, String reference, String verboseName) {
        this.name = name;
        this.type = type;
        this.typeName = simpleTypeName(genericType);
        this.reference = reference;
        this.verboseName = verboseName;
    }

    public String name() {
        return name;
    }

    public Class<?> type() {
        return type;
    }

    /** The Java type as written in source, without packages: {@code String}, {@code List<String>}. */
    public String typeName() {
        return typeName;
    }

    /** The {@code "label.Model"} this field points at, if it is a reference. */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    public String verboseName() {
        return verboseName;
    }

    /** {@code title: String} or {@code author: long -> auth.User}. */
    @Override
    public String toString() {
        return name + ": " + typeName + (reference == null ? "" : " -> " + reference);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelField f && f.name.equals(name) && f.type == type && Objects.equals(f.reference, reference);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    private static String simpleTypeName(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? simpleTypeName(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        // parameterized and other types: strip package prefixes from their source form
        return type.getTypeName().replaceAll("[a-zA-Z_$][\\w$]*\\.", "").replace('$', '.');
    }
}
