package io.tessera.registry.internal.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.tessera.core.App;
import io.tessera.core.AppState;
import io.tessera.core.Requirement;
import io.tessera.registry.internal.Failures;
import io.tessera.registry.internal.Log;
import io.tessera.registry.internal.index.AppIndex;
import io.tessera.registry.internal.index.AppRecord;
import io.tessera.registry.internal.index.Candidate;
import io.tessera.registry.internal.index.DependencyOrder;

/**
 * Brings every app to the state the facts call for, running hooks in the right order: stopping
 * hooks dependents first, ready hooks in dependency order with ties broken by label. Only the
 * apps touched by a change (and those that depend on them) are looked at, so a change costs
 * the same whatever the number of apps. What changes is shown to readers and listeners through
 * the {@link Publisher}. Used only by the {@link Engine}'s applier; app code runs here with no lock
 * held. An app that could start is first prepared by the participants that concern it
 * ({@link Preparations}); with none registered, that costs a field read and a list check.
 */
final class Reconciler {

    private static final Comparator<Entry> START_ORDER = Comparator.comparing(Entry::label)
            .thenComparingLong(e -> e.arrival);

    private final Claims claims = new Claims();
    private final Publisher publisher;
    private final Evaluator evaluator;
    private final Map<Long, Entry> entries = new HashMap<>();
    private final Set<Entry> dirty = new LinkedHashSet<>();
    private final Placeholders placeholders = new Placeholders(this);
    private final RequiredPoints points;
    private final Participants participants = new Participants();
    private final Preparations preparations;
    private final EnableWatches enableWatches = new EnableWatches(claims);
    private long arrivals;

    /**
     * @param reported how a participant's report asks the applier to look at the app again (see
     *        {@link Ticket}); the applier then calls {@link #reported}
     */
    Reconciler(AppIndex index, EventSink events, StaleBundles stale, Gates gates, Consumer<Ticket> reported) {
        this.publisher = new Publisher(index, events, claims);
        this.points = new RequiredPoints(index.extensions());
        this.evaluator = new Evaluator(claims, stale, gates, points);
        this.preparations = new Preparations(participants, publisher, reported);
    }

    void add(Candidate candidate) {
        if (entries.containsKey(candidate.id())) {
            return;
        }
        placeholders.configArrives(candidate);
        Entry e = admit(candidate);
        publisher.setState(e, AppState.INSTALLED, "");
        dirty.addAll(claims.rivalsOf(e));
        touch(e);
    }

    /** See {@link Placeholders#set}. */
    void setInactive(long bundleId, InactiveBundle facts) {
        placeholders.set(bundleId, facts);
    }

    /** A new entry for {@code candidate}, claiming what it asks for; not yet published. */
    Entry admit(Candidate candidate) {
        Entry e = new Entry(candidate, arrivals++);
        entries.put(candidate.id(), e);
        claims.add(e);
        points.add(e);
        return e;
    }

    /** To be looked at in this batch: {@code e} and those requiring its label. */
    void touch(Entry e) {
        dirty.add(e);
        dirty.addAll(claims.requirersOf(e.label()));
    }

    /**
     * Drops a placeholder at once, outside the batch's order (it has no hooks, and is never
     * READY); with {@code keepLabel}, lookups by its label find it until an app replaces it.
     */
    void dropNow(Entry p, boolean keepLabel) {
        claims.remove(p);
        entries.remove(p.id());
        points.remove(p);
        dirty.remove(p);
        dirty.addAll(claims.requirersOf(p.label()));
        publisher.placeholderLeft(p, keepLabel);
    }

    void remove(long id) {
        Entry e = entries.get(id);
        if (e != null && !e.removed) {
            e.removed = true;
            dirty.add(e);
            if (!e.candidate.placeholder()) {
                placeholders.configWithdrawn(e);
            }
        }
    }

    /**
     * Renames an app in place, keeping its state: its name changes only while its bundle publishes
     * or withdraws another config.
     */
    void rename(long id, String name) {
        Entry e = entries.get(id);
        if (e == null || e.removed || e.candidate.placeholder() || e.candidate.name().equals(name)) {
            return; // a placeholder is named after its bundle, whatever its configs were named
        }
        String oldName = e.candidate.name();
        dirty.addAll(claims.rivalsOf(e)); // whoever wanted the old name may have it now
        e.candidate = e.candidate.withName(name);
        claims.renamed(e, oldName);
        dirty.add(e);
        dirty.addAll(claims.rivalsOf(e));
        publisher.renamed(e, oldName);
    }

    /** Looks again at the apps of a bundle whose wiring changed. A scan: wiring changes are rare. */
    void recheckBundle(long bundleId) {
        for (Entry e : entries.values()) {
            if (e.candidate.origin().bundleId() == bundleId) {
                dirty.add(e);
            }
        }
    }

    /** Looks again at every app (a gate changed). A scan: the operator's switches change rarely. */
    void recheckAll() {
        dirty.addAll(entries.values());
    }

    /** A participant registered: the READY apps it concerns step down to be prepared by it. */
    void participantAdded(Participant p) {
        participants.add(p, entries.values()).forEach(this::touch);
    }

    /** A participant unregistered: forgotten; the apps it was preparing go on with the others. */
    void participantRemoved(long serviceId) {
        participants.remove(serviceId, entries.values()).forEach(this::touch);
    }

    /** A participant reported on {@code t}: its app is looked at again, unless the report no longer matters. */
    void reported(Ticket t) {
        if (Preparations.isLive(t) && entries.get(t.entry.id()) == t.entry) {
            touch(t.entry);
        }
    }

    /** See {@link EnableWatches#watch}. */
    void watchEnable(String label, CompletableFuture<String> outcome) {
        enableWatches.watch(label, outcome);
    }

    /** Tells whoever waits for an enable that the registry stops. */
    void abandonEnables() {
        enableWatches.abandon();
    }

    /** How many apps are PREPARING. */
    int preparing() {
        return publisher.preparing();
    }

    void reconcile() {
        while (!dirty.isEmpty()) {
            Set<Entry> batch = new LinkedHashSet<>(dirty);
            dirty.clear();
            stopInvalidated(batch);
            dropRemoved(batch);
            startEligible(batch);
        }
        enableWatches.check();
    }

    // ---- stopping ----

    private void stopInvalidated(Set<Entry> batch) {
        Set<Entry> toStop = null; // most changes stop nothing: allocate only when one does
        for (Entry e : batch) {
            if (e.state == AppState.READY
                    && (e.removed || preparations.mustStepDown(e) || !evaluator.evaluate(e).eligible())) {
                toStop = toStop == null ? new LinkedHashSet<>() : toStop;
                toStop.add(e);
            }
        }
        if (toStop == null) {
            return;
        }
        Deque<Entry> work = new ArrayDeque<>(toStop);
        while (!work.isEmpty()) {
            Entry gone = work.pop();
            for (Entry d : claims.requirersOf(gone.label())) {
                if (d.state == AppState.READY && requiresMandatorily(d, gone.label()) && toStop.add(d)) {
                    work.push(d);
                }
            }
            if (points.any()) { // an app whose required point loses its last contribution steps down too
                for (Entry d : points.losing(gone, toStop)) {
                    if (toStop.add(d)) {
                        work.push(d);
                    }
                }
            }
        }
        List<Entry> order = dependentsFirst(toStop);
        for (Entry e : points.any() ? StopOrder.of(order, toStop, this::stopsBefore) : order) {
            Verdict v = e.removed ? null : evaluator.evaluate(e);
            boolean forParticipant = v != null && v.eligible() && preparations.mustStepDown(e);
            String why = v == null ? "its bundle withdrew the app (stopping, updating or uninstalling)"
                    : forParticipant ? preparations.stepDownReason(e) : v.reason();
            publisher.setState(e, AppState.STOPPING, why);
            e.candidate.extensions().services().unregister(); // with its view entries: before stopping()
            publisher.flush(); // what happened so far is delivered while app code runs
            Throwable t = Hooks.run(e.candidate.hooks()::stopping);
            if (t != null) {
                Log.warn("stopping() of app '" + e.label() + "' threw; the app stopped anyway", t);
            }
            if (e.preparation != null) {
                preparations.steppedDown(e, forParticipant);
            }
            batch.add(e);
            batch.addAll(claims.requirersOf(e.label()));
        }
    }

    /** The apps in {@code toStop} that must step down before {@code e}: those that need it. */
    private List<Entry> stopsBefore(Entry e) {
        List<Entry> out = new ArrayList<>();
        for (Entry d : claims.requirersOf(e.label())) {
            if (requiresMandatorily(d, e.label())) {
                out.add(d);
            }
        }
        out.addAll(points.declarersServedBy(e));
        return out;
    }

    private static boolean requiresMandatorily(Entry e, String label) {
        for (Requirement r : e.candidate.requirements()) {
            if (r.label().equals(label) && !r.isOptional()) {
                return true;
            }
        }
        return false;
    }

    private List<Entry> dependentsFirst(Set<Entry> set) {
        if (set.size() == 1) {
            return List.copyOf(set); // one app leaving, the usual case: nothing to order
        }
        Map<String, AppRecord> owners = new HashMap<>();
        Map<Long, Entry> byId = new HashMap<>();
        List<AppRecord> records = new ArrayList<>();
        for (Entry e : set) {
            owners.put(e.label(), e.record);
            byId.put(e.id(), e);
            records.add(e.record);
        }
        List<Entry> order = new ArrayList<>();
        for (App a : DependencyOrder.sort(records, owners)) {
            order.add(byId.get(((AppRecord) a).id()));
        }
        Collections.reverse(order);
        return order;
    }

    private void dropRemoved(Set<Entry> batch) {
        List<Entry> leaving = null; // an arrival drops nothing: allocate only when an app leaves
        for (Entry e : batch) {
            if (e.removed) {
                leaving = leaving == null ? new ArrayList<>() : leaving;
                leaving.add(e);
            }
        }
        if (leaving == null) {
            return;
        }
        for (Entry e : leaving) { // not batch itself, which this loop adds to
            if (!entries.containsKey(e.id())) {
                continue;
            }
            batch.addAll(claims.rivalsOf(e));
            batch.addAll(claims.requirersOf(e.label()));
            claims.remove(e);
            entries.remove(e.id());
            points.remove(e);
            // an app whose bundle stays installed is followed by its placeholder in this same batch: until
            // that is published, lookups by the label keep finding the leaving app, never nothing
            boolean keepLabel = !e.candidate.placeholder()
                    && placeholders.has(e.candidate.origin().bundleId(), e.label());
            if (e.preparation != null) { // leaving while being prepared (a READY one was stopped above)
                preparations.cancel(e);
            }
            publisher.left(e, keepLabel); // stopInvalidated already stopped it if it was READY
            batch.remove(e);
        }
    }

    // ---- starting ----

    private void startEligible(Set<Entry> batch) {
        PriorityQueue<Entry> queue = new PriorityQueue<>(START_ORDER);
        Set<Entry> queued = new HashSet<>();
        Map<Entry, List<Entry>> deferred = new HashMap<>();
        for (Entry e : batch) {
            consider(e, queue, queued);
        }
        while (!queue.isEmpty()) {
            Entry e = queue.poll();
            queued.remove(e);
            if (e.removed || e.state == AppState.READY) {
                continue;
            }
            Verdict v = evaluator.evaluate(e);
            if (v.eligible() && waitsForOptional(e, queued, deferred)) {
                continue;
            }
            if (v.eligible()) {
                start(e, queue, queued);
            } else {
                settle(e, v, queue, queued);
            }
            for (Entry w : deferred.getOrDefault(e, List.of())) {
                consider(w, queue, queued);
            }
            deferred.remove(e);
        }
        for (List<Entry> stuck : deferred.values()) {
            stuck.forEach(w -> consider(w, queue, queued));
        }
    }

    private void consider(Entry e, PriorityQueue<Entry> queue, Set<Entry> queued) {
        if (e.removed || e.state == AppState.READY || queued.contains(e)) {
            return;
        }
        Verdict v = evaluator.evaluate(e);
        if (v.eligible()) {
            queue.add(e);
            queued.add(e);
        } else {
            settle(e, v, queue, queued);
        }
    }

    /** An optional requirement that is about to start goes first. */
    private boolean waitsForOptional(Entry e, Set<Entry> queued, Map<Entry, List<Entry>> deferred) {
        for (Requirement r : e.candidate.requirements()) {
            Entry holder = r.isOptional() ? claims.holderOfLabel(r.label()) : null;
            if (holder != null && queued.contains(holder)) {
                deferred.computeIfAbsent(holder, k -> new ArrayList<>()).add(e);
                return true;
            }
        }
        return false;
    }

    private void start(Entry e, PriorityQueue<Entry> queue, Set<Entry> queued) {
        if (e.preparation != null || !participants.isEmpty()) {
            AppState before = e.state;
            Preparations.Outcome o = preparations.prepare(e);
            if (o == Preparations.Outcome.PREPARING) {
                if (e.state != before) { // those requiring it say what it is now
                    claims.requirersOf(e.label()).forEach(d -> consider(d, queue, queued));
                }
                return;
            }
            if (o == Preparations.Outcome.FAILED) {
                failed(e, queue, queued);
                return;
            }
        }
        publisher.setState(e, AppState.STARTING, "");
        publisher.flush(); // what happened so far is delivered while app code runs
        Throwable t = Hooks.run(e.candidate.hooks()::ready);
        if (t == null) {
            publisher.setState(e, AppState.READY, "");
            e.candidate.extensions().services().register();
            points.declarersServedBy(e).forEach(d -> consider(d, queue, queued));
            claims.requirersOf(e.label()).forEach(d -> consider(d, queue, queued));
        } else {
            Log.warn("ready() of app '" + e.label() + "' threw; the app is FAILED", t);
            e.hookFailure = "ready() threw " + Failures.describe(t)
                    + "; fix the app and update or restart its bundle to try again";
            publisher.setState(e, AppState.FAILED, e.hookFailure);
            failed(e, queue, queued);
        }
    }

    /** {@code e} just became FAILED for good: its label goes to the next claimant, and its rivals and requirers look again. */
    private void failed(Entry e, PriorityQueue<Entry> queue, Set<Entry> queued) {
        publisher.refreshLeader(e.label());
        claims.rivalsOf(e).forEach(r -> consider(r, queue, queued));
        claims.requirersOf(e.label()).forEach(d -> consider(d, queue, queued));
    }

    /** Puts a non-eligible app in its WAITING or FAILED state; those who require it learn why. */
    private void settle(Entry e, Verdict v, PriorityQueue<Entry> queue, Set<Entry> queued) {
        if (e.preparation != null) { // it was being prepared: the participants stop, the app takes its state now
            preparations.cancel(e);
        }
        if (publisher.setState(e, v.state(), v.reason())) {
            claims.requirersOf(e.label()).forEach(d -> consider(d, queue, queued));
            if (v.inCycle()) { // every member of a cycle is told, not just the one that closed it
                for (Requirement r : e.candidate.requirements()) {
                    Entry h = claims.holderOfLabel(r.label());
                    if (h != null) {
                        consider(h, queue, queued);
                    }
                }
            }
        }
    }
}
