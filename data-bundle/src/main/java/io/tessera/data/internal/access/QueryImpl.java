package io.tessera.data.internal.access;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tessera.data.DataException;
import io.tessera.data.Query;

/** An immutable query on one table; {@link TableImpl} is the one without conditions. */
class QueryImpl<T> implements Query<T> {

    /** One ORDER BY term. */
    private record Order(Column column, boolean descending) {
    }

    final ModelMapping<T> mapping;
    final Transactions transactions;
    private final List<Condition> conditions;
    private final List<Order> orders;
    private final int limit; // -1: none
    private final int offset;

    QueryImpl(ModelMapping<T> mapping, Transactions transactions, List<Condition> conditions, List<Order> orders,
            int limit, int offset) {
        this.mapping = mapping;
        this.transactions = transactions;
        this.conditions = conditions;
        this.orders = orders;
        this.limit = limit;
        this.offset = offset;
    }

    QueryImpl(ModelMapping<T> mapping, Transactions transactions) {
        this(mapping, transactions, List.of(), List.of(), -1, 0);
    }

    @Override
    public Query<T> where(String fieldLookup, Object value) {
        List<Condition> more = new ArrayList<>(conditions);
        more.add(Condition.parse(mapping, fieldLookup, value));
        return new QueryImpl<>(mapping, transactions, List.copyOf(more), orders, limit, offset);
    }

    @Override
    public Query<T> orderBy(String... fields) {
        List<Order> more = new ArrayList<>(orders);
        for (String f : fields) {
            if (f == null || f.isEmpty() || f.equals("-")) {
                throw new DataException("orderBy() on " + mapping.model + " takes field names, such as \"-id\"; got "
                        + (f == null ? "null" : "\"" + f + "\""));
            }
            boolean desc = f.startsWith("-");
            more.add(new Order(mapping.column(desc ? f.substring(1) : f), desc));
        }
        return new QueryImpl<>(mapping, transactions, conditions, List.copyOf(more), limit, offset);
    }

    @Override
    public Query<T> limit(int count) {
        if (count < 0) {
            throw new DataException("limit(" + count + ") on " + mapping.model + ": a limit is 0 or more");
        }
        return new QueryImpl<>(mapping, transactions, conditions, orders, count, offset);
    }

    @Override
    public Query<T> offset(int count) {
        if (count < 0) {
            throw new DataException("offset(" + count + ") on " + mapping.model + ": an offset is 0 or more");
        }
        return new QueryImpl<>(mapping, transactions, conditions, orders, limit, count);
    }

    @Override
    public List<T> list() {
        StringBuilder sql = select();
        appendWhere(sql);
        if (!orders.isEmpty()) {
            sql.append(" ORDER BY ");
            for (int i = 0; i < orders.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(orders.get(i).column().quoted())
                        .append(orders.get(i).descending() ? " DESC" : "");
            }
        }
        if (limit >= 0) {
            sql.append(" LIMIT ").append(limit);
        }
        if (offset > 0) {
            sql.append(" OFFSET ").append(offset);
        }
        String statement = sql.toString();
        try (Transactions.Lease lease = transactions.lease();
                PreparedStatement ps = lease.connection.prepareStatement(statement)) {
            bindWhere(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapping.read(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw failed("list", e);
        }
    }

    @Override
    public Optional<T> first() {
        List<T> rows = ((QueryImpl<T>) limit(limit >= 0 ? Math.min(limit, 1) : 1)).list();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public long count() {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM ").append(mapping.quotedTable);
        appendWhere(sql);
        try (Transactions.Lease lease = transactions.lease();
                PreparedStatement ps = lease.connection.prepareStatement(sql.toString())) {
            bindWhere(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failed("count", e);
        }
    }

    @Override
    public int delete() {
        if (limit >= 0 || offset > 0) {
            throw new DataException("delete() on " + mapping.model + " cannot take a limit or offset; narrow it with"
                    + " where(), for example where(\"id__in\", ids)");
        }
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(mapping.quotedTable);
        appendWhere(sql);
        try (Transactions.Lease lease = transactions.lease();
                PreparedStatement ps = lease.connection.prepareStatement(sql.toString())) {
            bindWhere(ps, 1);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("delete", e);
        }
    }

    /** {@code SELECT "id", "title" FROM "blog_post"}. */
    StringBuilder select() {
        StringBuilder sql = new StringBuilder(64).append("SELECT ");
        for (int i = 0; i < mapping.columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(mapping.columns.get(i).quoted());
        }
        return sql.append(" FROM ").append(mapping.quotedTable);
    }

    private void appendWhere(StringBuilder sql) {
        for (int i = 0; i < conditions.size(); i++) {
            sql.append(i == 0 ? " WHERE " : " AND ");
            conditions.get(i).appendTo(sql);
        }
    }

    private int bindWhere(PreparedStatement ps, int index) throws SQLException {
        for (Condition c : conditions) {
            index = c.bind(ps, index);
        }
        return index;
    }

    /** {@code list of blog.Post (table blog_post) failed: <the database's message>}. */
    DataException failed(String operation, SQLException e) {
        return new DataException(operation + " of " + mapping.model + " (table " + mapping.table + ") failed: "
                + e.getMessage(), e);
    }
}
