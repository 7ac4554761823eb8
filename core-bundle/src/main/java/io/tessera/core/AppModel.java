package io.tessera.core;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Header;

/**
 * Marks a class or record as a model of its bundle's app, as a class in Django's
 * {@code models.py} is a model of its app. The build describes it once, and the registry reads
 * that description when the app arrives without loading the class: the class is loaded the first
 * time someone calls {@link Model#type()}. Listing a class in {@link AppConfig#models()} instead
 * makes the registry load and describe it each time the app arrives.
 *
 * <pre>{@code
 * @AppModel
 * public record Post(String title, @ModelRef("auth.User") long author) {}
 * }</pre>
 *
 * <p>Two things in the build do this, with nothing to configure: bnd writes the class names into
 * the bundle's {@value #HEADER} manifest header, and Tessera's annotation processor (in this jar,
 * found by {@code javac} on the class path) writes each model's fields into {@value #INDEX}. A
 * class named in the header but missing from the index (the processor did not run) is loaded
 * and described when the app arrives, so it still works, only not lazily.
 *
 * <p>The models of a bundle belong to the app the bundle publishes. A bundle that publishes
 * several apps lists each app's models in its {@link AppConfig#models()}: annotated models would
 * be claimed by every one of them, and all but the first would fail.
 */
@Documented
@Retention(CLASS)
@Target(TYPE)
@Header(name = AppModel.HEADER, value = "${@class}")
public @interface AppModel {

    /** The manifest header listing the bundle's model classes. */
    String HEADER = "Tessera-Models";

    /**
     * The resource, in the bundle, describing its models. One line per model,
     * {@code model<TAB>class name<TAB>verbose name}, followed by one line per field,
     * {@code field<TAB>name<TAB>type<TAB>verbose name<TAB>reference}; an empty verbose name means
     * the derived one, an empty reference means none. Lines starting with {@code #} are comments.
     */
    String INDEX = "META-INF/tessera/models.tsv";
}
