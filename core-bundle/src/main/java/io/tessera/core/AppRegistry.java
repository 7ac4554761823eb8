package io.tessera.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The live index of apps and models, published as an OSGi service by the Tessera registry
 * bundle: Tessera's {@code django.apps.apps}, true at every instant while apps come and go.
 *
 * <p>Reads never block and are always allowed, also from ready hooks. Each returned {@link App},
 * {@link Model} and list is an immutable snapshot; lists are consistent with one
 * {@link #generation()}. Only READY apps contribute models to lookups.
 */
@ProviderType
public interface AppRegistry {

    /**
     * Every app the registry knows, in any state, also those whose bundle is installed but not
     * running them ({@link AppState#STOPPED}): in dependency order, ties broken by label.
     */
    List<App> apps();

    /**
     * The app with this label, in any state.
     *
     * @throws LookupException if no app asked for this label; the message suggests the closest
     *         labels, or the label of the app whose full name was given
     */
    App app(String label);

    /** The app with this label, if there is one. */
    Optional<App> findApp(String label);

    /** Whether a READY app has this full name (Django's {@code is_installed}). */
    boolean isInstalled(String appName);

    /** All models of READY apps, in app order, then in each app's declaration order. */
    List<Model> models();

    /**
     * The model {@code modelName} (case-insensitive) of the READY app {@code appLabel}
     * (case-sensitive).
     *
     * @throws LookupException naming the app's models, or suggesting labels
     */
    Model model(String appLabel, String modelName);

    /**
     * The model with key {@code "label.Model"}.
     *
     * @throws IllegalArgumentException if the key has no dot
     * @throws LookupException as {@link #model(String, String)}
     */
    Model model(String key);

    /** The model with this key, if a READY app has it; no exception for a bad key. */
    Optional<Model> findModel(String key);

    /** The app whose bundle holds this class (in any state); empty for classes of no app. */
    Optional<App> appContaining(Class<?> type);

    /**
     * The app holding this class or package, by name: one whose config or model classes are in
     * that package (or a sub-package of it).
     */
    Optional<App> appContaining(String classOrPackageName);

    /** A number that changes with every change of the index. */
    long generation();

    /**
     * Whether nothing is in transition: no bundle change pending, no hook running, no event
     * undelivered, and no app {@link AppState#PREPARING} (an app WAITING on a participant is settled).
     */
    boolean isSettled();

    /**
     * Waits until the registry {@link #isSettled() is settled}.
     *
     * @return {@code true} if it settled within the timeout
     * @throws IllegalStateException when called from a ready or stopping hook, which would wait forever
     */
    boolean awaitSettled(Duration timeout) throws InterruptedException;

    /**
     * Runs {@code operation} as soon as every model named (as {@code "label.Model"}) is available,
     * at once if they already are; tells it when one leaves, and again when all are back.
     * Callbacks come on the event thread, in order with {@link AppListener} events.
     *
     * @throws IllegalArgumentException if a key has no dot
     */
    Registration whenModelsReady(ModelOperation operation, String... modelKeys);

    /**
     * The contributions to extension point {@code point} from READY apps, in order (rank, then app
     * label): an immutable snapshot, read without blocking. A contribution leaves it as its app
     * steps down, before the app's {@code stopping()} is called. A point nobody contributes to
     * gives an empty snapshot.
     *
     * @since 1.3
     */
    <T> Extensions<T> extensions(Class<T> point);

    /**
     * Tells {@code listener} the contributions to {@code point} now, then each time they change,
     * on the event thread in order with {@link AppListener} events, until the registration is
     * closed.
     *
     * @since 1.3
     */
    <T> Registration onExtensionsChanged(Class<T> point, ExtensionListener<T> listener);
}
