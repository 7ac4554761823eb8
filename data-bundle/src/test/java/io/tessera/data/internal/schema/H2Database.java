package io.tessera.data.internal.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database per test, and plain JDBC reads of what is in it. */
final class H2Database {

    private static final AtomicInteger COUNT = new AtomicInteger();

    final JdbcDataSource dataSource = new JdbcDataSource();

    H2Database() {
        this("jdbc:h2:mem:schema" + COUNT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    }

    H2Database(String url) {
        dataSource.setURL(url);
        dataSource.setUser("sa");
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

    /** The tables of the PUBLIC schema, lower case, sorted. */
    List<String> tables() throws SQLException {
        return rows("SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                + " ORDER BY TABLE_NAME");
    }

    /** {@code name TYPE [not null]} for each column of the table, in order. */
    List<String> columns(String table) throws SQLException {
        return rows("SELECT LOWER(COLUMN_NAME) || ' ' || DATA_TYPE || CASE WHEN IS_NULLABLE = 'NO' THEN ' not null'"
                + " ELSE '' END FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = '"
                + table.toUpperCase(Locale.ROOT) + "' ORDER BY ORDINAL_POSITION");
    }
}
