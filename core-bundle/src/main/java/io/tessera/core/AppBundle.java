package io.tessera.core;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Header;

/**
 * Marks the {@link AppActivator} of an app bundle: bnd writes it into the manifest as the
 * bundle's activator, so an app needs no hand-written manifest.
 */
@Documented
@Retention(CLASS)
@Target(TYPE)
@Header(name = "Bundle-Activator", value = "${@class}")
public @interface AppBundle {
}
