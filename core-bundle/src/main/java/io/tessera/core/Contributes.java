package io.tessera.core;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Header;

/**
 * Contributes the annotated class to an {@link ExtensionPoint} of another app (or of its own):
 * while the app is READY (and enabled), an instance of the class is in that point's
 * {@link AppRegistry#extensions(Class) view} and registered as an OSGi service under the point's
 * interface, so plain OSGi code sees it too.
 *
 * <pre>{@code
 * @Contributes(value = PostRenderer.class, rank = 10)
 * public class MarkdownRenderer implements PostRenderer { ... }
 * }</pre>
 *
 * <p>bnd writes one clause per class into the bundle's {@value #HEADER} manifest header
 * ({@code com.example.md.MarkdownRenderer;point="com.example.blog.PostRenderer";rank="10"}). The
 * class must be public, implement the point and have a public no-argument constructor; it is
 * created on first use (see {@link Contribution#get()}). A class that does not implement the
 * point, or a point no app declares, is reported in {@code apps:diag} with the app; the app
 * itself is not affected.
 *
 * @since 1.3
 */
@Documented
@Retention(CLASS)
@Target(TYPE)
@Header(name = Contributes.HEADER, value = "${@class};point=\"${#value}\";rank=\"${#rank}\"")
public @interface Contributes {

    /** The manifest header listing the contributions of a bundle. */
    String HEADER = "Tessera-Extensions";

    /** The extension point: an interface marked {@link ExtensionPoint}. */
    Class<?> value();

    /**
     * The order among the point's contributions: higher first (as OSGi's {@code service.ranking}),
     * then by app label, then by class name. Default: 0.
     */
    int rank() default 0;
}
