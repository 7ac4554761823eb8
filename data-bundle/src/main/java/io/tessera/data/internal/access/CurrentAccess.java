package io.tessera.data.internal.access;

import java.util.function.Supplier;

import javax.sql.DataSource;

import io.tessera.data.internal.Dialect;

/**
 * The {@link DataAccess} on whatever database is current, for {@link DataServiceFactory}: one per
 * data source, so that the apps on it share their thread-bound transactions, and a new one when the
 * database is switched. Thread-safe.
 *
 * <pre>{@code
 * new DataServiceFactory(new CurrentAccess(() -> db.isAvailable() ? db.dataSource() : null, db::dialect,
 *         TableNames.DJANGO, ModelDirectory.of(registry)), registry::findApp)
 * }</pre>
 */
public final class CurrentAccess implements Supplier<DataAccess> {

    private final Supplier<DataSource> dataSource;
    private final Supplier<Dialect> dialect;
    private final TableNames tableNames;
    private final ModelDirectory directory;
    private DataAccess current; // guarded by this

    /** @param dataSource the current pool, or {@code null} while there is none */
    public CurrentAccess(Supplier<DataSource> dataSource, Supplier<Dialect> dialect, TableNames tableNames,
            ModelDirectory directory) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.tableNames = tableNames;
        this.directory = directory;
    }

    /** The access layer on the current data source; {@code null} while there is none. */
    @Override
    public synchronized DataAccess get() {
        DataSource ds = dataSource.get();
        if (ds == null) {
            return null;
        }
        if (current == null || current.dataSource() != ds) {
            current = new DataAccess(ds, dialect.get(), tableNames, directory);
        }
        return current;
    }
}
