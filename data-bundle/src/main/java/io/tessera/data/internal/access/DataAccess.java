package io.tessera.data.internal.access;

import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import io.tessera.core.Model;
import io.tessera.data.Data;
import io.tessera.data.internal.Dialect;

/**
 * The data access layer over one data source: hands out each app label's {@link Data}. Everything
 * given to it is used as it is: the data source (pooled by the caller), the dialect, how tables are
 * named, and what is known about other apps' models. One instance per data source, so that its apps
 * share thread-bound transactions. Thread-safe; holds nothing to close.
 */
public final class DataAccess {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final TableNames tableNames;
    private final ModelDirectory directory;
    private final Transactions transactions;

    public DataAccess(DataSource dataSource, Dialect dialect, TableNames tableNames, ModelDirectory directory) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.tableNames = Objects.requireNonNull(tableNames, "tableNames");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.transactions = new Transactions(dataSource);
    }

    /**
     * The data of the app labelled {@code label}, whose models are {@code models} (as the registry
     * describes them, for example {@link io.tessera.core.App#models()}). Cheap; a handle builds each
     * table's mapping on first use and keeps it, so keep the handle.
     */
    public Data forApp(String label, List<Model> models) {
        return new AppData(this, Objects.requireNonNull(label, "label"), models);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    TableNames tableNames() {
        return tableNames;
    }

    ModelDirectory directory() {
        return directory;
    }

    Transactions transactions() {
        return transactions;
    }
}
