package io.tessera.core;

import static java.lang.annotation.ElementType.PACKAGE;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Header;

/**
 * Declares an app with no code of its own: bnd writes the values into the bundle's
 * {@value #HEADER} manifest header, and the registry publishes an {@link AppConfig} on the
 * bundle's behalf while it is active (Django's default {@code AppConfig}). Put it on any class
 * or on a {@code package-info.java} of the bundle.
 *
 * <pre>{@code
 * @AppMetadata(label = "notes", requires = "auth [1.0,2.0)")
 * package com.example.notes;
 * }</pre>
 */
@Documented
@Retention(CLASS)
@Target({TYPE, PACKAGE})
@Header(name = AppMetadata.HEADER,
        value = "${#label};verbose-name=\"${#verboseName}\";models=\"${#models}\";requires=\"${#requires}\";system=\"${#system}\";tags=\"${#tags}\"")
public @interface AppMetadata {

    /** The manifest header the registry reads. */
    String HEADER = "Tessera-App";

    /** The app's label; see {@link AppConfig#label()}. */
    String label();

    /** The human-readable name; empty: derived from the label. */
    String verboseName() default "";

    /**
     * Fully qualified names of model classes, loaded as the app arrives, as
     * {@link AppConfig#models()} lists them; prefer marking the classes {@link AppModel}.
     */
    String[] models() default {};

    /** Requirements in {@link Requirement#parse(String)} form: {@code "auth [1.0,2.0)"}, {@code "tags optional"}. */
    String[] requires() default {};

    /** Whether this is a system app (see {@link AppConfig#system()}). @since 1.1 */
    boolean system() default false;

    /** The app's tags (see {@link AppConfig#tags()}). @since 1.1 */
    String[] tags() default {};
}
