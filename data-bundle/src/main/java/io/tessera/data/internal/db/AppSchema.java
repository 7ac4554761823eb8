package io.tessera.data.internal.db;

import javax.sql.DataSource;

import io.tessera.core.App;
import io.tessera.core.spi.Preparation;
import io.tessera.data.internal.Dialect;

/**
 * What the data layer does to an app's database before the app may become READY: the hook where
 * "apply the app's schema" goes (tables from models, migrations). Called by {@link DataParticipant}
 * on a thread of its own, never on the registry's applier, once per preparation, while the database
 * is available; it may take long, reporting with {@link Preparation#progress} and checking
 * {@link Preparation#isCancelled()} between steps.
 */
@FunctionalInterface
public interface AppSchema {

    /** Nothing to apply yet: the app only needs the database to be available. */
    AppSchema NONE = (app, dataSource, dialect, preparation) -> {
    };

    /**
     * Brings {@code app}'s schema up to date on {@code dataSource}, whole or not at all.
     *
     * @throws java.sql.SQLException when the database failed (the app is FAILED with the message, or waits
     *         again when the database has gone away meanwhile)
     * @throws Exception when the app itself must change
     */
    void apply(App app, DataSource dataSource, Dialect dialect, Preparation preparation) throws Exception;
}
