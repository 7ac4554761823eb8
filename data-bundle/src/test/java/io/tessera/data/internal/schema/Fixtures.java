package io.tessera.data.internal.schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tessera.core.Model;
import io.tessera.core.ModelRef;
import io.tessera.data.Default;
import io.tessera.data.Indexed;
import io.tessera.data.Length;
import io.tessera.data.Nullable;
import io.tessera.data.Unique;

/** Model classes of the tests: each version of an app is a class whose nested records are its models. */
final class Fixtures {

    private Fixtures() {
    }

    enum Color { RED, GREEN }

    /** Every mapped type, primitive and box. */
    record Everything(long id, boolean flag, Boolean flagOrNull, byte tiny, Byte tinyOrNull, short small,
            Short smallOrNull, int count, Integer countOrNull, long big, Long bigOrNull, float ratio, Float ratioOrNull,
            double precise, Double preciseOrNull, char letter, Character letterOrNull, String text, BigDecimal price,
            Instant at, LocalDate day, LocalDateTime localAt, LocalTime time, UUID uuid, Color color, byte[] bytes,
            List<String> tags) {
    }

    /** @Nullable and annotations of the data API. */
    record Annotated(UUID id, @Nullable String note, @Length(80) @Unique String slug, @Indexed int rank,
            @Default("DRAFT") String status, @Default("3") int stars, @Nullable @Default("GREEN") Color color) {
    }

    /** A String id: a primary key the app always gives. */
    record Keyed(String id, String name) {
    }

    record Unmappable(long id, Map<String, String> attributes, Object anything, List<Integer> numbers) {
    }

    /** Two models whose names differ only in case. */
    static final class Clash {
        record Post(long id) {
        }

        record POST(long id) {
        }
    }

    /** Version 1 of app "blog". */
    static final class V1 {
        record Author(long id, String name) {
        }

        record Post(long id, String title, @ModelRef("blog.Author") long author, Integer views) {
        }
    }

    /** Version 2: additive changes (a nullable field, a defaulted field, a new model, an index). */
    static final class V2Additive {
        record Author(long id, String name, @Nullable String email) {
        }

        record Post(long id, @Indexed String title, @ModelRef("blog.Author") long author, Integer views,
                @Default("0") int likes) {
        }

        record Tag(long id, @ModelRef("blog.Post") long post, String name) {
        }
    }

    /** Version 2: field views removed. */
    static final class V2Removed {
        record Author(long id, String name) {
        }

        record Post(long id, String title, @ModelRef("blog.Author") long author) {
        }
    }

    /** Version 2: title renamed to headline. */
    static final class V2Renamed {
        record Author(long id, String name) {
        }

        record Post(long id, String headline, @ModelRef("blog.Author") long author, Integer views) {
        }
    }

    /** Version 2: views retyped to String. */
    static final class V2Retyped {
        record Author(long id, String name) {
        }

        record Post(long id, String title, @ModelRef("blog.Author") long author, String views) {
        }
    }

    /** Version 2: views made NOT NULL (a primitive). */
    static final class V2NotNull {
        record Author(long id, String name) {
        }

        record Post(long id, String title, @ModelRef("blog.Author") long author, int views) {
        }
    }

    /** Version 2: a new NOT NULL field without a default. */
    static final class V2NewNotNull {
        record Author(long id, String name) {
        }

        record Post(long id, String title, @ModelRef("blog.Author") long author, Integer views, String slug) {
        }
    }

    /** Version 2: model Author removed (Post no longer refers to it). */
    static final class V2ModelRemoved {
        record Post(long id, String title, long author, Integer views) {
        }
    }

    /** Version 2: a new table, then titles made unique (which fails when titles repeat). */
    static final class V2UniqueTitle {
        record Tag(long id, String name) {
        }

        record Author(long id, String name) {
        }

        record Post(long id, @Unique String title, @ModelRef("blog.Author") long author, Integer views) {
        }
    }

    /** The models of one version: its nested records, described as app {@code label}'s. */
    static List<Model> models(String label, Class<?> version) {
        List<Model> out = new ArrayList<>();
        for (Class<?> c : version.getDeclaredClasses()) {
            if (c.isRecord()) {
                out.add(Model.describe(label, c));
            }
        }
        out.sort((a, b) -> Integer.compare(order(version, a), order(version, b)));
        return out;
    }

    /** Declaration order, which getDeclaredClasses does not promise: by position in the source's records list. */
    private static int order(Class<?> version, Model m) {
        List<String> names = List.of("Tag", "Author", "Post", "POST");
        int i = names.indexOf(m.name());
        return i < 0 ? 99 : i;
    }

    static List<Model> modelsOf(String label, Class<?>... types) {
        List<Model> out = new ArrayList<>();
        for (Class<?> c : types) {
            out.add(Model.describe(label, c));
        }
        return out;
    }
}
