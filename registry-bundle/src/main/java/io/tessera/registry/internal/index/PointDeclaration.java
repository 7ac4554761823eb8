package io.tessera.registry.internal.index;

/**
 * One extension point an app declares ({@code @ExtensionPoint} on an interface of its bundle).
 *
 * @param point    the interface's class name
 * @param key      how the point is shown: the declaring app's label and the interface's simple
 *                 name, {@code blog.PostRenderer}
 * @param required whether the declaring app waits for a contribution
 * @param single   whether one contribution (the first) is used rather than all
 */
public record PointDeclaration(String point, String key, boolean required, boolean single) {

    /** The point {@code className} of the app {@code label}. */
    public static PointDeclaration of(String label, String className, boolean required, boolean single) {
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
        return new PointDeclaration(className, label + "." + simple, required, single);
    }
}
