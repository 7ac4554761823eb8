package io.tessera.registry.internal.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;

import io.tessera.core.App;
import io.tessera.core.Contribution;
import io.tessera.core.Extensions;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.AppRecord;
import io.tessera.registry.internal.index.PointDeclaration;
import io.tessera.registry.internal.index.Suggestions;

/**
 * {@code apps:extensions [POINT]}: each extension point with the app that declares it and its
 * contributions in the order the view lists them; and the problems of contributions, for
 * {@code apps:diag}. Everything is read from the registry's snapshots.
 */
public final class ExtensionCommands {

    private final TesseraRegistry registry;

    public ExtensionCommands(TesseraRegistry registry) {
        this.registry = registry;
    }

    /** A declared point and the app declaring it. */
    private record Declared(PointDeclaration point, App app) {
    }

    @Descriptor("list every extension point: who declares it, and the contributions of READY apps in order")
    public String extensions() {
        Map<String, Declared> declared = declared(registry.apps());
        StringBuilder out = new StringBuilder();
        declared.values().forEach(d -> out.append(describe(d.point().point(), d)));
        for (String point : undeclaredPoints(declared)) {
            out.append(describe(point, null));
        }
        return out.length() == 0 ? "No extension points.\n" : out.toString();
    }

    @Descriptor("show one extension point (label.Interface, or the interface's class name) and its contributions")
    public String extensions(@Descriptor("extension point") String point) {
        Map<String, Declared> declared = declared(registry.apps());
        for (Declared d : declared.values()) {
            if (d.point().key().equals(point) || d.point().point().equals(point)) {
                return describe(d.point().point(), d);
            }
        }
        if (undeclaredPoints(declared).contains(point)) {
            return describe(point, null);
        }
        List<String> names = new ArrayList<>();
        declared.values().forEach(d -> names.add(d.point().key()));
        List<String> close = Suggestions.closest(point, names, 3);
        return "No extension point '" + point + "'." + Suggestions.didYouMean(close)
                + (close.isEmpty() ? " Points: " + (names.isEmpty() ? "none" : String.join(", ", names)) + "." : "")
                + "\n";
    }

    private String describe(String point, Declared d) {
        Extensions<Object> view = registry.extensions(point);
        StringBuilder out = new StringBuilder();
        if (d == null) {
            out.append(point).append(" (declared by no app)\n");
        } else {
            out.append(d.point().key()).append(" (").append(point).append(")\n");
            out.append("  declared by: ").append(d.app().label()).append(' ').append(d.app().state()).append('\n');
            out.append("  kind:        ").append(d.point().required() ? "required" : "optional").append(", ")
                    .append(d.point().single() ? "single winner" : "many contributions").append('\n');
        }
        if (view.isEmpty()) {
            out.append("  contributions: none")
                    .append(d != null && d.point().required() ? " (" + d.app().label() + " waits for one)" : "")
                    .append('\n');
            return out.toString();
        }
        out.append("  contributions (rank, then app label):\n");
        int i = 1;
        for (Contribution<Object> c : view.all()) {
            boolean winner = d != null && d.point().single() && i == 1;
            out.append("    ").append(i++).append(". ").append(c.app()).append(": ").append(c.implementation())
                    .append(" (rank ").append(c.rank()).append(")").append(winner ? " winner" : "").append('\n');
        }
        return out.toString();
    }

    /** Declared points by interface name, sorted by key; the first app to declare one wins. */
    private static Map<String, Declared> declared(List<App> apps) {
        Map<String, Declared> byKey = new TreeMap<>();
        Map<String, Boolean> seen = new TreeMap<>();
        for (App a : apps) {
            if (a instanceof AppRecord r) {
                for (PointDeclaration p : r.candidate().extensions().points()) {
                    if (seen.putIfAbsent(p.point(), true) == null) {
                        byKey.put(p.key(), new Declared(p, a));
                    }
                }
            }
        }
        Map<String, Declared> byPoint = new LinkedHashMap<>();
        byKey.values().forEach(d -> byPoint.put(d.point().point(), d));
        return byPoint;
    }

    private List<String> undeclaredPoints(Map<String, Declared> declared) {
        List<String> out = new ArrayList<>();
        for (App a : registry.apps()) {
            if (a instanceof AppRecord r) {
                r.candidate().extensions().contributions().forEach(c -> {
                    if (!declared.containsKey(c.point()) && !out.contains(c.point())) {
                        out.add(c.point());
                    }
                });
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * One line per contribution problem, for {@code apps:diag}: a contribution its app's bundle
     * got wrong, and a contribution to a point no app in the index declares.
     */
    public static List<String> problems(List<App> apps) {
        Map<String, Boolean> declared = new TreeMap<>();
        for (App a : apps) {
            if (a instanceof AppRecord r) {
                r.candidate().extensions().points().forEach(p -> declared.put(p.point(), true));
            }
        }
        List<String> out = new ArrayList<>();
        for (App a : apps) {
            if (!(a instanceof AppRecord r)) {
                continue;
            }
            String who = "app '" + a.label() + "' (bundle " + a.bundleId() + "): ";
            r.candidate().extensions().problems().forEach(p -> out.add(who + p));
            r.candidate().extensions().contributions().forEach(c -> {
                if (!declared.containsKey(c.point())) {
                    out.add(who + "contribution " + c.implementation() + " names extension point " + c.point()
                            + ", which no app declares; install (or start) the app that declares it, or check that"
                            + " the interface is marked @ExtensionPoint");
                }
            });
        }
        return out;
    }
}
