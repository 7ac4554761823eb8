package io.tessera.registry.internal.engine;

import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.After;
import org.junit.Before;
import org.osgi.framework.Version;

import io.tessera.core.AppConfig;
import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;
import io.tessera.core.AppState;
import io.tessera.registry.internal.index.AppRecord;
import io.tessera.registry.internal.index.Candidate;
import io.tessera.registry.internal.index.CandidateReader;
import io.tessera.registry.internal.index.Origin;

/** A fresh registry per test, with a listener recording every event; no OSGi framework. */
public abstract class RegistryTestSupport {

    protected TesseraRegistry registry;
    /** Every event, in delivery order. */
    protected final List<AppEvent> events = new CopyOnWriteArrayList<>();
    /** The listener that fills {@link #events}. */
    protected final AppListener recorder = events::add;
    /** Things hooks and callbacks report, in the order they happen. */
    protected final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicLong bundles = new AtomicLong(10);

    @Before
    public void startRegistry() {
        registry = new TesseraRegistry(type -> -1);
        registry.addListener(recorder);
    }

    @After
    public void stopRegistry() throws InterruptedException {
        registry.shutdown();
    }

    protected Candidate candidate(AppConfig config) {
        return candidate(config, "1.0.0");
    }

    protected Candidate candidate(AppConfig config, String version) {
        long bundle = bundles.getAndIncrement();
        return candidate(config, new Origin(bundle, "test.bundle" + bundle, "file:/b" + bundle + ".jar",
                new Version(version)));
    }

    protected Candidate candidate(AppConfig config, Origin origin) {
        return CandidateReader.read(ids.getAndIncrement(), config, origin);
    }

    /** Adds the app (blocks until applied) and returns its candidate id. */
    protected long add(AppConfig config) {
        return add(candidate(config));
    }

    protected long add(AppConfig config, String version) {
        return add(candidate(config, version));
    }

    protected long add(Candidate c) {
        registry.add(c);
        return c.id();
    }

    protected void settle() {
        try {
            assertTrue("registry did not settle", registry.awaitSettled(Duration.ofSeconds(5)));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    protected AppState state(String label) {
        return registry.app(label).state();
    }

    protected String reason(String label) {
        return registry.app(label).reason();
    }

    /** The app's current record in apps(), by candidate id. */
    protected AppRecord record(long id) {
        return registry.apps().stream().map(AppRecord.class::cast).filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no app with id " + id + " in " + registry.apps()));
    }

    /** The events of one candidate, in order (call {@link #settle()} first). */
    protected List<AppEvent> eventsOf(long id) {
        return events.stream().filter(e -> ((AppRecord) e.app()).id() == id).toList();
    }

    protected List<AppEvent.Type> typesOf(long id) {
        return eventsOf(id).stream().map(AppEvent::type).toList();
    }

    /** Fails unless {@code text} contains every one of {@code parts}. */
    protected static void assertContains(String text, String... parts) {
        for (String p : parts) {
            assertTrue("expected <" + p + "> in <" + text + ">", text != null && text.contains(p));
        }
    }
}
