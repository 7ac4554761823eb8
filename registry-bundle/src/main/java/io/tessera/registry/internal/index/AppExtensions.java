package io.tessera.registry.internal.index;

import java.util.List;

/**
 * What one app says about extension points: the points it declares, the contributions it makes
 * that are sound (loaded and checked), and the problems of those that are not, in words for
 * {@code apps:diag}. Read from its bundle as the app arrives, outside any lock. Immutable, but
 * for the OSGi services {@link Services} registers on the app's behalf.
 */
public record AppExtensions(List<PointDeclaration> points, List<ContributionRecord> contributions,
        List<String> problems, Services services) {

    /** Registers and withdraws the OSGi services that carry an app's contributions. */
    public interface Services {
        /** Called by the engine's applier after the app is published READY. */
        void register();

        /** Called by the engine's applier as the app steps down, before its {@code stopping()}. */
        void unregister();

        Services NONE = new Services() {
            @Override
            public void register() {
            }

            @Override
            public void unregister() {
            }
        };
    }

    /** Nothing declared, nothing contributed. */
    public static final AppExtensions NONE = new AppExtensions(List.of(), List.of(), List.of(), Services.NONE);

    public AppExtensions {
        points = List.copyOf(points);
        contributions = List.copyOf(contributions);
        problems = List.copyOf(problems);
    }

    /** Whether the app declares a point that must have a contribution. */
    public boolean declaresRequired() {
        for (PointDeclaration p : points) {
            if (p.required()) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the app's own sound contributions is to {@code point}. */
    public boolean contributesTo(String point) {
        for (ContributionRecord c : contributions) {
            if (c.point().equals(point)) {
                return true;
            }
        }
        return false;
    }
}
