package io.tessera.data.internal.access;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

import io.tessera.core.App;
import io.tessera.core.AppConfig;
import io.tessera.core.AppState;
import io.tessera.core.Model;
import io.tessera.core.Requirement;
import io.tessera.data.Data;
import io.tessera.data.internal.Dialect;

/** A bundle gets the data of its own apps' labels only. (The framework side is the lead's IT.) */
public class DataServiceFactoryTest extends H2Fixture {

    private static Bundle bundle(long id, String name) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static App app(String label, long bundleId, List<Model> models) {
        return new App() {
            public String label() { return label; }
            public String name() { return label; }
            public String verboseName() { return label; }
            public Version version() { return Version.emptyVersion; }
            public AppState state() { return AppState.READY; }
            public String reason() { return ""; }
            public List<Model> models() { return models; }
            public Optional<Model> model(String n) { return Optional.empty(); }
            public List<Requirement> requirements() { return List.of(); }
            public long bundleId() { return bundleId; }
            public String symbolicName() { return "io.example." + label; }
            public String location() { return "file:/apps/" + label + ".jar"; }
            public AppConfig config() { return null; }
        };
    }

    @Test
    public void oneAccessLayerPerDataSourceAndANewOneAfterASwitch() {
        javax.sql.DataSource[] ds = {pool};
        CurrentAccess current = new CurrentAccess(() -> ds[0], () -> Dialect.H2, TableNames.DJANGO, ModelDirectory.NONE);
        DataAccess first = current.get();
        org.junit.Assert.assertSame("the same pool: the same layer, so transactions are shared", first, current.get());
        ds[0] = org.h2.jdbcx.JdbcConnectionPool.create("jdbc:h2:mem:other", "sa", "");
        DataAccess second = current.get();
        org.junit.Assert.assertNotSame(first, second);
        org.junit.Assert.assertSame(ds[0], second.dataSource());
        ((org.h2.jdbcx.JdbcConnectionPool) ds[0]).dispose();
        ds[0] = null;
        org.junit.Assert.assertNull(current.get());
    }

    @Test
    public void aBundleGetsTheDataOfItsOwnAppsOnly() {
        Map<String, App> apps = Map.of("blog", app("blog", 12, List.of(postModel)), "auth", app("auth", 7, List.of(userModel)));
        DataServiceFactory factory = new DataServiceFactory(() -> access, label -> Optional.ofNullable(apps.get(label)));
        Bundle blogBundle = bundle(12, "io.example.blog");

        Data data = factory.getService(blogBundle, null).forApp("blog");
        assertEquals("blog", data.appLabel());
        data.table(Post.class).insert(new Post(0, "mine", 1, null, null));
        assertEquals(1, data.table(Post.class).count());

        assertEquals("the app \"auth\" is in bundle 7 io.example.auth (file:/apps/auth.jar), not in bundle 12"
                + " io.example.blog: a bundle gets the data of its own apps only",
                message(() -> factory.getService(blogBundle, null).forApp("auth")));
        assertEquals("no app has the label \"shop\"; an app asks for the data of its own label (label() in its AppConfig)",
                message(() -> factory.getService(blogBundle, null).forApp("shop")));

        DataServiceFactory noDatabase = new DataServiceFactory(new CurrentAccess(() -> null, () -> Dialect.H2,
                TableNames.DJANGO, ModelDirectory.NONE), label -> Optional.ofNullable(apps.get(label)));
        assertEquals("the database is not available, so app \"blog\" cannot have its data now; apps:db says why",
                message(() -> noDatabase.getService(blogBundle, null).forApp("blog")));
    }
}
