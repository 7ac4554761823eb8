package io.tessera.core.spi;

import org.osgi.annotation.versioning.ProviderType;

import io.tessera.core.App;

/**
 * One participant's preparation of one app, given by the registry to
 * {@link AppParticipant#prepare}. Every method may be called from any thread, and returns at once:
 * the registry applies the report in order with its other changes. Reports after the preparation
 * ended (done, failed or cancelled) are ignored, except {@link #revoke} after {@link #done()}.
 */
@ProviderType
public interface Preparation {

    /** The app being prepared, as it was when the preparation began. */
    App app();

    /** Says what is being done; shown as the reason of the PREPARING app. */
    void progress(String what);

    /**
     * The app cannot be prepared until something outside it changes ("database unreachable at
     * jdbc:postgresql://db/app: connection refused"): it is listed WAITING with this reason until
     * {@link #done()}, {@link #failed} or {@link #progress}.
     */
    void waiting(String reason);

    /** Finished: the app may become READY as far as this participant is concerned. */
    void done();

    /**
     * The app itself must change ("migration 0002_add_slug failed: Syntax error in SQL statement
     * ..."); it is FAILED with this reason until its bundle is updated or restarted.
     */
    void failed(String reason);

    /**
     * After {@link #done()}: what was prepared no longer holds (the database went away): the app
     * steps down, is listed WAITING with {@code reason}, and is prepared again by a new
     * {@link #prepare} call.
     */
    void revoke(String reason);

    /** Whether the registry has cancelled this preparation; long work checks it between steps. */
    boolean isCancelled();
}
