package io.tessera.registry.internal.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * Why a bundle is not resolved, in an operator's words: each mandatory requirement that no
 * installed bundle can meet, a package as {@code com.example.missing [1.0.0,2.0.0)}, any other
 * requirement as its namespace and filter. Reads the framework only (no class is loaded, no
 * bundle code runs), so any thread may call it; the deploy folder's report uses it too.
 */
public final class BundleDiagnosis {

    private static final String PACKAGE_NAMESPACE = PackageNamespace.PACKAGE_NAMESPACE;
    private static final Pattern ANY_VERSION = Pattern.compile("\\(osgi\\.wiring\\.package=([^()]+)\\)");
    /** One bound of a version range in a filter: {@code (version>=1.0.0)}, {@code (!(version>=2.0.0))}, ... */
    private static final Pattern BOUND = Pattern.compile("\\((!\\()?version([<>]=)([^)]+)\\)\\)?");

    private BundleDiagnosis() {
    }

    /**
     * The mandatory requirements of {@code bundle}'s current revision that nothing installed
     * provides, each described; empty if every one has a provider (or the bundle is resolved).
     */
    public static List<String> missingRequirements(BundleContext context, Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        return revision == null || system == null ? List.of()
                : missingRequirements(revision, system.adapt(FrameworkWiring.class));
    }

    /** As {@link #missingRequirements(BundleContext, Bundle)}, with the framework's wiring at hand. */
    public static List<String> missingRequirements(BundleRevision revision, FrameworkWiring wiring) {
        if (wiring == null || revision.getWiring() != null) {
            return List.of();
        }
        List<String> missing = new ArrayList<>(0);
        for (Requirement r : revision.getRequirements(null)) {
            String resolution = r.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
            String effective = r.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
            if (Namespace.RESOLUTION_OPTIONAL.equals(resolution)
                    || PackageNamespace.RESOLUTION_DYNAMIC.equals(resolution)
                    || (effective != null && !Namespace.EFFECTIVE_RESOLVE.equals(effective))) {
                continue;
            }
            if (wiring.findProviders(r).isEmpty()) {
                missing.add(describe(r.getNamespace(), r.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE)));
            }
        }
        return missing;
    }

    /**
     * "{@code bundle 12 cannot resolve: it is missing package com.example.missing [1.0.0,2.0.0); install a bundle
     * that provides it}"; or, when every requirement has a provider, what to run to resolve it.
     */
    public static String whyNotResolved(BundleContext context, Bundle bundle) {
        return whyNotResolved(bundle.getBundleId(), missingRequirements(context, bundle));
    }

    static String whyNotResolved(long bundleId, List<String> missing) {
        return "bundle " + bundleId + " " + (missing.isEmpty() ? "is installed but not resolved: start " + bundleId
                : cannotResolve(bundleId, missing));
    }

    /** "{@code cannot resolve: it is missing x [1.0.0,2.0.0); install a bundle that provides it, then start 12}". */
    static String cannotResolve(long bundleId, List<String> missing) {
        return "cannot resolve: it is missing " + String.join(", ", missing)
                + (missing.size() == 1 ? "; install a bundle that provides it" : "; install bundles that provide them")
                + ", then start " + bundleId;
    }

    /**
     * One requirement in an operator's words: a package as its name and version range
     * ({@code package x [1.0.0,2.0.0)}, {@code package x 1.0.0} for "at least"), a bundle or other capability as its
     * namespace and filter; a filter of any other shape as it is.
     */
    public static String describe(String namespace, String filter) {
        if (filter == null) {
            return namespace;
        }
        if (PACKAGE_NAMESPACE.equals(namespace)) {
            String pkg = packageRange(filter);
            if (pkg != null) {
                return "package " + pkg;
            }
        }
        return namespace + " " + filter;
    }

    /** {@code x [1.0.0,2.0.0)} for the usual package filters; {@code null} for any other shape. */
    static String packageRange(String spaced) {
        String filter = spaced.replace(" ", "");
        Matcher any = ANY_VERSION.matcher(filter);
        if (any.matches()) {
            return any.group(1);
        }
        if (!filter.startsWith("(&(" + PACKAGE_NAMESPACE + "=") || !filter.endsWith(")")) {
            return null;
        }
        int end = filter.indexOf(')', 3);
        String name = filter.substring(3 + PACKAGE_NAMESPACE.length() + 1, end);
        String rest = filter.substring(end + 1, filter.length() - 1);
        String low = null;
        String high = null;
        char lowBracket = '[';
        char highBracket = ')';
        Matcher b = BOUND.matcher(rest);
        int at = 0;
        while (b.find() && b.start() == at) {
            boolean not = b.group(1) != null;
            String op = b.group(2);
            String v = b.group(3);
            if (op.equals(">=") && !not) {
                low = v;
                lowBracket = '[';
            } else if (op.equals("<=") && not) {
                low = v;
                lowBracket = '(';
            } else if (op.equals("<=")) {
                high = v;
                highBracket = ']';
            } else {
                high = v;
                highBracket = ')';
            }
            at = b.end();
        }
        if (at != rest.length() || (low == null && high == null)) {
            return null;
        }
        return name + " " + (high == null ? (lowBracket == '[' ? low : "(" + low + ",\u221e)")
                : lowBracket + (low == null ? "0.0.0" : low) + "," + high + highBracket);
    }
}
