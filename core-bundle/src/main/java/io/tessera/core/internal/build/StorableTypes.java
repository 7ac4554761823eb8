package io.tessera.core.internal.build;

import java.util.Set;

import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The field types the data layer can store in a column, as the compiler sees them, so that an
 * {@code @AppModel} field of another type fails the build instead of the app. The data bundle's
 * {@code ColumnKind} maps the same list to SQL types (and says why each): keep the two in step.
 */
final class StorableTypes {

    private static final Set<String> CLASSES = Set.of("java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Character",
            "java.lang.String", "java.math.BigDecimal", "java.time.Instant", "java.time.LocalDate",
            "java.time.LocalDateTime", "java.time.LocalTime", "java.util.UUID");

    private StorableTypes() {
    }

    /** Primitives, their boxes, the classes above, enums, {@code byte[]} and {@code List<String>}. */
    static boolean storable(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return array.getComponentType().getKind() == TypeKind.BYTE;
        }
        if (type instanceof DeclaredType declared && declared.asElement() instanceof TypeElement element) {
            String name = element.getQualifiedName().toString();
            if (element.getKind() == ElementKind.ENUM || CLASSES.contains(name)) {
                return declared.getTypeArguments().isEmpty();
            }
            if (name.equals("java.util.List") && declared.getTypeArguments().size() == 1) {
                TypeMirror argument = declared.getTypeArguments().get(0);
                return argument instanceof DeclaredType d && d.asElement() instanceof TypeElement e
                        && e.getQualifiedName().contentEquals("java.lang.String");
            }
        }
        return false;
    }
}
