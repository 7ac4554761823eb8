package io.tessera.registry.internal.engine;

import static io.tessera.registry.internal.engine.TestApp.app;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;

import io.tessera.core.AppEvent;
import io.tessera.core.AppState;
import io.tessera.registry.internal.index.AppRecord;

/** What AppListeners receive. */
public class EventStreamTest extends RegistryTestSupport {

    /** Checks the AppListener guarantees on a recorded stream; returns the events per app id. */
    static Map<Long, List<AppEvent>> assertWellFormed(List<AppEvent> stream, boolean allRemoved) {
        Map<Long, List<AppEvent>> byApp = new LinkedHashMap<>();
        long lastSequence = Long.MIN_VALUE;
        for (AppEvent e : stream) {
            assertTrue("sequence must increase: " + stream, e.sequence() > lastSequence);
            lastSequence = e.sequence();
            byApp.computeIfAbsent(((AppRecord) e.app()).id(), k -> new ArrayList<>()).add(e);
        }
        for (List<AppEvent> events : byApp.values()) {
            AppEvent first = events.get(0);
            assertEquals(events.toString(), AppEvent.Type.INSTALLED, first.type());
            assertNull(first.previousState());
            assertEquals(AppState.INSTALLED, first.app().state());
            for (int i = 1; i < events.size(); i++) {
                AppEvent e = events.get(i);
                AppEvent before = events.get(i - 1);
                assertFalse("REMOVED must be last: " + events, before.type() == AppEvent.Type.REMOVED);
                assertFalse("INSTALLED must be first: " + events, e.type() == AppEvent.Type.INSTALLED);
                assertEquals("previousState chains: " + events, before.app().state(), e.previousState());
                if (e.type() != AppEvent.Type.REMOVED) {
                    assertEquals(events.toString(), AppEvent.typeOf(e.app().state()), e.type());
                }
            }
            if (allRemoved) {
                assertEquals(events.toString(), AppEvent.Type.REMOVED, events.get(events.size() - 1).type());
            }
        }
        return byApp;
    }

    @Test
    public void simpleAppGoesInstalledStartingReady() {
        long id = add(app("blog"));
        settle();
        assertEquals(List.of(AppEvent.Type.INSTALLED, AppEvent.Type.STARTING, AppEvent.Type.READY), typesOf(id));
        registry.remove(id);
        settle();
        assertEquals(List.of(AppEvent.Type.INSTALLED, AppEvent.Type.STARTING, AppEvent.Type.READY,
                AppEvent.Type.STOPPING, AppEvent.Type.REMOVED), typesOf(id));
        assertWellFormed(events, true);
    }

    @Test
    public void streamIsWellFormedPerAppThroughComingAndGoing() {
        long auth = add(app("auth"));
        long blog = add(app("blog").requires("auth"));
        long rival = add(app("blog"));
        long boom = add(app("boom").onReady(() -> {
            throw new IllegalStateException("boom");
        }));
        long cyc1 = add(app("x").requires("y"));
        long cyc2 = add(app("y").requires("x"));
        registry.remove(auth);
        long auth2 = add(app("auth"));
        registry.remove(blog);
        for (long id : new long[] {auth2, rival, boom, cyc1, cyc2}) {
            registry.remove(id);
        }
        settle();
        assertTrue(registry.apps().isEmpty());
        Map<Long, List<AppEvent>> byApp = assertWellFormed(events, true);
        assertEquals(7, byApp.size());
        List<AppEvent.Type> blogTypes = typesOf(blog);
        assertEquals(blogTypes.toString(), 2, blogTypes.stream().filter(t -> t == AppEvent.Type.READY).count());
        assertTrue(blogTypes.toString(), typesOf(rival).contains(AppEvent.Type.READY));
    }

    @Test
    public void eventsShowTheReasonOfTheirState() {
        long blog = add(app("blog").requires("auth"));
        settle();
        AppEvent last = eventsOf(blog).get(eventsOf(blog).size() - 1);
        assertEquals(AppEvent.Type.WAITING, last.type());
        assertEquals("requires 'auth', which is not installed", last.app().reason());
        assertTrue(last.toString(), last.toString().endsWith("blog WAITING: requires 'auth', which is not installed"));
    }

    @Test
    public void stoppingReasonDescribesALeavingRequirementTruthfully() {
        long auth = add(app("auth"));
        long blog = add(app("blog").requires("auth"));
        registry.remove(auth);
        settle();
        AppEvent stopping = eventsOf(blog).stream().filter(e -> e.type() == AppEvent.Type.STOPPING).findFirst()
                .orElseThrow();
        assertContains(stopping.app().reason(), "requires 'auth', which is being removed");
        assertFalse("auth never FAILED: " + stopping, stopping.app().reason().contains("FAILED"));
    }

    @Test
    public void throwingListenerDoesNotAffectAnotherListener() {
        List<AppEvent> second = new CopyOnWriteArrayList<>();
        registry.addListener(e -> {
            throw new IllegalStateException("bad listener");
        });
        registry.addListener(second::add);
        long id = add(app("blog"));
        registry.remove(id);
        settle();
        assertEquals(5, events.size());
        assertEquals(events, second);
        assertFalse(registry.findApp("blog").isPresent());
    }

    @Test
    public void removedListenerHearsNothingMore() {
        List<AppEvent> heard = new CopyOnWriteArrayList<>();
        io.tessera.core.AppListener listener = heard::add;
        registry.addListener(listener);
        add(app("auth"));
        settle();
        int before = heard.size();
        assertEquals(3, before);
        registry.removeListener(listener);
        add(app("blog"));
        settle();
        assertEquals(before, heard.size());
    }

    @Test
    public void lateListenerFirstHearsInstalledThenCurrentStateOfEachApp() {
        long auth = add(app("auth"));
        long blog = add(app("blog").requires("missing"));
        settle();
        List<AppEvent> late = new CopyOnWriteArrayList<>();
        registry.addListener(late::add);
        registry.remove(auth);
        settle();
        List<String> seen = late.stream().map(e -> e.app().label() + " " + e.type() + " " + e.previousState()).toList();
        assertEquals(List.of("auth INSTALLED null", "auth READY INSTALLED", "blog INSTALLED null",
                "blog WAITING INSTALLED", "auth STOPPING READY", "auth REMOVED STOPPING"), seen);
        assertEquals(blog, ((AppRecord) late.get(3).app()).id());
    }

    @Test
    public void listenerAfterAQuietSpellHearsTheStateItMissedThenEveryChange() {
        registry.removeListener(recorder); // nobody listens: events are not even queued
        long auth = add(app("auth"));
        long gone = add(app("gone"));
        add(app("blog").requires("auth"));
        registry.remove(gone);
        settle();
        List<AppEvent> late = new CopyOnWriteArrayList<>();
        registry.addListener(late::add);
        registry.remove(auth);
        settle();
        List<String> seen = late.stream().map(e -> e.app().label() + " " + e.type()).toList();
        assertEquals(List.of("auth INSTALLED", "auth READY", "blog INSTALLED", "blog READY", // the state it missed
                "blog STOPPING", "auth STOPPING", "auth REMOVED", "blog WAITING"), seen);
        assertTrue("replayed events carry sequence 0", late.subList(0, 4).stream().allMatch(e -> e.sequence() == 0));
        for (int i = 4; i < late.size(); i++) {
            assertTrue("live events carry increasing sequence numbers: " + late,
                    late.get(i).sequence() > (i == 4 ? 0 : late.get(i - 1).sequence()));
        }
        assertTrue("nothing was kept for the quiet spell: " + events, events.isEmpty());
    }
}
