package io.tessera.core;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.tessera.core.internal.Names;

/**
 * What the registry knows about one model class: the app it belongs to, its name (the simple
 * class name), its key {@code "label.Model"}, and its fields. Immutable.
 *
 * <p>A record's components are its fields, in declaration order. For any other class, its
 * instance fields that are neither static, transient nor synthetic are, superclass fields first.
 */
public final class Model {

    private final String appLabel;
    private final String name;
    private final String lookupName;
    private final String key;
    private final Class<?> type;
    private final List<ModelField> fields;
    private final String verboseName;

    private Model(String appLabel, Class<?> type, List<ModelField> fields) {
        this.appLabel = appLabel;
        this.name = type.getSimpleName();
        this.lookupName = name.toLowerCase(Locale.ROOT);
        this.key = appLabel + "." + name;
        this.type = type;
        this.fields = List.copyOf(fields);
        VerboseName verbose = type.getAnnotation(VerboseName.class);
        this.verboseName = verbose != null ? verbose.value() : Names.verboseNameOfClass(name);
    }

    /**
     * Describes {@code type} as a model of the app labelled {@code appLabel}.
     *
     * @throws IllegalArgumentException if the type is not a concrete, named class or record
     */
    public static Model describe(String appLabel, Class<?> type) {
        if (type.isInterface() || type.isPrimitive() || type.isArray() || type.isEnum() || type.isAnonymousClass()
                || type.isLocalClass() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("model " + type.getName()
                    + " must be a named, concrete class or record (not an interface, enum, array or abstract class)");
        }
        return new Model(appLabel, type, type.isRecord() ? recordFields(type) : classFields(type));
    }

    private static List<ModelField> recordFields(Class<?> type) {
        List<ModelField> fields = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            fields.add(field(c.getName(), c.getType(), c.getGenericType(), c.getAnnotation(ModelRef.class),
                    c.getAnnotation(VerboseName.class)));
        }
        return fields;
    }

    private static List<ModelField> classFields(Class<?> type) {
        List<ModelField> fields = type.getSuperclass() == null || type.getSuperclass() == Object.class
                ? new ArrayList<>() : classFields(type.getSuperclass());
        for (Field f : type.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) {
                continue;
            }
            fields.add(field(f.getName(), f.getType(), f.getGenericType(), f.getAnnotation(ModelRef.class),
                    f.getAnnotation(VerboseName.class)));
        }
        return fields;
    }

    private static ModelField field(String name, Class<?> type, java.lang.reflect.Type generic, ModelRef ref,
            VerboseName verbose) {
        return new ModelField(name, type, generic, ref == null ? null : ref.value(),
                verbose != null ? verbose.value() : Names.verboseNameOfField(name));
    }

    public String appLabel() {
        return appLabel;
    }

    /** The simple class name, such as {@code Post}. */
    public String name() {
        return name;
    }

    /** {@code "label.Model"}, such as {@code blog.Post}. */
    public String key() {
        return key;
    }

    /** The lower-case name lookups match against, such as {@code post}. */
    public String lookupName() {
        return lookupName;
    }

    public Class<?> type() {
        return type;
    }

    public List<ModelField> fields() {
        return fields;
    }

    /** The field with this exact name, if the model has one. */
    public Optional<ModelField> field(String fieldName) {
        for (ModelField f : fields) {
            if (f.name().equals(fieldName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The {@code "label.Model"} keys this model's fields refer to, in field order, without repeats. */
    public List<String> references() {
        List<String> refs = new ArrayList<>();
        for (ModelField f : fields) {
            f.reference().filter(r -> !refs.contains(r)).ifPresent(refs::add);
        }
        return refs;
    }

    public String verboseName() {
        return verboseName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Model m && m.key.equals(key) && m.type == type;
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** {@code blog.Post}. */
    @Override
    public String toString() {
        return key;
    }
}
