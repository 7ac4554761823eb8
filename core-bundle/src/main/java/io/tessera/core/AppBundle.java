package io.tessera.core;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Header;

/**
 * Marks the {@link AppActivator} of an app bundle: bnd writes it into the manifest as the
 * bundle's activator, so an app needs no hand-written manifest, and names it again in the
 * {@value #HEADER} header, so the registry knows the bundle is an app before it runs (and can
 * list it, STOPPED, while it is installed but not running).
 */
@Documented
@Retention(CLASS)
@Target(TYPE)
@Header(name = "Bundle-Activator", value = "${@class}")
@Header(name = AppBundle.HEADER, value = "${@class}")
public @interface AppBundle {

    /** The manifest header naming the app's activator, which marks the bundle as an app. */
    String HEADER = "Tessera-App-Activator";
}
