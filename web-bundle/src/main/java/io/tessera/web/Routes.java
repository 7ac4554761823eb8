package io.tessera.web;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What an app's {@link WebApp#routes} declares, relative to its context. Patterns are servlet URL
 * patterns: {@code /posts} (exactly that path), {@code /posts/*} (that path and everything below),
 * {@code *.txt} (by extension), {@code /} (everything of the app no other route takes), or
 * {@code ""} (the context's root, {@code /<label>/}, only). A pattern that is none of these, or a
 * method and pattern declared twice, makes the app FAILED with a reason naming it.
 *
 * <p>Each method returns this object, so declarations chain. Only valid during the
 * {@link WebApp#routes} call.
 */
@ProviderType
public interface Routes {

    /** Answers GET (and HEAD) requests on {@code pattern}; other methods get 405 unless declared too. */
    Routes get(String pattern, Handler handler);

    /** Answers POST requests on {@code pattern}. */
    Routes post(String pattern, Handler handler);

    /** Answers {@code method} (PUT, DELETE, PATCH, ...) requests on {@code pattern}. */
    Routes method(String method, String pattern, Handler handler);

    /** A whole servlet on {@code pattern}, as with any whiteboard servlet (it answers every method it implements). */
    Routes servlet(String pattern, Servlet servlet);

    /** A filter before the app's routes whose paths match {@code pattern}. */
    Routes filter(String pattern, Filter filter);

    /**
     * The entries of the app's bundle under {@code prefix} (such as {@code /static}) on
     * {@code pattern} (such as {@code /static/*}).
     */
    Routes resources(String pattern, String prefix);

    /**
     * The filter that selects this app's context ({@code osgi.http.whiteboard.context.select}), for
     * whiteboard services the app registers itself; they are gated with its routes.
     */
    String contextSelect();
}
