package io.tessera.data.internal.schema;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The tables of one app: what its models ask for, or what Tessera recorded as applied in
 * {@code tessera_schema}. Immutable. {@link #encode()} writes it as text, one line per table and
 * column, which {@link #decode} reads back; {@link #checksum()} is the SHA-256 of that text.
 *
 * <pre>
 * table blog_post blog.Post
 * column id id LONG 0 notnull pk generated - - - -
 * column author author LONG 0 notnull - - auth_user - - -
 * </pre>
 */
public record SchemaDescription(String appLabel, List<Table> tables) {

    public SchemaDescription {
        tables = List.copyOf(tables);
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The text form: stable for equal descriptions. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Table t : tables) {
            out.append("table ").append(t.name()).append(' ').append(t.model()).append('\n');
            for (Column c : t.columns()) {
                out.append("column ").append(c.name()).append(' ').append(c.field()).append(' ').append(c.kind())
                        .append(' ').append(c.length()).append(' ').append(c.nullable() ? "null" : "notnull")
                        .append(' ').append(c.primaryKey() ? "pk" : "-")
                        .append(' ').append(c.generated() ? "generated" : "-")
                        .append(' ').append(c.references() == null ? "-" : c.references())
                        .append(' ').append(c.unique() ? "unique" : "-")
                        .append(' ').append(c.indexed() ? "indexed" : "-")
                        .append(' ').append(c.defaultValue() == null ? "-"
                                : "=" + URLEncoder.encode(c.defaultValue(), StandardCharsets.UTF_8))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException naming the line that does not read
     */
    public static SchemaDescription decode(String appLabel, String text) {
        List<Table> tables = new ArrayList<>();
        String tableName = null;
        String model = null;
        List<Column> columns = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.split(" ");
            try {
                if (p[0].equals("table") && p.length == 3) {
                    if (tableName != null) {
                        tables.add(new Table(tableName, model, columns));
                    }
                    tableName = p[1];
                    model = p[2];
                    columns = new ArrayList<>();
                } else if (p[0].equals("column") && p.length == 12 && tableName != null) {
                    columns.add(new Column(p[1], p[2], ColumnKind.valueOf(p[3]), Integer.parseInt(p[4]),
                            p[5].equals("null"), p[6].equals("pk"), p[7].equals("generated"),
                            p[8].equals("-") ? null : p[8], p[9].equals("unique"), p[10].equals("indexed"),
                            p[11].equals("-") ? null : URLDecoder.decode(p[11].substring(1), StandardCharsets.UTF_8)));
                } else {
                    throw new IllegalArgumentException("neither a table nor a column");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the recorded schema of " + appLabel + " does not read at line "
                        + lineNo + " '" + line + "': " + e.getMessage(), e);
            }
        }
        if (tableName != null) {
            tables.add(new Table(tableName, model, columns));
        }
        return new SchemaDescription(appLabel, tables);
    }

    /** The SHA-256 of {@link #encode()}, in hexadecimal. */
    public String checksum() {
        return sha256(encode());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
