package io.tessera.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The exceptions of the starts the launcher made, handed to the registry once it runs: Felix
 * gives an activator's exception only to whoever called {@code start} and does not log it, so
 * this is the only way {@code apps:diag} can name its class, message and line. Kept until
 * {@link #reportTo} (the registry may start after the bundles that failed).
 */
final class StartFailures {

    /** The registry's {@code BiConsumer<Bundle, Throwable>} service that takes them. */
    private static final String FILTER = "(tessera.activator.failures=true)";

    private record Failure(Bundle bundle, BundleException exception) {
    }

    private final List<Failure> caught = new ArrayList<>();

    synchronized void add(Bundle bundle, BundleException e) {
        caught.add(new Failure(bundle, e));
    }

    /** Hands every failure caught so far to the registry, if it runs; forgets them either way. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    synchronized void reportTo(BundleContext context) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(BiConsumer.class.getName(), FILTER);
            Object registry = refs == null ? null : context.getService(refs[0]);
            if (registry instanceof BiConsumer report) {
                caught.forEach(f -> report.accept(f.bundle(), f.exception()));
                context.ungetService(refs[0]);
            }
        } catch (InvalidSyntaxException | RuntimeException e) {
            System.err.println("Could not hand the start failures to the registry: " + e);
        } finally {
            caught.clear();
        }
    }
}
