package io.tessera.data;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** No two rows of the model may have the same value in this field: a unique constraint on its column. */
@Documented
@Retention(RUNTIME)
@Target({FIELD, RECORD_COMPONENT})
public @interface Unique {
}
