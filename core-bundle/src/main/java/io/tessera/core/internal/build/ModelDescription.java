package io.tessera.core.internal.build;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Header;

import io.tessera.core.AppModel;

/**
 * Written by {@link ModelIndexProcessor} on a class it generates for each {@link AppModel}
 * class; never by hand. bnd turns each use into one clause of the bundle's
 * {@value AppModel#INDEX_HEADER} header, so the registry reads a model's description from the
 * manifest, which the framework has already parsed. Class retention: the generated class is
 * never loaded, and bnd imports nothing for it.
 */
@Retention(CLASS)
@Target(TYPE)
@Header(name = AppModel.INDEX_HEADER, value = "${#model};verbose=\"${#verbose}\";fields=\"${#fields}\"")
public @interface ModelDescription {

    /** The model's binary class name, encoded by {@link ModelIndexFormat#encode}. */
    String model();

    /** The {@code @VerboseName} of the model, encoded; empty for the derived one. */
    String verbose();

    /** The fields, as {@link ModelIndexFormat#fields} writes them. */
    String fields();
}
