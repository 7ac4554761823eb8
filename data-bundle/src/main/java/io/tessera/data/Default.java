package io.tessera.data;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The value a row gets when it is inserted without this field, and the value existing rows get
 * when the field is added to a model whose table exists: a {@code DEFAULT} of its column. Written
 * as text and read for the field's type: a number ({@code "0"}, {@code "2.50"}), {@code "true"} or
 * {@code "false"}, an enum constant's name, a {@code String} as it is, an ISO date or time
 * ({@code "2024-01-31"}), a UUID. A value that does not read as the type fails the app, naming it.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, RECORD_COMPONENT})
public @interface Default {
    String value();
}
