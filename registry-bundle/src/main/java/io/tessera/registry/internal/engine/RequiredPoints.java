package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tessera.core.AppState;
import io.tessera.registry.internal.index.ContributionRecord;
import io.tessera.registry.internal.index.ExtensionIndex;
import io.tessera.registry.internal.index.PointDeclaration;
import io.tessera.registry.internal.index.PointView;

/**
 * The apps that declare a required extension point, and what their points have: an app with a
 * required point may be READY only while a READY app (or the app itself) contributes to it.
 * Contributions are read from the published {@link ExtensionIndex}, so this agrees with what
 * readers see. Apps without required points cost nothing here. Used only by the engine's applier.
 */
final class RequiredPoints {

    /** Declarers of required points, by point name. */
    private final Map<String, Set<Entry>> declarers = new HashMap<>();
    private final ExtensionIndex published;

    RequiredPoints(ExtensionIndex published) {
        this.published = published;
    }

    /** Notes the required points of an app that joined the engine. */
    void add(Entry e) {
        for (PointDeclaration p : e.candidate.extensions().points()) {
            if (p.required()) {
                declarers.computeIfAbsent(p.point(), k -> new LinkedHashSet<>()).add(e);
            }
        }
    }

    /** Forgets an app that left the engine. */
    void remove(Entry e) {
        for (PointDeclaration p : e.candidate.extensions().points()) {
            Set<Entry> set = p.required() ? declarers.get(p.point()) : null;
            if (set != null && set.remove(e) && set.isEmpty()) {
                declarers.remove(p.point());
            }
        }
    }

    /** Whether any app declares a required point (if not, nothing here needs a look). */
    boolean any() {
        return !declarers.isEmpty();
    }

    /** Why {@code e} must wait for a contribution, or {@code null} if each of its required points has one. */
    String unmet(Entry e) {
        List<String> missing = null;
        for (PointDeclaration p : e.candidate.extensions().points()) {
            if (p.required() && !published.has(p.point()) && !e.candidate.extensions().contributesTo(p.point())) {
                missing = missing == null ? new ArrayList<>() : missing;
                missing.add("extension point " + p.key()
                        + " requires a contribution; none of the READY apps contributes one");
            }
        }
        return missing == null ? null : String.join("; ", missing);
    }

    /** The apps with a required point that {@code contributor} contributes to: they may change with it. */
    Set<Entry> declarersServedBy(Entry contributor) {
        if (declarers.isEmpty()) {
            return Set.of();
        }
        Set<Entry> out = null;
        for (ContributionRecord c : contributor.candidate.extensions().contributions()) {
            Set<Entry> set = declarers.get(c.point());
            if (set != null) {
                out = out == null ? new LinkedHashSet<>() : out;
                out.addAll(set);
            }
        }
        out = out == null ? new HashSet<>() : out;
        out.remove(contributor);
        return out;
    }

    /**
     * The READY apps, not yet in {@code leaving}, that lose the last contribution to a required
     * point when {@code gone} and every app in {@code leaving} step down.
     */
    List<Entry> losing(Entry gone, Set<Entry> leaving) {
        List<Entry> out = List.of();
        Set<Long> leavingIds = null;
        for (Entry d : declarersServedBy(gone)) {
            if (d.state != AppState.READY || leaving.contains(d)) {
                continue;
            }
            if (leavingIds == null) {
                leavingIds = new HashSet<>();
                for (Entry l : leaving) {
                    leavingIds.add(l.id());
                }
            }
            for (PointDeclaration p : d.candidate.extensions().points()) {
                PointView view = published.find(p.point());
                if (p.required() && gone.candidate.extensions().contributesTo(p.point())
                        && !d.candidate.extensions().contributesTo(p.point())
                        && (view == null || !view.hasOtherThan(leavingIds))) {
                    out = out.isEmpty() ? new ArrayList<>() : out;
                    out.add(d);
                    break;
                }
            }
        }
        return out;
    }
}
