package io.tessera.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The Gogo shell on the terminal, when there is one. Gogo reads its profile from
 * {@code gosh.home/etc/gosh_profile}: the launcher writes Gogo's own profile there with three
 * additions: the {@code tessera} scope first, so that {@code start} is Tessera's (which names an
 * activator's exception in the app's reason); Tab completes app labels for every {@code apps:*}
 * command that takes one (the registry names those commands, {@code apps:__labelled}, and the
 * labels, {@code apps:__labels}); apps' output goes above the prompt ({@link AboveThePrompt}).
 * Ctrl-C, Ctrl-D and history are Gogo's: Ctrl-C interrupts the running command or clears the
 * line, Ctrl-D at an empty prompt stops the framework.
 */
final class InteractiveShell {

    static final String PROFILE_ADDITIONS = """

            # Tessera: its commands first, so that start is tessera:start, which also hands the exception an
            # activator threw to the registry (apps:diag names it); felix:start is Gogo's own
            SCOPE = "tessera:$SCOPE"

            # Tessera: Tab completes app labels for the apps:* commands that take one
            try {
              each (apps:__labelled) { complete -c $it -a 'apps:__labels' }
            } {
              echo "Tab cannot complete app labels: $exception"
            }
            # Tessera: what apps print while the prompt is shown goes above the prompt line
            tessera:__prompt $.reader
            """;

    private InteractiveShell() {
    }

    /** Whether to start the shell: standard input and output are a terminal, unless {@code tessera.shell} says. */
    static boolean wanted() {
        String setting = System.getProperty("tessera.shell");
        return setting == null ? System.console() != null : Boolean.parseBoolean(setting);
    }

    /** Writes the profile into {@code home} (the framework's {@code gosh.home}), then starts the shell bundle. */
    static void start(BundleContext system, Bundle shell, List<Bundle> installed, Path home) throws IOException {
        writeProfile(shell, home.resolve("etc"));
        Hashtable<String, Object> command = new Hashtable<>();
        command.put("osgi.command.scope", "tessera");
        command.put("osgi.command.function", "__prompt");
        system.registerService(PromptHook.class, new PromptHook(), command);
        system.addBundleListener((SynchronousBundleListener) event -> {
            if (event.getBundle() == shell && event.getType() == BundleEvent.STOPPING) {
                AboveThePrompt.detach(); // before its terminal closes
            }
        });
        // jline finds its terminal providers through the context class loader, and the shell thread
        // inherits ours: make it jline's, or the shell falls back to a dumb terminal (no editing)
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        for (Bundle b : installed) {
            BundleWiring wiring = "org.jline".equals(b.getSymbolicName()) ? b.adapt(BundleWiring.class) : null;
            if (wiring != null) {
                Thread.currentThread().setContextClassLoader(wiring.getClassLoader());
            }
        }
        try {
            shell.start(Bundle.START_TRANSIENT); // started by the launcher on every start, never from the cache
        } catch (BundleException e) {
            System.err.println("The shell did not start: " + e.getMessage());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Gogo's own profile and banner, followed by Tessera's additions. */
    private static void writeProfile(Bundle shell, Path etc) throws IOException {
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("gosh_profile"), read(shell.getEntry("gosh_profile")) + PROFILE_ADDITIONS);
        Files.writeString(etc.resolve("motd"), read(shell.getEntry("motd")));
    }

    private static String read(URL entry) throws IOException {
        if (entry == null) {
            return "";
        }
        try (InputStream in = entry.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code tessera:__prompt}: the profile hands the shell's line reader over. */
    public static final class PromptHook {

        public void __prompt(Object lineReader) throws NoSuchMethodException {
            AboveThePrompt.attach(lineReader);
        }
    }
}
