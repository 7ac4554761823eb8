package io.tessera.data.internal.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.tessera.data.internal.Dialect;

/**
 * Which database to use and how to log in: the embedded H2 default, or what the configuration
 * {@value #PID} (the file {@code etc/io.tessera.data.cfg}) says with the keys {@code url},
 * {@code user}, and {@code password} or {@code password.file}. Immutable. The password is never
 * part of this value's text: {@link #toString()}, {@link #description()} and every message leave
 * it out; a password file is read each time a connection is opened ({@link #password()}), so a
 * rotated password is taken without a restart.
 *
 * @param url the JDBC URL as configured (it may hold secrets: never print it, print {@link #description()})
 * @param user the user name, {@code ""} for none
 * @param literalPassword the password given in the configuration, or {@code null}
 * @param passwordFile the file holding the password, or {@code null}
 * @param where what the operator edits: "etc/io.tessera.data.cfg", or "configuration io.tessera.data"
 * @param byDefault whether no configuration chose this (the H2 default)
 */
public record DatabaseSettings(String url, String user, String literalPassword, Path passwordFile, String where,
        boolean byDefault) {

    /** The configuration's PID. */
    public static final String PID = "io.tessera.data";
    /** The file an operator writes, as the README names it. */
    public static final String FILE = "etc/" + PID + ".cfg";

    /** {@code password=...} in a URL's query or H2's settings, {@code user:password@} in its authority. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(://[^/:@]+:)[^@/]*@");

    /** A configuration that cannot be used; the message names the file or PID, the key and what to do. */
    public static final class BadSettings extends Exception {
        private static final long serialVersionUID = 1L;

        BadSettings(String message) {
            super(message);
        }
    }

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        user = user == null ? "" : user;
    }

    /** The embedded H2 database in {@code folder} ({@code folder/tessera.mv.db}). */
    public static DatabaseSettings h2Default(Path folder) {
        return new DatabaseSettings("jdbc:h2:file:" + folder.resolve("tessera").toAbsolutePath(), "sa", "", null,
                "the default (embedded H2; " + FILE + " chooses another database)", true);
    }

    /**
     * The settings a configuration's properties give, resolving a relative {@code password.file}
     * against {@code home}; {@code null} properties or properties without any of the keys give the
     * H2 default in {@code defaultFolder}.
     *
     * @param where what to name in messages ("etc/io.tessera.data.cfg")
     * @throws BadSettings naming {@code where}, the key and what to write instead
     */
    public static DatabaseSettings parse(Map<String, ?> properties, String where, Path home, Path defaultFolder)
            throws BadSettings {
        String url = text(properties, "url");
        String user = text(properties, "user");
        String password = properties == null || properties.get("password") == null ? null
                : String.valueOf(properties.get("password"));
        String file = text(properties, "password.file");
        if (url == null) {
            if (user != null || password != null || file != null) {
                throw new BadSettings(where + ", key url: missing; give the JDBC URL of the database"
                        + " (jdbc:postgresql://HOST:PORT/DATABASE), or remove user and password to use the embedded H2");
            }
            return h2Default(defaultFolder);
        }
        Dialect dialect = Dialect.ofUrl(url);
        if (dialect == null) {
            String scheme = url.startsWith("jdbc:") && url.indexOf(':', 5) > 0 ? url.substring(0, url.indexOf(':', 5) + 1)
                    : describe(url);
            throw new BadSettings(where + ", key url: unknown kind of database '" + scheme + "'; Tessera speaks"
                    + " jdbc:postgresql://HOST:PORT/DATABASE and jdbc:h2:file:PATH");
        }
        if (password != null && file != null) {
            throw new BadSettings(where + ", key password.file: both password and password.file are given; keep one");
        }
        if (dialect == Dialect.POSTGRESQL && user == null) {
            throw new BadSettings(where + ", key user: missing; PostgreSQL needs the user to log in as");
        }
        Path passwordFile = null;
        if (file != null) {
            passwordFile = home == null ? Path.of(file) : home.resolve(file);
            readPassword(passwordFile, where); // refused now, while the database in use can stay
        }
        return new DatabaseSettings(url, user, password, passwordFile, where, false);
    }

    private static String text(Map<String, ?> properties, String key) {
        Object value = properties == null ? null : properties.get(key);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
    }

    /** The dialect of {@link #url()}. */
    public Dialect dialect() {
        return Dialect.ofUrl(url);
    }

    /** The URL without secrets, as messages and the shell show it. */
    public String description() {
        return describe(url);
    }

    /** {@code url} with any password in it replaced by {@code ****}. */
    static String describe(String url) {
        return URL_USER_INFO.matcher(URL_PASSWORD.matcher(url).replaceAll("$1****")).replaceAll("$1****@");
    }

    /**
     * The password to log in with now: the configured one, or the first line of the password file
     * read at this moment ({@code ""} when there is none).
     *
     * @throws BadSettings when the password file cannot be read, naming it and the key
     */
    String password() throws BadSettings {
        if (passwordFile != null) {
            return readPassword(passwordFile, where);
        }
        return literalPassword == null ? "" : literalPassword;
    }

    private static String readPassword(Path file, String where) throws BadSettings {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            return (end < 0 ? content : content.substring(0, end)).strip();
        } catch (IOException | RuntimeException e) {
            throw new BadSettings(where + ", key password.file: cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "); make it readable by the runtime or fix the path");
        }
    }

    /** Whether this and {@code other} would open the same pool; a password file's content is read again anyway. */
    boolean sameAs(DatabaseSettings other) {
        return other != null && url.equals(other.url) && user.equals(other.user)
                && Objects.equals(literalPassword, other.literalPassword) && Objects.equals(passwordFile, other.passwordFile);
    }

    /** Never the password: a record's own {@code toString} would print it. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + description() + ", user '" + user + "'"
                + (passwordFile != null ? ", password from " + passwordFile : literalPassword != null ? ", password ****" : "")
                + ", from " + where + "]";
    }
}
