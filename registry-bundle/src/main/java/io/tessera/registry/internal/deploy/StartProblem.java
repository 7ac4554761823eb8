package io.tessera.registry.internal.deploy;

import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

import io.tessera.registry.internal.Failures;
import io.tessera.registry.internal.osgi.BundleDiagnosis;

/**
 * Why the framework would not install, resolve or start a deployed bundle, as one line. A bundle
 * that cannot resolve is described by {@link BundleDiagnosis} (each missing requirement, a package
 * with its range), as {@code apps:diag} describes any other bundle; the framework's own message is
 * the fallback, condensed to one line.
 */
final class StartProblem {

    private StartProblem() {
    }

    /** Why {@code bundle} did not start, from the exception its {@code start()} threw. */
    static String whyNotStarted(BundleContext context, Bundle bundle, BundleException e) {
        if (bundle.getState() == Bundle.INSTALLED) {
            List<String> missing = BundleDiagnosis.missingRequirements(context, bundle);
            return missing.isEmpty() ? condense(e) : "missing " + String.join(", ", missing);
        }
        Throwable cause = e.getCause();
        return cause == null ? condense(e) : "its activator threw " + Failures.describe(cause);
    }

    /** The framework's message on one line, with the reason it wraps, without Felix's list of requirements. */
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
        return message.replaceAll("\\s+", " ").trim();
    }
}
