package io.tessera.registry.internal.osgi;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.AppConfig;
import io.tessera.core.Contributes;
import io.tessera.core.ExtensionPoint;
import io.tessera.registry.internal.index.AppExtensions;
import io.tessera.registry.internal.index.Candidate;
import io.tessera.registry.internal.index.ContributionRecord;
import io.tessera.registry.internal.index.PointDeclaration;

/**
 * Reads what a bundle says about extension points from the headers bnd writes
 * ({@value ExtensionPoint#HEADER}, {@value Contributes#HEADER}), on the thread that adds the app,
 * outside any registry lock. Each contribution's class and point are loaded from the bundle and
 * checked there, so a class that does not implement its point, has no public no-argument
 * constructor or cannot be loaded is a problem for {@code apps:diag}, never an exception later.
 * While the app is READY, its sound contributions are OSGi services of its bundle, registered
 * under the point's interface, so plain OSGi code finds them too.
 */
final class BundleExtensions implements AppExtensions.Services {

    /** Service property: the point's interface name (also the service's objectClass). */
    static final String POINT_PROPERTY = "tessera.extension.point";

    private final Bundle bundle;
    private final List<ContributionRecord> contributions;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    private BundleExtensions(Bundle bundle, List<ContributionRecord> contributions) {
        this.bundle = bundle;
        this.contributions = contributions;
    }

    /**
     * What {@code bundle}, whose raw headers are {@code headers}, declares and contributes for its app
     * {@code app}; {@link AppExtensions#NONE} if nothing.
     */
    static AppExtensions read(Bundle bundle, Dictionary<String, String> headers, Candidate app) {
        String pointsHeader = headers.get(ExtensionPoint.HEADER);
        String contributionsHeader = headers.get(Contributes.HEADER);
        if (isBlank(pointsHeader) && isBlank(contributionsHeader)) {
            return AppExtensions.NONE;
        }
        List<String> problems = new ArrayList<>();
        List<PointDeclaration> points = new ArrayList<>();
        for (String clause : HeaderClauses.split(blankIfNull(pointsHeader), ',')) {
            try {
                Map<String, String> c = HeaderClauses.parse(clause);
                points.add(PointDeclaration.of(app.label(), c.get(""), Boolean.parseBoolean(c.get("required")),
                        Boolean.parseBoolean(c.get("single"))));
            } catch (IllegalArgumentException e) {
                problems.add("the " + ExtensionPoint.HEADER + " header clause '" + clause + "' cannot be read: "
                        + e.getMessage());
            }
        }
        List<ContributionRecord> sound = new ArrayList<>();
        for (String clause : HeaderClauses.split(blankIfNull(contributionsHeader), ',')) {
            ContributionRecord c = contribution(bundle, app, clause, problems);
            if (c != null) {
                sound.add(c);
            }
        }
        BundleExtensions services = new BundleExtensions(bundle, List.copyOf(sound));
        return new AppExtensions(points, sound, problems, sound.isEmpty() ? AppExtensions.Services.NONE : services);
    }

    private static ContributionRecord contribution(Bundle bundle, Candidate app, String clause, List<String> problems) {
        Map<String, String> c;
        try {
            c = HeaderClauses.parse(clause);
        } catch (IllegalArgumentException e) {
            problems.add("the " + Contributes.HEADER + " header clause '" + clause + "' cannot be read: " + e.getMessage());
            return null;
        }
        String implementation = c.get("");
        String point = c.get("point");
        String what = "contribution " + implementation + " to extension point " + point;
        if (point == null || point.isBlank()) {
            problems.add("contribution " + implementation + " names no extension point (the " + Contributes.HEADER
                    + " clause has no point=\"...\"); write @Contributes(ThePoint.class) on the class");
            return null;
        }
        int rank;
        try {
            rank = c.get("rank") == null || c.get("rank").isBlank() ? 0 : Integer.parseInt(c.get("rank").trim());
        } catch (NumberFormatException e) {
            problems.add(what + " has rank '" + c.get("rank") + "', which is not a whole number");
            return null;
        }
        Class<?> type;
        Class<?> pointType;
        try {
            type = bundle.loadClass(implementation);
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            problems.add(what + ": the class cannot be loaded from bundle " + bundle.getBundleId() + " (" + e + ")");
            return null;
        }
        try {
            pointType = bundle.loadClass(point);
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            problems.add(what + ": the bundle cannot load the point's interface (" + e
                    + "); import its package from the app that declares it");
            return null;
        }
        if (!pointType.isAssignableFrom(type)) {
            problems.add(what + ": " + type.getName() + " does not implement " + point
                    + ", so it is left out of the point; implement the interface or contribute another class");
            return null;
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())
                || !hasPublicNoArgConstructor(type)) {
            problems.add(what + ": " + type.getName() + " must be a public concrete class with a public constructor"
                    + " without arguments, so it is left out of the point");
            return null;
        }
        return new ContributionRecord(app.id(), app.label(), bundle.getBundleId(), point, type, rank);
    }

    private static boolean hasPublicNoArgConstructor(Class<?> type) {
        try {
            type.getConstructor();
            return true;
        } catch (NoSuchMethodException | SecurityException | LinkageError e) {
            return false;
        }
    }

    @Override
    public synchronized void register() {
        BundleContext context = bundle.getBundleContext();
        if (context == null || !registrations.isEmpty()) {
            return; // the bundle is not running: nobody to register them for
        }
        for (ContributionRecord c : contributions) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(POINT_PROPERTY, c.point());
            properties.put(AppConfig.LABEL_PROPERTY, c.app());
            properties.put(Constants.SERVICE_RANKING, c.rank());
            try {
                registrations.add(context.registerService(c.point(), new Instance(c), properties));
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the bundle is stopping meanwhile: its view entry is what counts, and it is about to go
            }
        }
    }

    @Override
    public synchronized void unregister() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
        registrations.clear();
    }

    /** Hands out the contribution's one instance to every bundle that gets the service. */
    private record Instance(ContributionRecord contribution) implements ServiceFactory<Object> {
        @Override
        public Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
            return contribution.get();
        }

        @Override
        public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object service) {
            // the instance lives as long as the contribution
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankIfNull(String s) {
        return s == null ? "" : s;
    }
}
