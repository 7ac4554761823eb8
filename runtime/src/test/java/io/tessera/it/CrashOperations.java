package io.tessera.it;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crash test's random shell operations: install a new generated app from its file, install an
 * earlier one again from its file (its label may be disabled: it must stay so), uninstall, start,
 * stop, {@code apps:disable} and {@code apps:enable}. Each kind says when it applies to a model, the
 * command it types, and the model after it; adding a kind is one more {@link Kind} in {@link #KINDS}.
 */
final class CrashOperations {

    /** The symbolic names of the generated apps: "test.c7" is app c7. */
    static final String PREFIX = "test.";

    /** One operation, decided: its command and what it does to a model. */
    interface Operation {
        String command();

        /** @param printed what the command printed, or {@code null} when it was in flight at a kill */
        CrashModel appliedTo(CrashModel model, String printed);
    }

    /** A kind of operation: picks its target in the model, or says it has none. */
    interface Kind {
        Operation pick(Random random, CrashModel model, CrashOperations operations);
    }

    private static final Kind INSTALL = (random, model, ops) -> ops.installNew();
    /** Installs an app that was uninstalled again from its file; a disabled one first, if any. */
    private static final Kind REINSTALL = (random, model, ops) -> ops.reinstall(random, model);
    private static final Kind UNINSTALL = (random, model, ops) -> onAny(random, model, (name, b) -> true,
            (name, b) -> op("uninstall " + b.id(), m -> m.with(name, null)));
    private static final Kind START = (random, model, ops) -> onAny(random, model, (name, b) -> !b.active(),
            (name, b) -> op("start " + b.id(), m -> m.with(name, new CrashModel.Bundle(b.id(), true))));
    private static final Kind STOP = (random, model, ops) -> onAny(random, model, (name, b) -> b.active(),
            (name, b) -> op("stop " + b.id(), m -> m.with(name, new CrashModel.Bundle(b.id(), false))));
    /** Disables the app of an active bundle: it leaves READY for DISABLED, and stays so across everything. */
    private static final Kind DISABLE = (random, model, ops) -> onAny(random, model,
            (name, b) -> b.active() && model.isEnabled(CrashModel.labelOf(name)),
            (name, b) -> switchApp(CrashModel.labelOf(name), false));
    /** Enables the disabled app of an active bundle again: it is READY again. */
    private static final Kind ENABLE = (random, model, ops) -> onAny(random, model,
            (name, b) -> b.active() && !model.isEnabled(CrashModel.labelOf(name)),
            (name, b) -> switchApp(CrashModel.labelOf(name), true));
    static final List<Kind> KINDS = List.of(INSTALL, REINSTALL, UNINSTALL, START, STOP, DISABLE, ENABLE);

    private static final Pattern BUNDLE_ID = Pattern.compile("Bundle ID: (\\d+)");

    private final Path jars;
    private int installs;

    CrashOperations(Path jars) {
        this.jars = jars;
    }

    /** A random operation that applies to {@code model}; an install when nothing else does. */
    Operation next(Random random, CrashModel model) {
        Operation op = KINDS.get(random.nextInt(KINDS.size())).pick(random, model, this);
        return op != null ? op : installNew();
    }

    /** Installs a new app, "c1", "c2", …, from a file written for it. */
    Operation installNew() {
        return install("c" + (++installs));
    }

    /** Installs app {@code label} ("c1", "c2", …) from its file, written the first time. */
    Operation install(String label) {
        Path jar = jars.resolve(label + ".jar");
        try {
            if (!Files.exists(jar)) {
                Files.write(jar, TestBundles.app(label).build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = PREFIX + label;
        return new Operation() {
            public String command() {
                return "install " + jar.toUri();
            }

            public CrashModel appliedTo(CrashModel model, String printed) {
                if (printed == null) {
                    return model.with(name, new CrashModel.Bundle(-1, false));
                }
                Matcher m = BUNDLE_ID.matcher(printed);
                assertTrue("install " + jar + " printed: " + printed, m.find());
                return model.with(name, new CrashModel.Bundle(Long.parseLong(m.group(1)), false));
            }

            @Override
            public String toString() {
                return command();
            }
        };
    }

    /** An app installed before and uninstalled since, a disabled one if there is one; {@code null} if none. */
    private Operation reinstall(Random random, CrashModel model) {
        List<String> gone = new ArrayList<>();
        List<String> goneDisabled = new ArrayList<>();
        for (int i = 1; i <= installs; i++) {
            String label = "c" + i;
            if (!model.bundles().containsKey(PREFIX + label)) {
                gone.add(label);
                if (!model.isEnabled(label)) {
                    goneDisabled.add(label);
                }
            }
        }
        List<String> pool = goneDisabled.isEmpty() ? gone : goneDisabled;
        return pool.isEmpty() ? null : install(pool.get(random.nextInt(pool.size())));
    }

    /** {@code apps:enable LABEL} or {@code apps:disable LABEL}, which says so once the state is saved. */
    static Operation switchApp(String label, boolean enable) {
        String command = (enable ? "apps:enable " : "apps:disable ") + label;
        return new Operation() {
            public String command() {
                return command;
            }

            public CrashModel appliedTo(CrashModel model, String printed) {
                if (printed != null) {
                    String said = label + (enable ? " is enabled." : " is disabled.");
                    assertTrue(command + " printed: " + printed, printed.contains(said));
                }
                return model.enabled(label, enable);
            }

            @Override
            public String toString() {
                return command;
            }
        };
    }

    /** {@code start ID} of the bundle of {@code label}, in {@code model}. */
    static Operation start(String label, CrashModel model) {
        CrashModel.Bundle b = model.bundles().get(PREFIX + label);
        return op("start " + b.id(), m -> m.with(PREFIX + label, new CrashModel.Bundle(b.id(), true)));
    }

    /** {@code uninstall ID} of the bundle of {@code label}, in {@code model}. */
    static Operation uninstall(String label, CrashModel model) {
        return op("uninstall " + model.bundles().get(PREFIX + label).id(), m -> m.with(PREFIX + label, null));
    }

    private static Operation onAny(Random random, CrashModel model,
            java.util.function.BiPredicate<String, CrashModel.Bundle> which,
            java.util.function.BiFunction<String, CrashModel.Bundle, Operation> make) {
        List<Map.Entry<String, CrashModel.Bundle>> candidates = new ArrayList<>();
        for (Map.Entry<String, CrashModel.Bundle> e : model.bundles().entrySet()) {
            if (which.test(e.getKey(), e.getValue())) {
                candidates.add(e);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        Map.Entry<String, CrashModel.Bundle> e = candidates.get(random.nextInt(candidates.size()));
        return make.apply(e.getKey(), e.getValue());
    }

    private static Operation op(String command, java.util.function.UnaryOperator<CrashModel> effect) {
        return new Operation() {
            public String command() {
                return command;
            }

            public CrashModel appliedTo(CrashModel model, String printed) {
                return effect.apply(model);
            }

            @Override
            public String toString() {
                return command;
            }
        };
    }
}
