package io.tessera.registry.internal.activation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Version;

import io.tessera.core.App;
import io.tessera.core.AppConfig;
import io.tessera.core.AppState;
import io.tessera.core.spi.AppParticipant;
import io.tessera.core.spi.Preparation;
import io.tessera.registry.internal.engine.Participant;
import io.tessera.registry.internal.engine.TesseraRegistry;
import io.tessera.registry.internal.index.CandidateReader;
import io.tessera.registry.internal.index.Origin;

/**
 * {@link Activation#enable} records the enabled state only once the app's preparation succeeded:
 * against a real registry (without OSGi), a real state file and a participant that does what
 * each test says.
 */
public class TransactionalEnableTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private TesseraRegistry registry;
    private Activation activation;
    private Path file;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile BiConsumer<App, Preparation> onPrepare = (app, p) -> p.done();

    private final AppParticipant data = new AppParticipant() {
        @Override
        public boolean concerns(App app) {
            return app.label().equals("blog");
        }

        @Override
        public void prepare(App app, Preparation preparation) {
            log.add("prepare " + app.label());
            onPrepare.accept(app, preparation);
        }

        @Override
        public void cancel(App app, Preparation preparation) {
            log.add("cancel " + app.label());
        }
    };

    @Before
    public void start() throws Exception {
        registry = new TesseraRegistry(type -> -1);
        file = folder.getRoot().toPath().resolve("enabled.properties");
        activation = new Activation(registry, new FileEnabledStore(file), false);
        registry.add(CandidateReader.read(1, config("blog"), new Origin(10, "test.blog", "file:/blog.jar",
                new Version(1, 0, 0))));
        registry.add(CandidateReader.read(2, config("notes"), new Origin(11, "test.notes", "file:/notes.jar",
                new Version(1, 0, 0))));
        activation.disable("blog");
        registry.addParticipant(new Participant(data, 7, 0, "test.data", 12));
        log.clear();
    }

    @After
    public void stop() throws InterruptedException {
        registry.shutdown();
    }

    private static AppConfig config(String label) {
        return () -> label;
    }

    /** What a registry restarted on the same file finds: the durable state. */
    private Set<String> savedDisabled() {
        return new FileEnabledStore(file).disabled();
    }

    @Test
    public void anEnableIsRecordedOnceThePreparationSucceeded() {
        onPrepare = (app, p) -> {
            log.add("saved then: " + savedDisabled());
            p.done();
        };
        activation.enable("blog");
        assertEquals(List.of("prepare blog", "saved then: [blog]"), log);
        assertEquals(AppState.READY, registry.app("blog").state());
        assertEquals(Set.of(), savedDisabled());
        assertTrue(activation.isEnabled("blog"));
    }

    @Test
    public void aPreparationDoneLaterFromAnotherThreadIsWaitedFor() {
        onPrepare = (app, p) -> new Thread(() -> {
            log.add("working; saved: " + savedDisabled());
            p.done();
        }).start();
        activation.enable("blog");
        assertEquals(List.of("prepare blog", "working; saved: [blog]"), log);
        assertEquals(AppState.READY, registry.app("blog").state());
        assertEquals(Set.of(), savedDisabled());
    }

    @Test
    public void aFailedPreparationLeavesTheLabelDisabledAndTheAppFailed() {
        onPrepare = (app, p) -> p.failed("migration 0002_add_slug failed: Syntax error in SQL statement");
        try {
            activation.enable("blog");
            fail("enabled an app whose preparation failed");
        } catch (IllegalStateException e) {
            assertEquals("'blog' stays disabled: its preparation failed: participant test.data (bundle 12) failed to"
                    + " prepare it: migration 0002_add_slug failed: Syntax error in SQL statement; fix the app and"
                    + " update or restart its bundle to try again", e.getMessage());
        }
        assertEquals(AppState.FAILED, registry.app("blog").state());
        assertEquals(Set.of("blog"), savedDisabled());
        assertFalse(activation.isEnabled("blog"));
        assertEquals(AppState.READY, registry.app("notes").state());
    }

    @Test
    public void aPreparationThatWaitsLeavesTheLabelDisabledAndCancelsIt() {
        onPrepare = (app, p) -> p.waiting("database unreachable at jdbc:h2:tcp://db/app");
        try {
            activation.enable("blog");
            fail("enabled an app whose preparation waits");
        } catch (IllegalStateException e) {
            assertEquals("'blog' stays disabled: its preparation waits: database unreachable at jdbc:h2:tcp://db/app",
                    e.getMessage());
        }
        assertEquals(AppState.DISABLED, registry.app("blog").state());
        assertEquals(List.of("prepare blog", "cancel blog"), log);
        assertEquals(Set.of("blog"), savedDisabled());
    }

    @Test
    public void anAppNoParticipantConcernsIsEnabledAtOnce() {
        activation.disable("notes");
        activation.enable("notes");
        assertEquals(AppState.READY, registry.app("notes").state());
        assertEquals(Set.of("blog"), savedDisabled());
        assertEquals(List.of(), log);
    }

    @Test
    public void aLabelNoAppHasIsEnabledAtOnce() {
        activation.disable("notes");
        registry.remove(2);
        activation.enable("notes");
        assertEquals(Set.of("blog"), savedDisabled());
    }
}
