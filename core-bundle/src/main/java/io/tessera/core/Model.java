package io.tessera.core;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.framework.Bundle;

import io.tessera.core.internal.Names;

/**
 * What the registry knows about one model class: the app it belongs to, its name (the simple
 * class name), its key {@code "label.Model"}, and its fields. Immutable.
 *
 * <p>A record's components are its fields, in declaration order. For any other class, its
 * instance fields that are neither static, transient nor synthetic are, superclass fields first.
 *
 * <p>A model {@linkplain #declared declared} at build time (see {@link AppModel}) is known by
 * name: its class is loaded from its bundle the first time {@link #type()} is asked for.
 */
public final class Model {

    private final String appLabel;
    private final String name;
    private final String lookupName;
    private final String key;
    private final String className;
    private final Bundle bundle; // where a declared model's class is loaded from; null if described from its class
    private volatile Class<?> type;
    private final List<ModelField> fields;
    private final String verboseName;

    private Model(String appLabel, String className, Class<?> type, Bundle bundle, String verboseName,
            List<ModelField> fields) {
        this.appLabel = appLabel;
        this.className = className;
        this.name = simpleName(className);
        this.lookupName = name.toLowerCase(Locale.ROOT);
        this.key = appLabel + "." + name;
        this.type = type;
        this.bundle = bundle;
        this.verboseName = verboseName != null && !verboseName.isEmpty() ? verboseName
                : Names.verboseNameOfClass(name);
        List<ModelField> own = new ArrayList<>(fields.size());
        for (ModelField f : fields) {
            own.add(type == null ? f.of(this) : f);
        }
        this.fields = List.copyOf(own);
    }

    private static String simpleName(String binaryName) {
        return binaryName.substring(Math.max(binaryName.lastIndexOf('.'), binaryName.lastIndexOf('$')) + 1);
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
        VerboseName verbose = type.getAnnotation(VerboseName.class);
        return new Model(appLabel, type.getName(), type, null, verbose == null ? null : verbose.value(),
                type.isRecord() ? recordFields(type) : classFields(type));
    }

    /**
     * A model as the build described it, without loading its class: the class named
     * {@code className} (a binary name, such as {@code com.example.Outer$Inner}) is loaded from
     * {@code bundle} when {@link #type()} is first called.
     *
     * @param verboseName {@code null} or empty for the one derived from the class name
     * @param fields      made with {@link ModelField#declared}
     */
    public static Model declared(String appLabel, Bundle bundle, String className, String verboseName,
            List<ModelField> fields) {
        if (bundle == null || className == null || className.isEmpty()) {
            throw new IllegalArgumentException("a declared model needs its bundle and class name");
        }
        return new Model(appLabel, className, null, bundle, verboseName, fields);
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

    /** The model's class binary name, such as {@code com.example.blog.Post}; known without loading it. */
    public String className() {
        return className;
    }

    /**
     * The model's class. For a declared model, the first call loads it from its bundle.
     *
     * @throws IllegalStateException if the class cannot be loaded (the message says why)
     */
    public Class<?> type() {
        Class<?> t = type;
        if (t == null) {
            try {
                t = bundle.loadClass(className);
            } catch (ClassNotFoundException | IllegalStateException e) {
                throw new IllegalStateException("model " + key + ": class " + className
                        + " cannot be loaded from bundle " + bundle.getSymbolicName() + " (" + e.getMessage()
                        + "); is it in the bundle, and was the bundle built from the same sources as its "
                        + AppModel.INDEX_HEADER + " header?", e);
            }
            type = t; // racing first calls load the same class from the same bundle
        }
        return t;
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

    /** The same key and the same class: declared by the same bundle, or the same loaded class. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Model m && m.key.equals(key) && m.className.equals(className)
                && (bundle != null ? bundle.equals(m.bundle) : m.bundle == null && m.type == type);
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
