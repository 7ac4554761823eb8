package io.tessera.web;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An app that serves HTTP: its {@link io.tessera.core.AppConfig} (usually its
 * {@link io.tessera.core.AppActivator}) also implements this interface.
 *
 * <pre>{@code
 * @AppBundle
 * public class HelloApp extends AppActivator implements WebApp {
 *     public String label() { return "hello"; }
 *     public void routes(Routes routes) {
 *         routes.get("/", (request, response) -> response.getWriter().print("Hello"));
 *     }
 * }
 * }</pre>
 *
 * <p>Tessera gives each such app its own servlet context under {@link #path()} ({@code /hello/}
 * above) and registers its routes on the Servlet Whiteboard before the app becomes READY, so a
 * request never meets half of them. They answer only while the app is READY: a request gets
 * {@code 503} with {@code Retry-After} while the app is starting, being prepared or stopping (its
 * bundle being updated, say), and {@code 404} while it is stopped, waiting, failed, disabled or
 * gone. A route that throws answers {@code 500} for that request only, and the exception is logged
 * with the app's label.
 *
 * <p>Both methods are called by the web layer on a thread of its own, each time the app is
 * prepared (before every {@code ready()}), never under a lock.
 */
@ConsumerType
public interface WebApp {

    /**
     * Where the app's context lives: {@code null} (the default) for {@code /<label>}; otherwise a
     * path such as {@code /shop} or {@code /shop/v2} (segments of letters, digits and {@code . _ ~ -}).
     * Two apps cannot hold the same path, nor one inside the other's, nor {@code /tessera} (the
     * admin page's): the app that asks second is FAILED with the holder's name in its reason.
     */
    default String path() {
        return null;
    }

    /** Declares the app's routes; called each time the app is prepared to become READY. */
    void routes(Routes routes);
}
