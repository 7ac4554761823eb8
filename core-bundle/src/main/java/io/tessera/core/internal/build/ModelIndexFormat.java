package io.tessera.core.internal.build;

import java.util.List;

import io.tessera.core.AppModel;

/**
 * How a model is written into the {@value AppModel#INDEX_HEADER} header: one clause per model,
 * {@code class;verbose="...";fields="name:type:reference:verbose|..."}, each part encoded so that
 * it holds none of the characters the header, the clause or bnd's macros give a meaning to.
 * The registry reads it back without loading the class; the format is documented on
 * {@link AppModel#INDEX_HEADER}.
 */
public final class ModelIndexFormat {

    /** Written as {@code %XX}: the separators of the format, quotes, bnd's macro sign, the escape itself. */
    private static final String SPECIAL = "%\"\\$,;:|=";

    private ModelIndexFormat() {
    }

    /**
     * One field, as written: {@code name:type:reference:verbose}, each part encoded. A null or empty
     * reference is none; a null or empty verbose name is the one derived from the name.
     */
    public record Field(String name, String typeName, String reference, String verboseName) {
    }

    /** The value of the {@code fields} attribute. */
    public static String fields(List<Field> fields) {
        StringBuilder out = new StringBuilder();
        for (Field f : fields) {
            if (out.length() > 0) {
                out.append('|');
            }
            out.append(encode(f.name())).append(':').append(encode(f.typeName())).append(':')
                    .append(encode(f.reference())).append(':').append(encode(f.verboseName()));
        }
        return out.toString();
    }

    /** The whole clause, as bnd writes it from a {@link ModelDescription}. */
    public static String clause(String binaryName, String verboseName, List<Field> fields) {
        return encode(binaryName) + ";verbose=\"" + encode(verboseName) + "\";fields=\"" + fields(fields) + "\"";
    }

    /** {@code text} with every special or control character as {@code %XX}; null gives "". */
    public static String encode(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || SPECIAL.indexOf(c) >= 0) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
