package io.tessera.data.internal.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tessera.core.Model;
import io.tessera.data.Data;
import io.tessera.data.DataException;
import io.tessera.data.Table;
import io.tessera.data.internal.Dialect;

/**
 * The {@link Data} of one app label: its models' tables (built on first use and kept), its SQL
 * templates, and the transactions of the data source it shares with every other app. Thread-safe.
 */
final class AppData implements Data {

    private final DataAccess access;
    private final String label;
    private final List<Model> models;
    private final Map<Class<?>, TableImpl<?>> tables = new ConcurrentHashMap<>();
    private final SqlTemplates templates = new SqlTemplates(this);

    AppData(DataAccess access, String label, List<Model> models) {
        this.access = access;
        this.label = label;
        this.models = List.copyOf(models);
    }

    @Override
    public String appLabel() {
        return label;
    }

    List<Model> models() {
        return models;
    }

    Dialect dialect() {
        return access.dialect();
    }

    ModelDirectory directory() {
        return access.directory();
    }

    /**
     * The table of {@code model}: for a model of this app, under this handle's label whatever label
     * the model was described with (an instance {@code blog_news} may share {@code blog}'s
     * descriptions); for another app's model, under that app's label.
     */
    String tableName(Model model) {
        return access.tableNames().table(models.contains(model) ? label : model.appLabel(), model);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Table<T> table(Class<T> type) {
        if (type == null) {
            throw new DataException("table(null): give a model class of app " + label);
        }
        TableImpl<?> table = tables.get(type);
        if (table == null) {
            table = tables.computeIfAbsent(type, t -> new TableImpl<>(mapping(type), access.transactions()));
        }
        return (Table<T>) table;
    }

    private <T> ModelMapping<T> mapping(Class<T> type) {
        for (Model m : models) {
            if (m.className().equals(type.getName())) {
                if (m.type() != type) {
                    throw new DataException("the class " + type.getName() + " is not the one of model " + m + " (it comes"
                            + " from another class loader, such as an older version of the app's bundle)");
                }
                return ModelMapping.of(m, type, tableName(m), access.dialect());
            }
        }
        List<String> names = new ArrayList<>();
        models.forEach(m -> names.add(m.name()));
        Optional<String> owner = access.directory().appOf(type).filter(other -> !other.equals(label));
        if (owner.isPresent()) {
            throw new DataException(type.getSimpleName() + " is a model of the app \"" + owner.get() + "\", not of \""
                    + label + "\": an app reads and writes the tables of its own models (" + String.join(", ", names)
                    + "); to read another app's rows, join its table in SQL as {" + owner.get() + "." + type.getSimpleName()
                    + "}");
        }
        throw new DataException(type.getName() + " is not a model of the app \"" + label + "\"; its models: "
                + (names.isEmpty() ? "none" : String.join(", ", names))
                + ". A model is a record or class listed by the app (or marked @AppModel in its bundle)");
    }

    @Override
    public <R> R inTransaction(Work<R> work) {
        return access.transactions().run(() -> work.run(this));
    }

    @Override
    public void runInTransaction(Action action) {
        access.transactions().run(() -> {
            action.run(this);
            return null;
        });
    }

    @Override
    public String sql(String template) {
        return templates.resolve(template);
    }

    @Override
    public <T> List<T> query(Class<T> model, String sqlTemplate, Object... params) {
        ModelMapping<T> mapping = ((TableImpl<T>) table(model)).mapping;
        String sql = sql(sqlTemplate);
        try (Transactions.Lease lease = access.transactions().lease();
                PreparedStatement ps = lease.connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return mapping.readByLabel(rs);
            }
        } catch (SQLException e) {
            throw new DataException("query of app " + label + " failed: " + e.getMessage() + " (SQL: " + sql + ")", e);
        }
    }

    @Override
    public int execute(String sqlTemplate, Object... params) {
        String sql = sql(sqlTemplate);
        try (Transactions.Lease lease = access.transactions().lease();
                PreparedStatement ps = lease.connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataException("statement of app " + label + " failed: " + e.getMessage() + " (SQL: " + sql + ")", e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        if (params == null) {
            return;
        }
        for (int i = 0; i < params.length; i++) {
            JdbcTypes.bindAny(ps, i + 1, params[i]);
        }
    }

    @Override
    public <R> R withConnection(ConnectionWork<R> work) {
        try (Transactions.Lease lease = access.transactions().lease()) {
            Connection c = lease.connection;
            return work.run(c);
        } catch (SQLException e) {
            throw new DataException("SQL of app " + label + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Data[" + label + "]";
    }
}
