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
 * The crash test's random shell operations. Each kind says when it applies to a model, the command
 * it types, and the model after it; adding a kind (say {@code apps:disable LABEL} with an enabled
 * flag in {@link CrashModel}) is one more {@link Kind} in {@link #KINDS}.
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

    private static final Kind INSTALL = (random, model, ops) -> ops.install();
    private static final Kind UNINSTALL = (random, model, ops) -> onAny(random, model, null,
            (name, b) -> op("uninstall " + b.id(), m -> m.with(name, null)));
    private static final Kind START = (random, model, ops) -> onAny(random, model, false,
            (name, b) -> op("start " + b.id(), m -> m.with(name, new CrashModel.Bundle(b.id(), true))));
    private static final Kind STOP = (random, model, ops) -> onAny(random, model, true,
            (name, b) -> op("stop " + b.id(), m -> m.with(name, new CrashModel.Bundle(b.id(), false))));
    static final List<Kind> KINDS = List.of(INSTALL, UNINSTALL, START, STOP);

    private static final Pattern BUNDLE_ID = Pattern.compile("Bundle ID: (\\d+)");

    private final Path jars;
    private int installs;

    CrashOperations(Path jars) {
        this.jars = jars;
    }

    /** A random operation that applies to {@code model}; an install when nothing else does. */
    Operation next(Random random, CrashModel model) {
        Operation op = KINDS.get(random.nextInt(KINDS.size())).pick(random, model, this);
        return op != null ? op : install();
    }

    /** Writes a new app's jar ("c1", "c2", …) and installs it from the file. */
    private Operation install() {
        String label = "c" + (++installs);
        Path jar = jars.resolve(label + ".jar");
        try {
            Files.write(jar, TestBundles.app(label).build());
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
        };
    }

    private static Operation onAny(Random random, CrashModel model, Boolean active,
            java.util.function.BiFunction<String, CrashModel.Bundle, Operation> make) {
        List<Map.Entry<String, CrashModel.Bundle>> candidates = new ArrayList<>();
        for (Map.Entry<String, CrashModel.Bundle> e : model.bundles().entrySet()) {
            if (active == null || e.getValue().active() == active) {
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
