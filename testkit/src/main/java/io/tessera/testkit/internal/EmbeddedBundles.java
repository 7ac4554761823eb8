package io.tessera.testkit.internal;

import java.io.InputStream;
import java.util.List;

/**
 * The runtime bundles the kit carries in its own jar, copied there by its build from the artifacts
 * of the same Tessera version: the registry, the Gogo shell the runtime ships, and the example
 * apps an app may require. They are installed from these resources, never put on the test's class
 * path.
 */
public final class EmbeddedBundles {

    /**
     * Gogo and the registry, in the order the runtime installs them. The shell is the runtime's own,
     * jline included: its converters are what turn {@code stop 7} into a bundle.
     */
    static final List<String> RUNTIME = List.of("org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command",
            "jline", "org.apache.felix.gogo.jline", "tessera-registry");

    /** Labels of the example apps the kit carries. */
    public static final List<String> EXAMPLES = List.of("auth");

    private static final String FOLDER = "/io/tessera/testkit/bundles/";

    private EmbeddedBundles() {
    }

    /** The jar {@code name.jar}, or {@code null} if the kit does not carry it. */
    static InputStream open(String name) {
        return EmbeddedBundles.class.getResourceAsStream(FOLDER + name + ".jar");
    }

    /** The location a carried jar is installed from, as the framework and {@code apps:info} show it. */
    static String location(String name) {
        return "testkit:" + name + ".jar";
    }

    /** The carried jar of an example app. */
    public static String exampleJar(String label) {
        if (!EXAMPLES.contains(label)) {
            throw new IllegalArgumentException("the test kit carries the example app" + (EXAMPLES.size() == 1 ? " " : "s ")
                    + String.join(", ", EXAMPLES) + ", not '" + label + "'; install another app's jar with bundle(Path)");
        }
        return "tessera-example-" + label;
    }
}
