package io.tessera.core;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Header;

/**
 * Marks an interface as an extension point of the app whose bundle holds it: other apps
 * contribute implementations ({@link Contributes}), and anyone reads them, live, with
 * {@link AppRegistry#extensions(Class)}. Put the interface in a package the bundle exports, so
 * contributors can implement it.
 *
 * <pre>{@code
 * @ExtensionPoint(required = true, single = true)
 * public interface PostRenderer { String render(String text); }
 * }</pre>
 *
 * <p>bnd writes one clause per point into the bundle's {@value #HEADER} manifest header
 * ({@code com.example.blog.PostRenderer;required="true";single="true"}); the registry reads it
 * when the app arrives, without loading the interface. The point is shown as
 * {@code label.SimpleName} ({@code blog.PostRenderer}).
 *
 * @since 1.3
 */
@Documented
@Retention(CLASS)
@Target(TYPE)
@Header(name = ExtensionPoint.HEADER, value = "${@class};required=\"${#required}\";single=\"${#single}\"")
public @interface ExtensionPoint {

    /** The manifest header listing the extension points a bundle declares. */
    String HEADER = "Tessera-Extension-Points";

    /**
     * Whether the declaring app needs a contribution: it stays WAITING ("extension point
     * blog.PostRenderer requires a contribution; none of the READY apps contributes one") until a
     * READY app contributes one, and steps down when the last one leaves. Default: false.
     */
    boolean required() default false;

    /**
     * Whether one contribution is used (the {@link Extensions#winner() winner}: the highest rank,
     * then the smallest app label) rather than all of them. Others are still listed, in order.
     * Default: false.
     */
    boolean single() default false;
}
