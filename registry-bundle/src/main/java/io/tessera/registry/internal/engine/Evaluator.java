package io.tessera.registry.internal.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tessera.core.AppState;
import io.tessera.core.Model;
import io.tessera.core.Requirement;
import io.tessera.registry.internal.index.Candidate;
import io.tessera.registry.internal.index.ModelReference;

/**
 * Decides, from the facts alone, whether an app may be READY, and otherwise says why in words
 * an operator can act on. FAILED means this app itself must change (or a rival must leave);
 * WAITING means it becomes READY by itself once what it waits for arrives. Used only by the
 * engine's applier.
 */
final class Evaluator {

    private final Claims claims;
    private final StaleBundles stale;
    private final Gates gates;
    private final RequiredPoints points;

    Evaluator(Claims claims, StaleBundles stale, Gates gates, RequiredPoints points) {
        this.claims = claims;
        this.stale = stale;
        this.gates = gates;
        this.points = points;
    }

    Verdict evaluate(Entry e) {
        Candidate c = e.candidate;
        if (c.placeholder()) { // its bundle is not running it: never eligible, whatever else holds
            return new Verdict(e.inactive.state(), e.inactive.reason(), false);
        }
        if (c.error() != null) {
            return Verdict.failed(c.error());
        }
        if (e.hookFailure != null) {
            return Verdict.failed(e.hookFailure);
        }
        Verdict off = gates.closed(c);
        if (off != null) {
            return off;
        }
        Entry labelHolder = claims.holderOfLabel(c.label());
        if (labelHolder != e) {
            return Verdict.failed("label '" + c.label() + "' is already taken by app " + describe(labelHolder)
                    + "; this app takes the label over when that app leaves (or give it another label)");
        }
        Entry nameHolder = claims.holderOfName(c.name());
        if (nameHolder != e) {
            return Verdict.failed("name '" + c.name() + "' is already used by app '" + nameHolder.label() + "' ("
                    + nameHolder.candidate.origin().symbolicName() + ", bundle "
                    + nameHolder.candidate.origin().bundleId() + "); app names must be unique: override name() in"
                    + " one of them");
        }
        for (int i = 0; i < c.models().size(); i++) {
            Entry owner = claims.ownerOfModel(c.modelClasses().get(i));
            if (owner != e) {
                return Verdict.failed("model class " + c.models().get(i).className() + " already belongs to app "
                        + describe(owner) + "; a model class can belong to one app only");
            }
        }
        List<String> cycle = cycleThrough(e);
        if (cycle != null) {
            return Verdict.cycle("requirement cycle: " + String.join(" -> ", cycle)
                    + "; remove one of these requirements");
        }
        String staleWiring = stale.reasonFor(c.origin().bundleId());
        if (staleWiring != null) {
            return Verdict.waiting(staleWiring);
        }
        List<String> waits = null; // most apps wait for nothing: evaluated several times per change, allocate nothing
        for (Requirement r : c.requirements()) {
            if (!r.isOptional()) {
                String problem = unmet(r);
                if (problem != null) {
                    waits = waits == null ? new ArrayList<>() : waits;
                    waits.add(viaReference(c, r.label()) + problem);
                }
            }
        }
        if (waits != null) {
            return Verdict.waiting(String.join("; ", waits));
        }
        for (ModelReference ref : c.references()) {
            String problem = unresolved(e, ref);
            if (problem != null) {
                return ref.targetLabel().equals(c.label()) ? Verdict.failed(problem) : Verdict.waiting(problem);
            }
        }
        String noContribution = points.any() ? points.unmet(e) : null;
        if (noContribution != null) {
            return Verdict.waiting(noContribution);
        }
        return Verdict.ELIGIBLE;
    }

    /** Why {@code r} is not met right now, or {@code null} if it is. */
    String unmet(Requirement r) {
        String wanted = "requires '" + r.label() + "'" + (r.acceptsAnyVersion() ? "" : " " + r.range());
        Entry holder = claims.holderOfLabel(r.label());
        if (holder == null) {
            Entry leader = claims.leaderOfLabel(r.label());
            if (leader == null) {
                return wanted + ", which is not installed";
            }
            Entry inactive = claims.placeholderOfLabel(r.label());
            if (inactive != null && (leader.removed || leader.candidate.placeholder())) {
                return wanted + ", which is installed as bundle " + inactive.candidate.origin().bundleId() + " but "
                        + inactive.inactive.brief();
            }
            // a withdrawn app leads its label until it is dropped; it is leaving, not FAILED
            return leader.removed ? wanted + ", which is being removed"
                    : wanted + ", which is FAILED (" + leader.reason + ")";
        }
        if (!r.accepts(holder.candidate.version())) {
            return wanted + ", but '" + r.label() + "' is version " + holder.candidate.version()
                    + " (install a version in range, or widen the range)";
        }
        if (holder.state == AppState.DISABLED) {
            return wanted + ", which is disabled" + (holder.reason.equals(Gates.SAFE_MODE) ? " (safe mode)" : "");
        }
        if (holder.state == AppState.FILTERED) {
            return wanted + ", which is " + holder.reason;
        }
        if (holder.state != AppState.READY) {
            return wanted + ", which is " + holder.state
                    + (holder.state == AppState.WAITING || holder.state == AppState.FAILED
                            || holder.state == AppState.PREPARING ? " (see apps:diag "
                            + r.label() + ")" : "");
        }
        return null;
    }

    /** "field Post.author refers to auth.User, so it " when a model reference brings in {@code label}. */
    private static String viaReference(Candidate c, String label) {
        for (ModelReference ref : c.references()) {
            if (ref.targetLabel().equals(label)) {
                return "field " + ref.source() + " refers to " + ref.target() + ", so it ";
            }
        }
        return "";
    }

    private String unresolved(Entry e, ModelReference ref) {
        Candidate target = ref.targetLabel().equals(e.label()) ? e.candidate
                : holderCandidate(ref.targetLabel());
        if (target == null) {
            return "field " + ref.source() + " refers to " + ref.target() + ", but app '" + ref.targetLabel()
                    + "' is not installed";
        }
        if (target.model(ref.targetModel()) == null) {
            List<String> names = target.models().stream().map(Model::name).toList();
            return "field " + ref.source() + " refers to " + ref.target() + ", but app '" + ref.targetLabel()
                    + "' has no model '" + ref.targetModel() + "' (its models: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")";
        }
        return null;
    }

    private Candidate holderCandidate(String label) {
        Entry holder = claims.holderOfLabel(label);
        return holder == null ? null : holder.candidate;
    }

    /** Labels of a cycle of mandatory requirements through {@code e}, first label repeated last; or null. */
    List<String> cycleThrough(Entry e) {
        if (e.candidate.requirements().isEmpty()) {
            return null;
        }
        Deque<Entry> path = new ArrayDeque<>();
        Set<Entry> seen = new HashSet<>();
        path.push(e);
        return search(e, e, path, seen);
    }

    private List<String> search(Entry start, Entry at, Deque<Entry> path, Set<Entry> seen) {
        for (Requirement r : at.candidate.requirements()) {
            if (r.isOptional()) {
                continue;
            }
            Entry next = claims.holderOfLabel(r.label());
            if (next == null) {
                continue;
            }
            if (next == start) {
                List<String> labels = new ArrayList<>();
                path.descendingIterator().forEachRemaining(x -> labels.add(x.label()));
                labels.add(start.label());
                return labels;
            }
            if (seen.add(next)) {
                path.push(next);
                List<String> found = search(start, next, path, seen);
                if (found != null) {
                    return found;
                }
                path.pop();
            }
        }
        return null;
    }

    static String describe(Entry e) {
        return "'" + e.label() + "' (" + e.candidate.name() + ", bundle " + e.candidate.origin().bundleId() + ")";
    }
}
