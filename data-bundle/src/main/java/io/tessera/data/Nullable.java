package io.tessera.data;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The field may be null: its column is not {@code NOT NULL}. A box ({@code Long}, {@code Integer}...)
 * may be null without it; a primitive never; any other type ({@code String}, {@code Instant}...) only
 * with it (or with any runtime annotation whose simple name is {@code Nullable}), as Django's fields
 * are {@code NOT NULL} unless {@code null=True}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, RECORD_COMPONENT})
public @interface Nullable {
}
