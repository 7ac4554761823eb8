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
 * found by {@code javac} on the class path) describes each model's fields for bnd to write into
 * the {@value #INDEX_HEADER} header. Both are in the manifest, which the framework has parsed
 * before the app starts, so reading them costs no file access. A class named in the first header
 * but not described in the second (the processor did not run) is loaded and described when the
 * app arrives, so it still works, only not lazily.
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
     * The manifest header describing the bundle's models, one clause per model:
     * {@code com.example.blog.Post;verbose="";fields="title:String::|author:long:auth.User:"}.
     * A field is {@code name:type:reference:verbose name}; an empty verbose name means the
     * derived one, an empty reference means none. In every part, the characters
     * {@code % " \ $ , ; : | =} and control characters are written {@code %XX} (their code in
     * hexadecimal).
     */
    String INDEX_HEADER = "Tessera-Model-Index";
}
