package io.tessera.data;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The most characters a {@code String} field's column holds: {@code VARCHAR(n)} on every database.
 * Without it a {@code String} column has no length of its own (H2 {@code CHARACTER VARYING},
 * PostgreSQL {@code TEXT}). Changing it on a field whose table exists is a change of type, which
 * needs an explicit migration step.
 *
 * <pre>{@code
 * public record Post(long id, @Length(200) String title) {}
 * }</pre>
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, RECORD_COMPONENT})
public @interface Length {
    /** At least 1. */
    int value();
}
