package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

import io.tessera.core.App;
import io.tessera.core.AppEvent;
import io.tessera.core.AppListener;
import io.tessera.core.AppState;
import io.tessera.core.LookupException;
import io.tessera.core.Model;
import io.tessera.core.ModelOperation;
import io.tessera.core.Registration;

/**
 * Each behaviour of {@code CONFORMANCE.md} (what Tessera keeps from Django's app registry),
 * asserted through the real {@link io.tessera.core.AppRegistry} service in a real Felix. One test
 * per row, named after its id.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DjangoConformanceIT extends TesseraTestSupport {

    @Configuration
    public Option[] config() {
        return tesseraOptions("DjangoConformanceIT");
    }

    // C01: looking an app up by its label returns it; an unknown label raises a lookup error.
    @Test
    public void c01_appByLabel_unknownLabelRaisesLookupError() throws Exception {
        App blog = registry.app("blog");
        assertEquals("blog", blog.label());
        assertEquals("io.tessera.example.blog", blog.name());
        assertEquals(blog.name(), registry.findApp("blog").orElseThrow().name());
        installAndStart(TestBundles.app("c01_waiting").requires("c01_ghost"));
        assertEquals("apps are found in any state", AppState.WAITING, registry.app("c01_waiting").state());

        LookupException e = assertLookupFails(() -> registry.app("zzzzzzzzzz"));
        assertContains(e.getMessage(), "No app with label 'zzzzzzzzzz'", "auth, blog, c01_waiting, markdown, notes, polls");
        assertTrue(registry.findApp("zzzzzzzzzz").isEmpty());
        assertExamplesReady();
    }

    // C02: a full name instead of a label suggests the label ("did you mean 'blog'?"); a misspelt label the closest.
    @Test
    public void c02_fullNameOrMisspeltLabelSuggestsTheLabel() {
        LookupException byName = assertLookupFails(() -> registry.app("io.tessera.example.blog"));
        assertContains(byName.getMessage(), "full name of app 'blog'", "Did you mean 'blog'?");
        assertEquals(List.of("blog"), byName.suggestions());

        LookupException misspelt = assertLookupFails(() -> registry.app("blgo"));
        assertContains(misspelt.getMessage(), "No app with label 'blgo'", "Did you mean 'blog'?");
        assertEquals("blog", misspelt.suggestions().get(0));
        assertEquals("polls", assertLookupFails(() -> registry.app("pols")).suggestions().get(0));
        assertEquals("auth", assertLookupFails(() -> registry.model("auht.User")).suggestions().get(0));
        assertExamplesReady();
    }

    // C03: a model is found by (label, name) and by "label.Model"; the model name is case-insensitive, the label not.
    @Test
    public void c03_modelNameIsCaseInsensitive() {
        Model post = registry.model("blog", "Post");
        assertEquals("blog.Post", post.key());
        for (String name : new String[] {"post", "POST", "pOsT"}) {
            assertSame(post, registry.model("blog", name));
            assertSame(post, registry.model("blog." + name));
            assertSame(post, registry.findModel("blog." + name).orElseThrow());
        }
        assertSame(post, registry.model("blog.Post"));
        assertLookupFails(() -> registry.model("Blog", "Post"));
        assertLookupFails(() -> registry.model("BLOG.Post"));
        assertTrue(registry.findModel("Blog.post").isEmpty());
        assertExamplesReady();
    }

    // C04: an unknown model raises a lookup error naming the app's models; a string with no dot an argument error.
    @Test
    public void c04_unknownModelNamesTheModels_keyWithoutDotIsArgumentError() {
        LookupException e = assertLookupFails(() -> registry.model("blog", "Article"));
        assertContains(e.getMessage(), "App 'blog' has no model 'Article'", "Its models: Comment, Post");
        assertContains(assertLookupFails(() -> registry.model("polls.Quest")).getMessage(),
                "Did you mean 'Question'?", "Its models: Choice, Question");
        try {
            registry.model("blogPost");
            fail("a key without a dot must be an argument error");
        } catch (IllegalArgumentException expected) {
            assertContains(expected.getMessage(), "'blogPost'", "app_label.ModelName");
        }
        assertTrue("findModel does not throw", registry.findModel("blogPost").isEmpty());
        assertExamplesReady();
    }

    // C05: "is installed" answers by full app name: true only for a READY app.
    @Test
    public void c05_isInstalledByFullName_onlyWhenReady() throws Exception {
        assertTrue(registry.isInstalled("io.tessera.example.blog"));
        assertFalse("a label is not a full name", registry.isInstalled("blog"));
        installAndStart(TestBundles.app("c05_app").requires("c05_dep"));
        assertEquals(AppState.WAITING, stateOf("c05_app"));
        assertFalse(registry.isInstalled("test.c05_app"));
        Bundle dep = installAndStart(TestBundles.app("c05_dep"));
        assertEquals(AppState.READY, stateOf("c05_app"));
        assertTrue(registry.isInstalled("test.c05_app"));
        dep.stop();
        assertFalse(registry.isInstalled("test.c05_app"));
        installAndStart(TestBundles.app("c05_grumpy").readyThrows("no"));
        assertEquals(AppState.FAILED, stateOf("c05_grumpy"));
        assertFalse(registry.isInstalled("test.c05_grumpy"));
        assertExamplesReady();
    }

    // C06: the list of apps has a deterministic order: dependency order, ties broken by label.
    @Test
    public void c06_appsInDependencyOrder_tiesByLabel() throws Exception {
        assertEquals(List.of("auth", "blog", "markdown", "notes", "polls"), labels(registry.apps()));
        installAndStart(TestBundles.app("aaa_c06").requires("zzz_c06"));
        installAndStart(TestBundles.app("zzz_c06"));
        installAndStart(TestBundles.app("mmm_c06"));
        List<String> expected = List.of("auth", "blog", "markdown", "mmm_c06", "notes", "polls", "zzz_c06", "aaa_c06");
        assertEquals(expected, labels(registry.apps()));
        Bundle polls = bundle("io.tessera.example.polls");
        polls.stop();
        polls.start();
        assertEquals("arrival order does not matter", expected, labels(registry.apps()));
        assertExamplesReady();
    }

    // C07: a second app with a taken label does not become READY and its reason names the holder; names likewise.
    @Test
    public void c07_labelsAndNamesAreUnique_reasonNamesTheHolder() throws Exception {
        installAndStart(TestBundles.app("polls").name("test.c07.impostor"));
        App impostor = appNamed("test.c07.impostor");
        assertEquals(AppState.FAILED, impostor.state());
        assertContains(impostor.reason(), "label 'polls' is already taken by app 'polls'", "io.tessera.example.polls");
        assertEquals("the holder keeps the label", "io.tessera.example.polls", registry.app("polls").name());

        installAndStart(TestBundles.app("c07_clone").name("io.tessera.example.blog"));
        assertEquals(AppState.FAILED, stateOf("c07_clone"));
        assertContains(registry.app("c07_clone").reason(),
                "name 'io.tessera.example.blog' is already used by app 'blog'", "io.tessera.example.blog");
        assertTrue(registry.findModel("c07_clone.Alpha").isEmpty());
        assertExamplesReady();
    }

    // C08: a label that is not an identifier (dot, dash, leading digit, upper case, > 64 chars) is rejected, with
    // the rule in the message.
    @Test
    public void c08_invalidLabelIsRejectedWithTheRule() throws Exception {
        for (String bad : new String[] {"c08.dot", "c08-dash", "8c_digit", "C08Upper"}) {
            installAndStart(TestBundles.app(bad));
            App app = registry.app(bad);
            assertEquals(bad, AppState.FAILED, app.state());
            assertContains(app.reason(), "label '" + bad + "' is not valid", "[a-z][a-z0-9_]*");
        }
        String tooLong = "c".repeat(65);
        installAndStart(TestBundles.app(tooLong));
        assertEquals(AppState.FAILED, stateOf(tooLong));
        assertContains(registry.app(tooLong).reason(), "65 characters", "at most 64");
        String longest = "c".repeat(64);
        installAndStart(TestBundles.app(longest));
        assertEquals("64 characters are fine", AppState.READY, stateOf(longest));
        assertEquals("only the valid label's app has models", List.of("auth", "blog", longest, "notes", "polls"),
                registry.models().stream().map(Model::appLabel).distinct().toList());
        assertExamplesReady();
    }

    // C09: an app can carry a label different from its name; lookups use the label, the name is kept.
    @Test
    public void c09_labelMayDifferFromName() throws Exception {
        installAndStart(TestBundles.app("c09_short").name("org.example.c09.LongName"));
        App app = registry.app("c09_short");
        assertEquals(AppState.READY, app.state());
        assertEquals("org.example.c09.LongName", app.name());
        assertEquals("test.c09_short", app.symbolicName());
        assertTrue(registry.isInstalled("org.example.c09.LongName"));
        assertFalse(registry.isInstalled("test.c09_short"));
        assertEquals("c09_short.Alpha", registry.model("c09_short.alpha").key());
        assertEquals(List.of("c09_short"), assertLookupFails(() -> registry.app("org.example.c09.LongName"))
                .suggestions());
        assertExamplesReady();
    }

    // C10: an app with no explicit config gets a default one (a metadata-only bundle).
    @Test
    public void c10_metadataOnlyBundleGetsADefaultConfig() throws Exception {
        Bundle b = installAndStart(TestBundles.metadataOnly("test.c10meta",
                "c10_meta;models=\"io.tessera.it.fixture.Alpha,io.tessera.it.fixture.Beta\";requires=\"auth\""));
        settle();
        assertNull(b.getHeaders("").get("Bundle-Activator"));
        App app = registry.app("c10_meta");
        assertEquals(app.reason(), AppState.READY, app.state());
        assertNotNull(app.config());
        assertEquals("c10_meta", app.config().label());
        assertEquals("the name defaults to the symbolic name", "test.c10meta", app.name());
        assertEquals("C10 meta", app.verboseName());
        assertEquals(List.of("c10_meta.Alpha", "c10_meta.Beta"), keys(app.models()));
        assertSame(b.loadClass("io.tessera.it.fixture.Alpha"), registry.model("c10_meta.Alpha").type());
        b.stop();
        assertEquals("stopped, its metadata app is listed as such", AppState.STOPPED, registry.app("c10_meta").state());
        assertNull(registry.app("c10_meta").config());

        App notes = registry.app("notes");
        assertNull(bundle("io.tessera.example.notes").getHeaders("").get("Bundle-Activator"));
        assertNotNull(notes.config());
        assertEquals("Sticky notes", notes.verboseName());
        assertExamplesReady();
    }

    // C11: one bundle offering two configs with the same name is an error naming both; distinct ones are two apps
    // (two configs giving no name get distinct default names: see LifecycleEdgesIT).
    @Test
    public void c11_oneBundleTwoConfigs_sameNameIsAnError_distinctAreTwoApps() throws Exception {
        Bundle same = installAndStart(TestBundles.twin("test.c11same", "c11_first", "c11_second")
                .name("org.example.c11").header("X-Name2", "org.example.c11"));
        assertEquals(AppState.READY, stateOf("c11_first"));
        App second = registry.app("c11_second");
        assertEquals(AppState.FAILED, second.state());
        assertEquals("name 'org.example.c11' is already used by app 'c11_first' (test.c11same, bundle " + same.getBundleId()
                + "); app names must be unique: override name() in one of them", second.reason());

        Bundle distinct = installAndStart(TestBundles.twin("test.c11pair", "c11_left", "c11_right")
                .name("org.example.c11.Left").header("X-Name2", "org.example.c11.Right"));
        for (String label : new String[] {"c11_left", "c11_right"}) {
            assertEquals(AppState.READY, stateOf(label));
            assertEquals(distinct.getBundleId(), registry.app(label).bundleId());
        }
        assertEquals("c11_left.Alpha", registry.model("c11_left.Alpha").key());
        assertEquals("c11_right.Beta", registry.model("c11_right.Beta").key());
        assertTrue(journal.containsAll(List.of("c11_left:ready", "c11_right:ready")));
        assertExamplesReady();
    }

    // C12: the same model class twice in one app is harmless; two classes with one model name are "conflicting models".
    @Test
    public void c12_sameModelTwiceIsHarmless_twoClassesOneNameConflict() throws Exception {
        installAndStart(TestBundles.app("c12_same").models("Alpha", "Beta", "Alpha"));
        assertEquals(AppState.READY, stateOf("c12_same"));
        assertEquals(List.of("c12_same.Alpha", "c12_same.Beta"), keys(registry.app("c12_same").models()));
        assertEquals(2, registry.models().stream().filter(m -> m.appLabel().equals("c12_same")).count());

        installAndStart(TestBundles.app("c12_clash").models("Alpha", "clash.Alpha"));
        App clash = registry.app("c12_clash");
        assertEquals(AppState.FAILED, clash.state());
        assertContains(clash.reason(), "conflicting models 'Alpha'", "io.tessera.it.fixture.Alpha",
                "io.tessera.it.fixture.clash.Alpha");
        assertTrue(registry.findModel("c12_clash.Alpha").isEmpty());
        assertExamplesReady();
    }

    // C13: the list of models contains only models of READY apps, in app order then declaration order.
    @Test
    public void c13_modelsOnlyOfReadyApps_inAppThenDeclarationOrder() throws Exception {
        installAndStart(TestBundles.app("c13_ready").models("Beta", "Alpha"));
        installAndStart(TestBundles.app("c13_waiting").requires("c13_ghost"));
        installAndStart(TestBundles.app("c13_failed").readyThrows("no"));
        assertEquals(List.of("auth.Group", "auth.User", "blog.Comment", "blog.Post", "c13_ready.Beta",
                "c13_ready.Alpha", "notes.Note", "polls.Choice", "polls.Question"), keys(registry.models()));
        assertEquals("a WAITING app still lists its own models", List.of("c13_waiting.Alpha", "c13_waiting.Beta"),
                keys(registry.app("c13_waiting").models()));
        List<Model> ofReadyApps = new ArrayList<>();
        registry.apps().stream().filter(App::isReady).forEach(a -> ofReadyApps.addAll(a.models()));
        assertEquals(ofReadyApps, registry.models());
        assertExamplesReady();
    }

    // C14: every derived view (models, lookups, containing app) reflects a change at once: no stale cache.
    @Test
    public void c14_derivedViewsReflectChangesImmediately() throws Exception {
        Bundle b = installAndStart(TestBundles.app("c14_app"));
        Class<?> alpha = b.loadClass("io.tessera.it.fixture.Alpha");
        for (int round = 0; round < 3; round++) {
            long before = registry.generation();
            b.stop();
            assertNotEquals(before, registry.generation());
            assertEquals("a stopped app stays listed", AppState.STOPPED, registry.app("c14_app").state());
            assertTrue(registry.findModel("c14_app.Alpha").isEmpty());
            assertFalse(keys(registry.models()).contains("c14_app.Alpha"));
            assertFalse(registry.isInstalled("test.c14_app"));
            assertEquals("its bundle still holds the class", AppState.STOPPED,
                    registry.appContaining(alpha).orElseThrow().state());
            b.start();
            assertEquals(AppState.READY, stateOf("c14_app"));
            assertTrue(labels(registry.apps()).contains("c14_app"));
            assertSame(alpha, registry.model("c14_app.Alpha").type());
            assertTrue(keys(registry.models()).contains("c14_app.Alpha"));
            assertTrue(registry.isInstalled("test.c14_app"));
            assertEquals("c14_app", registry.appContaining(alpha).orElseThrow().label());
        }
        // a required app leaving takes its dependents' models with it, and brings them back
        Bundle auth = bundle("io.tessera.example.auth");
        auth.stop();
        try {
            assertEquals(AppState.WAITING, stateOf("blog"));
            assertTrue(registry.findModel("blog.Post").isEmpty());
            assertEquals(List.of("c14_app.Alpha", "c14_app.Beta", "polls.Choice", "polls.Question"),
                    keys(registry.models()));
        } finally {
            auth.start();
        }
        assertEquals("blog.Post", registry.model("blog.post").key());
        assertExamplesReady();
    }

    // C15: the app containing a class or package name can be asked for; for a class no app contains, it is empty.
    @Test
    public void c15_appContainingClassOrPackage_emptyForNoApp() throws Exception {
        Class<?> post = registry.model("blog.Post").type();
        assertEquals("blog", registry.appContaining(post).orElseThrow().label());
        assertEquals("blog", registry.appContaining(post.getName()).orElseThrow().label());
        assertEquals("blog", registry.appContaining("io.tessera.example.blog").orElseThrow().label());
        assertEquals("blog", registry.appContaining("io.tessera.example.blog.drafts.Draft").orElseThrow().label());
        assertTrue(registry.appContaining("io.tessera.example").isEmpty());
        assertTrue(registry.appContaining("io.tessera.example.blogger.Post").isEmpty());
        assertTrue(registry.appContaining(String.class).isEmpty());
        assertTrue("the test's own class", registry.appContaining(getClass()).isEmpty());
        assertTrue("the registry's class", registry.appContaining(registry.getClass()).isEmpty());

        Bundle waiting = installAndStart(TestBundles.app("c15_waiting").requires("c15_ghost"));
        assertEquals("in any state", "c15_waiting",
                registry.appContaining(waiting.loadClass("io.tessera.it.fixture.Beta")).orElseThrow().label());
        Bundle impostor = installAndStart(TestBundles.app("polls").name("test.c15.impostor"));
        String impostorsClassIsIn = registry.appContaining(impostor.loadClass("io.tessera.it.fixture.Alpha"))
                .map(App::name).orElse("nothing");
        // the default config of a metadata-only app is a class of the registry, which no app contains
        Class<?> defaultConfig = registry.app("notes").config().getClass();
        assertTrue(registry.appContaining(defaultConfig).isEmpty());
        String defaultConfigByNameIsIn = registry.appContaining(defaultConfig.getName()).map(App::label)
                .orElse("nothing");
        assertEquals("a FAILED app whose label is taken still contains its classes; " + defaultConfig.getName()
                + " is in no app, by name as by class", List.of("test.c15.impostor", "nothing"),
                List.of(impostorsClassIsIn, defaultConfigByNameIsIn));
        assertExamplesReady();
    }

    // C16: a lazy model operation runs once all its models are present, not before; several may wait on one model;
    // repeated keys are fine; models come in the order asked; told when one leaves, and again when it returns.
    @Test
    public void c16_lazyModelOperations() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        List<Registration> registrations = new ArrayList<>();
        registrations.add(registry.whenModelsReady(recorder("first", calls), "c16_app.Alpha", "auth.User",
                "c16_app.alpha"));
        registrations.add(registry.whenModelsReady(recorder("second", calls), "c16_app.ALPHA"));
        registrations.add(registry.whenModelsReady(recorder("third", calls), "c16_app.Beta"));
        registrations.add(registry.whenModelsReady(recorder("wrong_case", calls), "C16_app.Alpha"));
        try {
            registry.whenModelsReady(recorder("bad", calls), "c16_app");
            fail("a key without a dot must be an argument error");
        } catch (IllegalArgumentException expected) {
            // as Django's lazy_model_operation
        }
        settle();
        assertEquals("nothing runs before its models are present", List.of(), calls);

        Bundle b = installAndStart(TestBundles.app("c16_app"));
        Set<String> available = Set.of("first available [c16_app.Alpha, auth.User, c16_app.Alpha]",
                "second available [c16_app.Alpha]", "third available [c16_app.Beta]");
        awaitCalls(calls, available);
        registrations.add(registry.whenModelsReady(recorder("late", calls), "polls.Question", "c16_app.Beta"));
        awaitCalls(calls, Set.of("first available [c16_app.Alpha, auth.User, c16_app.Alpha]",
                "second available [c16_app.Alpha]", "third available [c16_app.Beta]",
                "late available [polls.Question, c16_app.Beta]"));

        calls.clear();
        b.stop();
        awaitCalls(calls, Set.of("first unavailable c16_app.Alpha", "second unavailable c16_app.Alpha",
                "third unavailable c16_app.Beta", "late unavailable c16_app.Beta"));
        calls.clear();
        b.start();
        awaitCalls(calls, Set.of("first available [c16_app.Alpha, auth.User, c16_app.Alpha]",
                "second available [c16_app.Alpha]", "third available [c16_app.Beta]",
                "late available [polls.Question, c16_app.Beta]"));

        registrations.forEach(Registration::close);
        calls.clear();
        b.stop();
        b.start();
        settle();
        assertEquals("closed operations are not called again", List.of(), calls);
        assertExamplesReady();
    }

    // C17: the ready hook runs exactly once per activation, after the app's requirements are READY; never
    // concurrently with its own stop hook.
    @Test
    public void c17_readyOncePerActivation_afterRequirements_neverWithStopping() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        AppListener listener = e -> {
            if (e.app().label().startsWith("c17_")) {
                events.add(e.app().label() + ":" + e.type());
            }
        };
        ServiceRegistration<AppListener> listening = context.registerService(AppListener.class, listener, null);
        try {
            Bundle dep = installAndStart(TestBundles.app("c17_dep").requires("c17_base"));
            assertEquals(List.of(), List.copyOf(journal));
            Bundle base = installAndStart(TestBundles.app("c17_base"));
            assertEquals(List.of("c17_base:ready", "c17_dep:ready"), List.copyOf(journal));

            // both bundles come and go at once, on two threads
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    for (int i = 0; i < 25; i++) {
                        base.stop();
                        base.start();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "c17-base-churn");
            other.start();
            for (int i = 0; i < 25; i++) {
                dep.stop();
                dep.start();
            }
            other.join(DEADLINE.toMillis());
            assertFalse("the churn thread did not finish", other.isAlive());
            assertNull("the churn thread failed: " + failure.get(), failure.get());
            settle();
        } finally {
            listening.unregister();
        }
        assertEquals(AppState.READY, stateOf("c17_base"));
        assertEquals(AppState.READY, stateOf("c17_dep"));
        assertHooksWellFormed(List.copyOf(journal));
        assertEventsWellFormed(List.copyOf(events));
        assertExamplesReady();
    }

    // C18: an app's toString is short and readable (App[blog READY 1.2.0]); its details show where it came from.
    @Test
    public void c18_toStringIsShort_originShowsTheBundle() throws Exception {
        App blog = registry.app("blog");
        Bundle blogBundle = bundle("io.tessera.example.blog");
        assertEquals("App[blog READY 0.1.0.SNAPSHOT]", blog.toString());
        assertEquals("bundle " + blogBundle.getBundleId() + " io.tessera.example.blog (" + blogBundle.getLocation()
                + ")", blog.origin());
        assertTrue(shell("apps:info blog").contains(blog.origin()));

        Bundle b = installAndStart(TestBundles.app("c18_app").version("1.2.0").requires("c18_ghost"));
        App app = registry.app("c18_app");
        assertEquals("App[c18_app WAITING 1.2.0]", app.toString());
        assertEquals(b.getBundleId(), app.bundleId());
        assertEquals("test.c18_app", app.symbolicName());
        assertEquals(b.getLocation(), app.location());
        assertEquals("bundle " + b.getBundleId() + " test.c18_app (" + b.getLocation() + ")", app.origin());
        assertExamplesReady();
    }

    // C19: reading the registry is always allowed; whether it is settled can be asked and awaited with a deadline.
    @Test
    public void c19_readsAlwaysAllowed_settledCanBeAwaited() throws Exception {
        assertTrue(registry.isSettled());
        assertTrue(registry.awaitSettled(Duration.ofMillis(1)));

        CountDownLatch release = new CountDownLatch(1);
        Map<String, String> seenByListener = new ConcurrentHashMap<>();
        AppListener holdingListener = e -> {
            if (e.type() == AppEvent.Type.READY && e.app().label().equals("c19_app")) {
                // reads on the event thread are allowed; waiting for settling there is refused
                seenByListener.put("state", registry.app("c19_app").state().name());
                seenByListener.put("model", registry.model("c19_app.Alpha").key());
                try {
                    registry.awaitSettled(Duration.ofSeconds(1));
                    seenByListener.put("await", "returned");
                } catch (IllegalStateException refused) {
                    seenByListener.put("await", "refused");
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                try {
                    release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ServiceRegistration<AppListener> listening = context.registerService(AppListener.class, holdingListener,
                null);
        try {
            installAndStart(TestBundles.app("c19_app"));
            // the listener holds the READY event: the registry is not settled, yet every read answers at once
            assertFalse(registry.isSettled());
            assertEquals(AppState.READY, stateOf("c19_app"));
            assertEquals("c19_app.Alpha", registry.model("c19_app.alpha").key());
            assertTrue(labels(registry.apps()).contains("c19_app"));
            assertTrue(keys(registry.models()).contains("c19_app.Beta"));
            long start = System.nanoTime();
            assertFalse(registry.awaitSettled(Duration.ofMillis(200)));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue("waited " + waitedMillis + " ms", waitedMillis >= 190 && waitedMillis < 5_000);
            assertFalse(registry.isSettled());
        } finally {
            release.countDown();
            listening.unregister();
        }
        assertTrue(registry.awaitSettled(DEADLINE));
        assertTrue(registry.isSettled());
        assertEquals(Map.of("state", "READY", "model", "c19_app.Alpha", "await", "refused"), seenByListener);
        assertExamplesReady();
    }

    // ---- helpers ----

    private static void assertContains(String text, String... fragments) {
        for (String f : fragments) {
            assertTrue("'" + text + "' lacks '" + f + "'", text.contains(f));
        }
    }

    private static LookupException assertLookupFails(Runnable lookup) {
        try {
            lookup.run();
        } catch (LookupException expected) {
            return expected;
        }
        throw new AssertionError("expected a LookupException");
    }

    private static List<String> labels(List<App> apps) {
        return apps.stream().map(App::label).toList();
    }

    private static List<String> keys(List<Model> models) {
        return models.stream().map(Model::key).toList();
    }

    private App appNamed(String name) {
        return registry.apps().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no app named " + name));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static ModelOperation recorder(String name, List<String> calls) {
        return new ModelOperation() {
            @Override
            public void available(List<Model> models) {
                calls.add(name + " available " + keys(models));
            }

            @Override
            public void unavailable(Model model) {
                calls.add(name + " unavailable " + model.key());
            }
        };
    }

    /** Waits for the calls, lets anything else in flight arrive, then checks nothing ran twice or out of turn. */
    private void awaitCalls(List<String> calls, Set<String> expected) throws InterruptedException {
        await("the model operations were called: " + expected, () -> calls.containsAll(expected));
        settle();
        assertEquals(expected.size(), calls.size());
        assertEquals(expected, Set.copyOf(calls));
    }

    /** Per app, ready and stopping alternate (ready first); a dependent is ready only while its requirement is. */
    private static void assertHooksWellFormed(List<String> hooks) {
        Map<String, String> last = new HashMap<>();
        for (String hook : hooks) {
            String label = hook.substring(0, hook.indexOf(':'));
            String previous = last.put(label, hook);
            if (hook.endsWith(":ready")) {
                assertTrue("ready twice without stopping: " + hooks,
                        previous == null || previous.endsWith(":stopping"));
                if (label.equals("c17_dep")) {
                    assertEquals("c17_dep ready while c17_base is not: " + hooks, "c17_base:ready",
                            last.get("c17_base"));
                }
            } else {
                assertTrue("stopping without ready: " + hooks, previous != null && previous.endsWith(":ready"));
                if (label.equals("c17_base")) {
                    assertTrue("c17_base stopped before its dependent: " + hooks,
                            !"c17_dep:ready".equals(last.get("c17_dep")));
                }
            }
        }
        assertEquals("c17_base:ready", last.get("c17_base"));
        assertEquals("c17_dep:ready", last.get("c17_dep"));
        assertTrue("too little churn to mean anything: " + hooks, hooks.size() >= 50);
    }

    /** Per app, STARTING is followed by READY and STOPPING follows READY: the hooks never overlap. */
    private static void assertEventsWellFormed(List<String> events) {
        Map<String, String> last = new HashMap<>();
        for (String event : events) {
            String label = event.substring(0, event.indexOf(':'));
            String type = event.substring(event.indexOf(':') + 1);
            String previous = last.put(label, type);
            if ("STARTING".equals(previous)) {
                assertEquals("after STARTING of " + label + ": " + events, "READY", type);
            }
            if (type.equals("STOPPING")) {
                assertEquals("before STOPPING of " + label + ": " + events, "READY", previous);
            }
        }
    }
}
