package io.tessera.data.internal;

/**
 * The databases the data layer speaks to, and what differs between them that Tessera relies on.
 * Everything else (type names, DDL) lives with the code that writes SQL, keyed by this value.
 */
public enum Dialect {
    /** Embedded H2 2.x, the default: DDL commits by itself, so a failed migration is undone step by step. */
    H2(false),
    /** PostgreSQL 14 or later: DDL is transactional, so a migration set is one transaction. */
    POSTGRESQL(true);

    private final boolean transactionalDdl;

    Dialect(boolean transactionalDdl) {
        this.transactionalDdl = transactionalDdl;
    }

    /** Whether a schema change can be rolled back by rolling back its transaction. */
    public boolean transactionalDdl() {
        return transactionalDdl;
    }

    /** The dialect of a JDBC URL ({@code jdbc:h2:...}, {@code jdbc:postgresql:...}), or {@code null}. */
    public static Dialect ofUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        return null;
    }
}
