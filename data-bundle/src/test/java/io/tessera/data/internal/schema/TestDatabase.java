package io.tessera.data.internal.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** A database of a test (a fresh in-memory H2 one by default), and plain JDBC reads of what is in it. */
final class TestDatabase {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final DataSource dataSource;

    /** A fresh in-memory H2 database. */
    TestDatabase() {
        this("jdbc:h2:mem:schema" + COUNT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    }

    /** The H2 database at this URL. */
    TestDatabase(String h2Url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(h2Url);
        h2.setUser("sa");
        this.dataSource = h2;
    }

    TestDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** Each row of the query as its columns' values joined by {@code |}. */
    List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(r.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    /** The tables of the current schema, lower case, sorted. */
    List<String> tables() throws SQLException {
        return rows("SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA"
                + " ORDER BY 1");
    }

    /** {@code name TYPE [not null]} for each column of the table, in order, as the database names its types. */
    List<String> columns(String table) throws SQLException {
        return rows("SELECT LOWER(column_name) || ' ' || data_type || CASE WHEN is_nullable = 'NO' THEN ' not null'"
                + " ELSE '' END FROM information_schema.columns WHERE table_schema = CURRENT_SCHEMA"
                + " AND LOWER(table_name) = '" + table + "' ORDER BY ordinal_position");
    }
}
