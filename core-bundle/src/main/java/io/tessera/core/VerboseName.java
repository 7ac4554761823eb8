package io.tessera.core;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Overrides the human-readable name Tessera derives for a model or a field
 * ({@code BlogPost} gives "blog post", {@code pub_date} gives "pub date").
 */
@Documented
@Retention(RUNTIME)
@Target({TYPE, FIELD, RECORD_COMPONENT})
public @interface VerboseName {
    String value();
}
