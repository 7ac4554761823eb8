package io.tessera.data.internal.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns a failure to reach or log in to the database into the one line an operator reads and can
 * act on: what is wrong, where, and what to do ("database unreachable at
 * jdbc:postgresql://127.0.0.1:5433/app: Connection refused; start the server or fix url in
 * etc/io.tessera.data.cfg"). Never contains the password: the drivers' messages do not carry it,
 * and any text equal to it is masked all the same. Pure functions.
 */
final class FailureReasons {

    /** Every reason about an unreachable database starts so; the registry lists the apps waiting with it. */
    static final String UNREACHABLE = "database unreachable at ";

    private FailureReasons() {
    }

    /** The reason a connection to {@code settings}' database failed with {@code failure}. */
    static String of(DatabaseSettings settings, Throwable failure, String password) {
        String at = settings.description();
        String fix = settings.byDefault() ? "check that the home's data/db folder is writable and that no other process"
                + " uses the database" : "fix url in " + settings.where();
        Throwable network = networkCause(failure);
        SQLException sql = sqlCause(failure);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String reason;
        if (state.equals("28P01") || state.equals("28000")) {
            reason = "wrong credentials for user '" + settings.user() + "' at " + at + ": " + message(sql)
                    + "; fix user/password in " + settings.where()
                    + (settings.passwordFile() == null ? "" : " (the password is read from " + settings.passwordFile() + ")");
        } else if (network != null) {
            reason = UNREACHABLE + at + ": " + networkMessage(network) + "; start the server or " + fix;
        } else if (state.startsWith("08")) {
            reason = UNREACHABLE + at + ": " + message(sql) + "; start the server or " + fix;
        } else if (state.equals("3D000")) {
            reason = "no such database at " + at + ": " + message(sql) + "; create it or " + fix;
        } else {
            reason = "database unavailable at " + at + ": " + message(sql != null ? sql : failure) + "; " + fix;
        }
        return mask(reason, password);
    }

    /**
     * {@code text} with every occurrence of {@code password} as a word of its own (not inside a
     * longer word: a password "x" leaves "fix" alone) replaced by {@code ****}.
     */
    static String mask(String text, String password) {
        if (password == null || password.isEmpty()) {
            return text;
        }
        return text.replaceAll("(?<![\\p{Alnum}])" + java.util.regex.Pattern.quote(password) + "(?![\\p{Alnum}])", "****");
    }

    private static Throwable networkCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
                    || c instanceof SocketTimeoutException) {
                return c;
            }
        }
        return null;
    }

    private static SQLException sqlCause(Throwable t) {
        SQLException found = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s) {
                found = s; // the innermost: a pool wraps the driver's
            }
        }
        return found;
    }

    private static String networkMessage(Throwable t) {
        if (t instanceof UnknownHostException) {
            return "unknown host " + t.getMessage();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.replaceAll("\\s*\\(.*\\)$", "");
    }

    /** The server's message on one line, without PostgreSQL's "FATAL: " or H2's trailing error code. */
    private static String message(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.strip().replaceAll("\\s*\\R\\s*", " ");
        m = m.replaceFirst("^(FATAL|ERROR): ", "");
        return m.replaceFirst(" \\[\\d+-\\d+\\]$", "");
    }
}
