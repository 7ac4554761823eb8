package io.tessera.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Objects;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Configuration files in a home's {@code etc/} reach the real ConfigAdmin through the real
 * FileInstall, as the launcher sets them up: a {@code .cfg} dropped in, edited and deleted; a typed
 * {@code .config}; a factory configuration by FileInstall's {@code pid-name} naming; a file with an
 * error leaves the others alone.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigFilesIT extends TesseraTestSupport {

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws IOException {
        Path bundles = Path.of(System.getProperty("tessera.bundles", "target/bundles")).toAbsolutePath();
        Path etc = Files.createDirectories(deployFolder("ConfigFilesIT").resolveSibling("etc"));
        try (var files = Files.list(etc)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        return new Option[] {composite(tesseraOptions("ConfigFilesIT")),
                systemProperty("tessera.it.etc").value(etc.toString()),
                // ConfigAdmin is among every IT's bundles (the registry reads its load filters from it)
                bundle(bundles.resolve("org.apache.felix.fileinstall.jar").toUri().toString()),
                // as the launcher sets them
                frameworkProperty("felix.fileinstall.dir").value(etc.toString()),
                frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config)"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("felix.fileinstall.poll").value("500"),
                frameworkProperty("felix.fileinstall.enableConfigSave").value("false")};
    }

    private static Path etc() {
        return Path.of(System.getProperty("tessera.it.etc"));
    }

    private Dictionary<String, Object> properties(String pid) throws IOException, InvalidSyntaxException {
        var configs = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        return configs == null ? null : configs[0].getProperties();
    }

    private void awaitValue(String pid, String key, Object value) throws Exception {
        await(pid + "'s " + key + " is " + value, () -> {
            try {
                Dictionary<String, Object> p = properties(pid);
                return p != null && Objects.equals(p.get(key), value);
            } catch (IOException | InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    public void aCfgFileDroppedInEditedAndDeletedReachesConfigAdmin() throws Exception {
        Path cfg = etc().resolve("com.example.shop.cfg");
        Files.writeString(cfg, "# the shop\ngreeting = hello\nsize=3\n");
        awaitValue("com.example.shop", "greeting", "hello");
        assertEquals("3", properties("com.example.shop").get("size")); // .cfg values are strings
        Files.writeString(cfg, "greeting = goodbye\n");
        awaitValue("com.example.shop", "greeting", "goodbye");
        assertNull(properties("com.example.shop").get("size"));
        Files.delete(cfg);
        await("com.example.shop's configuration is deleted", () -> {
            try {
                return properties("com.example.shop") == null;
            } catch (IOException | InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    public void aTypedConfigFileAndAFactoryConfigurationReachConfigAdmin() throws Exception {
        Files.writeString(etc().resolve("com.example.typed.config"), "port=I\"8080\"\nenabled=B\"true\"\nnames=[\"a\",\"b\"]\n");
        awaitValue("com.example.typed", "port", 8080);
        assertEquals(Boolean.TRUE, properties("com.example.typed").get("enabled"));
        assertEquals(java.util.List.of("a", "b"), java.util.List.of((String[]) properties("com.example.typed").get("names")));
        // FileInstall 3.7.4 splits a factory configuration's name on '-'
        Files.writeString(etc().resolve("com.example.factory-one.cfg"), "name=one\n");
        await("a factory configuration of com.example.factory", () -> {
            try {
                var configs = configAdmin.listConfigurations("(service.factoryPid=com.example.factory)");
                return configs != null && configs.length == 1 && "one".equals(configs[0].getProperties().get("name"));
            } catch (IOException | InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    public void aFileWithAnErrorLeavesTheOtherFilesAndTheAppsAlone() throws Exception {
        Files.writeString(etc().resolve("com.example.broken.cfg"), "a=\\uZZZZ\n");
        Files.writeString(etc().resolve("com.example.bad.config"), "port=I\"eighty\"\n");
        Files.writeString(etc().resolve("com.example.fine.cfg"), "ok=yes\n");
        awaitValue("com.example.fine", "ok", "yes");
        assertNull(properties("com.example.broken"));
        assertNull(properties("com.example.bad"));
        assertExamplesReady();
    }
}
