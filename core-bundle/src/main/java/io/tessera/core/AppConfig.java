package io.tessera.core;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

import io.tessera.core.internal.Names;

/**
 * What an app tells the registry about itself: Tessera's counterpart of Django's
 * {@code AppConfig}. An app publishes one as an OSGi service (an {@link AppActivator} does that
 * for it); the registry tracks it for as long as the service is registered.
 *
 * <p>Only {@link #label()} must be written. The registry calls {@link #ready()} and
 * {@link #stopping()} never while holding a lock, never concurrently with each other or with
 * any other app's hooks, and exactly once per activation each. They run on the thread that is
 * applying registry changes at that moment: usually the one that started or stopped the bundle
 * concerned, so a hook that hands work to another thread must not wait for that thread to start
 * or stop app bundles (its change would be applied after the hook returns).
 */
@ConsumerType
public interface AppConfig {

    /** Service property carrying the label, set by {@link AppActivator} for filters. */
    String LABEL_PROPERTY = "tessera.app.label";

    /**
     * The short, unique name other apps and lookups use, such as {@code "blog"}. It must match
     * {@code [a-z][a-z0-9_]*} and be at most 64 characters.
     */
    String label();

    /**
     * The app's full name, unique in the runtime, as Django's dotted module path. {@code null}
     * (the default) gives a default name: the symbolic name of the app's bundle when it is the
     * only app of its bundle without a name of its own; while the bundle publishes several such
     * configs, each is named {@code <symbolicName>.<label>} (for example
     * {@code com.example.shop.orders} and {@code com.example.shop.billing}). Default names depend
     * only on which configs a bundle publishes, not on the order it registers them in; an app
     * whose default name changes (a second config of its bundle arrives, or the others leave)
     * keeps its state. Two apps that still end up with one name are an error naming both:
     * override this method in one of them.
     */
    default String name() {
        return null;
    }

    /** A human-readable name; by default derived from the label ({@code "blog_posts"} gives "Blog posts"). */
    default String verboseName() {
        return Names.verboseNameOfLabel(label());
    }

    /**
     * Model classes the app lists in code, in the order they should be listed, after the
     * {@link AppModel} classes of its bundle. The registry loads and describes them each time the
     * app arrives; declaring models with {@link AppModel} instead lets it index them without
     * loading them. Default: none.
     */
    default List<Class<?>> models() {
        return List.of();
    }

    /** The apps this app needs, by label, with optional version ranges. Default: none. */
    default List<Requirement> requires() {
        return List.of();
    }

    /**
     * Whether this is a system app: one the runtime cannot do without. A system app cannot be
     * disabled and stays READY in safe mode. Default: false.
     *
     * @since 1.1
     */
    default boolean system() {
        return false;
    }

    /**
     * Free-form tags (letters, digits, '_', '-', '.') that load filters can select apps by
     * ({@code include.tags}, {@code exclude.tags}). Default: none.
     *
     * @since 1.1
     */
    default Set<String> tags() {
        return Set.of();
    }

    /**
     * Called once each time the app becomes READY, after everything it requires is READY (so
     * their models can be looked up). The app's own models join the index when this returns
     * normally. An exception marks this app FAILED, with the exception as reason; no other app is
     * affected.
     */
    default void ready() {
    }

    /**
     * Called once each time the app stops being READY (its bundle stops, or something it requires
     * left), before the apps it requires stop. Exceptions are logged and otherwise ignored.
     */
    default void stopping() {
    }
}
