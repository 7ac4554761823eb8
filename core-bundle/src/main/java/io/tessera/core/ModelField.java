package io.tessera.core;

import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Optional;

import io.tessera.core.internal.Names;

/**
 * One field of a {@link Model}: its name, Java type and, when it is annotated with
 * {@link ModelRef}, the model it refers to. Immutable. A field of a declared model knows its
 * type by name; {@link #type()} loads the model's class.
 */
public final class ModelField {

    private final String name;
    private final String typeName;
    private final String reference;
    private final String verboseName;
    private final Class<?> type; // null for a declared field: found through its model
    private final Model model;

    ModelField(String name, Class<?> type, Type genericType, String reference, String verboseName) {
        this(name, simpleTypeName(genericType), reference, verboseName, type, null);
    }

    private ModelField(String name, String typeName, String reference, String verboseName, Class<?> type,
            Model model) {
        this.name = name;
        this.typeName = typeName;
        this.reference = reference;
        this.verboseName = verboseName;
        this.type = type;
        this.model = model;
    }

    /**
     * A field as the build described it, for {@link Model#declared}.
     *
     * @param typeName    as {@link #typeName()} gives it
     * @param reference   {@code "label.Model"}, or {@code null} or empty for none
     * @param verboseName {@code null} or empty for the one derived from the name
     */
    public static ModelField declared(String name, String typeName, String reference, String verboseName) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
        // Read from text, each app's copies of "id", "long", "String"... would be its own; a loaded
        // class shares its field names (the JVM interns them) and types, so these are shared too.
        return new ModelField(name.intern(), typeName.intern(),
                reference == null || reference.isEmpty() ? null : reference.intern(),
                (verboseName == null || verboseName.isEmpty() ? Names.verboseNameOfField(name) : verboseName).intern(),
                null, null);
    }

    /** This declared field, as a field of {@code owner}. */
    ModelField of(Model owner) {
        return new ModelField(name, typeName, reference, verboseName, type, owner);
    }

    public String name() {
        return name;
    }

    /**
     * The field's Java type. For a field of a declared model, this loads the model's class.
     *
     * @throws IllegalStateException if that class cannot be loaded or no longer has this field
     */
    public Class<?> type() {
        if (type != null) {
            return type;
        }
        if (model == null) {
            throw new IllegalStateException("field '" + name + "' belongs to no model yet");
        }
        return typeIn(model.type());
    }

    /** A record's components are private fields of the same name, so fields cover records too. */
    private Class<?> typeIn(Class<?> owner) {
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return f.getType();
                }
            }
        }
        throw new IllegalStateException("model " + model + " has no field '" + name + "' in " + owner.getName()
                + "; was its bundle built from the same sources as its " + AppModel.INDEX_HEADER
                + " header?");
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

    /** The same name, type (by name) and reference. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ModelField f && f.name.equals(name) && f.typeName.equals(typeName)
                && Objects.equals(f.reference, reference);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    private static String simpleTypeName(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? simpleTypeName(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        return Names.withoutPackages(type.getTypeName());
    }
}
