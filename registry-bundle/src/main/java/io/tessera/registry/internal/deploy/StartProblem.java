package io.tessera.registry.internal.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import io.tessera.registry.internal.Failures;

/**
 * Why the framework would not install, resolve or start a deployed bundle, as one line. This is
 * the one place the deploy folder asks that question, so that a fuller diagnosis (each missing
 * requirement with its range) can answer it instead.
 */
final class StartProblem {

    /** Felix's missing-package filter: {@code (&(osgi.wiring.package=p)(version>=1.0.0)(!(version>=2.0.0)))}. */
    private static final Pattern PACKAGE = Pattern.compile(
            "osgi\\.wiring\\.package; \\(&?\\(?osgi\\.wiring\\.package=([^)]+)\\)(?:\\(version>=([^)]+)\\))?"
                    + "(?:\\(!\\(version>=([^)]+)\\)\\))?");

    private StartProblem() {
    }

    /** Why {@code bundle} did not start, from the exception its {@code start()} threw. */
    static String whyNotStarted(Bundle bundle, BundleException e) {
        if (bundle.getState() == Bundle.INSTALLED) {
            return condense(e);
        }
        Throwable cause = e.getCause();
        return cause == null ? condense(e) : "its activator threw " + Failures.describe(cause);
    }

    /** The framework's message on one line; a missing package as {@code package p [1.0.0,2.0.0)}. */
    static String condense(BundleException e) {
        String message = String.valueOf(e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !message.contains(c.getMessage())) {
                message = message.replaceAll("\\.$", "") + ": " + c.getMessage(); // Felix wraps the real reason
            }
        }
        int cut = message.indexOf(" Unresolved requirements:");
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        Matcher m = PACKAGE.matcher(message);
        if (message.contains("missing requirement") && m.find()) {
            String range = m.group(2) == null ? "" : " [" + m.group(2) + "," + (m.group(3) == null ? "∞" : m.group(3)) + ")";
            return "missing package " + m.group(1) + range;
        }
        return message.replaceAll("\\s+", " ").trim();
    }
}
