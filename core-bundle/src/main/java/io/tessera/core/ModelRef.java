package io.tessera.core;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Declares that a model field points at a model, possibly of another app, by
 * {@code "label.Model"}, as Django's {@code ForeignKey("auth.User")}. The owning app stays WAITING
 * until that model is in the index, and leaves READY when it goes.
 *
 * <pre>{@code
 * public record Post(String title, @ModelRef("auth.User") long author) {}
 * }</pre>
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, RECORD_COMPONENT})
public @interface ModelRef {
    /** The referenced model, {@code "label.Model"}; the model name is case-insensitive. */
    String value();
}
