package io.tessera.registry.internal.index;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.framework.Version;

import io.tessera.core.App;
import io.tessera.core.AppConfig;
import io.tessera.core.AppState;
import io.tessera.core.Requirement;

/** C06's order: dependencies first, ties by label, cycles last. */
public class DependencyOrderTest {

    private long nextId = 1;
    private final List<AppRecord> records = new ArrayList<>();
    private final Map<String, AppRecord> owners = new HashMap<>();

    private AppRecord record(String label, String... requires) {
        long id = nextId++;
        List<Requirement> reqs = java.util.Arrays.stream(requires).map(Requirement::of).toList();
        AppConfig config = new AppConfig() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public List<Requirement> requires() {
                return reqs;
            }
        };
        Candidate c = CandidateReader.read(id, config, new Origin(id, "sym." + label, "file:/x.jar", new Version("1.0.0")));
        AppRecord r = new AppRecord(c, AppState.WAITING, "");
        records.add(r);
        owners.putIfAbsent(label, r);
        return r;
    }

    private List<String> order() {
        return DependencyOrder.sort(records, owners).stream().map(App::label).toList();
    }

    @Test
    public void c06_independentAppsAreOrderedByLabel() {
        record("zoo");
        record("auth");
        record("mid");
        assertEquals(List.of("auth", "mid", "zoo"), order());
    }

    @Test
    public void c06_appsComeAfterWhatTheyRequire() {
        record("aaa", "zzz");
        record("zzz", "mmm");
        record("mmm");
        record("bbb");
        assertEquals(List.of("bbb", "mmm", "zzz", "aaa"), order());
    }

    @Test
    public void c06_missingRequirementsDoNotHoldAnAppBack() {
        record("blog", "auth");
        record("admin");
        assertEquals(List.of("admin", "blog"), order());
    }

    @Test
    public void c06_cycleMembersComeLastByLabel() {
        record("b", "a");
        record("a", "b");
        record("z");
        record("c", "a");
        assertEquals(List.of("z", "a", "b", "c"), order());
    }

    @Test
    public void c06_sameLabelTiesAreBrokenByArrival() {
        AppRecord first = record("blog");
        AppRecord second = record("blog");
        List<App> sorted = DependencyOrder.sort(List.of(second, first), owners);
        assertEquals(List.of(first, second), sorted);
    }
}
