package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import io.tessera.core.App;
import io.tessera.core.Model;
import io.tessera.testkit.TesseraRuntime;

/** This app's jar in a real Tessera runtime, with the auth app it requires ('mvn verify' runs it). */
public class ${appClass}IT {

    @Test
    public void isReadyWithItsModels() throws Exception {
        try (TesseraRuntime tessera = TesseraRuntime.builder().appUnderTest().exampleApp("auth").start()) {
            App app = tessera.awaitReady("${label}");
            assertEquals(List.of("${label}.Item", "${label}.Note"), app.models().stream().map(Model::key).toList());
            assertTrue(tessera.shell("apps:info ${label}").contains("auth [0.1.0,1.0.0)"));
        }
    }
}
