package io.tessera.core;

import java.util.Objects;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * One app's need for another, by label, with an OSGi version range and an optional flag.
 * Immutable. {@code Requirement.of("auth", "[1.0,2.0)")}; {@code Requirement.of("tags").optional()}.
 *
 * <p>A mandatory requirement keeps the app WAITING until an app with that label is READY at a
 * version in range. An optional one never blocks; when the app is present it is made READY first.
 */
public final class Requirement {

    private static final VersionRange ANY = new VersionRange("0.0.0");

    private final String label;
    private final VersionRange range;
    private final boolean optional;

    private Requirement(String label, VersionRange range, boolean optional) {
        this.label = Objects.requireNonNull(label, "label");
        this.range = range;
        this.optional = optional;
    }

    /** Requires the app with this label, at any version. */
    public static Requirement of(String label) {
        return new Requirement(label, ANY, false);
    }

    /**
     * Requires the app with this label at a version in {@code range}, in OSGi syntax
     * ({@code "[1.0,2.0)"}, or {@code "1.2"} for 1.2 and above).
     *
     * @throws IllegalArgumentException if the range is not valid OSGi syntax, or is empty (such as
     *                                  {@code "[2.0,1.0)"} or {@code "(1.0,1.0)"}), which no version could
     *                                  ever match; the message says what to write instead
     */
    public static Requirement of(String label, String range) {
        VersionRange parsed = new VersionRange(range);
        rejectEmpty(label + " " + range, parsed);
        return new Requirement(label, parsed, false);
    }

    /**
     * Parses the text form used in {@link AppMetadata#requires()} and shown by
     * {@link #toString()}: {@code label}, then optionally a version range, then optionally
     * {@code optional}, separated by spaces: {@code "auth [1.0,2.0)"}, {@code "tags optional"}.
     *
     * @throws IllegalArgumentException naming the part that is wrong, also for an empty range (see
     *                                  {@link #of(String, String)})
     */
    public static Requirement parse(String spec) {
        String[] words = spec.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("requirement '" + spec + "' has no label");
        }
        VersionRange range = ANY;
        boolean optional = false;
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            if (word.equals("optional") || word.equals("(optional)")) {
                optional = true;
            } else if (range == ANY && (Character.isDigit(word.charAt(0)) || word.charAt(0) == '[' || word.charAt(0) == '(')) {
                try {
                    range = new VersionRange(word);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("requirement '" + spec + "' has a bad version range '" + word
                            + "' (expected OSGi syntax such as [1.0,2.0) or 1.2)", e);
                }
                rejectEmpty(spec.trim(), range);
            } else {
                throw new IllegalArgumentException("requirement '" + spec + "' has an unexpected '" + word
                        + "' (expected: label [version range] [optional], as in 'auth [1.0,2.0) optional')");
            }
        }
        return new Requirement(words[0], range, optional);
    }

    /**
     * An empty range would keep the app waiting for ever for a version that cannot exist, so it is
     * refused where it is written, with what to write instead.
     */
    private static void rejectEmpty(String spec, VersionRange range) {
        if (!range.isEmpty()) {
            return;
        }
        Version left = range.getLeft();
        Version right = range.getRight();
        String instead = left.compareTo(right) > 0
                ? "its lower bound " + left + " is above its upper bound " + right + "; write the lower bound first, as in ["
                        + right + "," + left + ")"
                : "it excludes its only version " + left + "; write [" + left + "," + left + "] for exactly " + left
                        + ", or " + left + " for " + left + " and above";
        throw new IllegalArgumentException("requirement '" + spec + "' has the version range " + range
                + ", which no version can ever match: " + instead);
    }

    /** The same requirement, but one that never keeps the app waiting. */
    public Requirement optional() {
        return new Requirement(label, range, true);
    }

    public String label() {
        return label;
    }

    /** The accepted versions; {@code [0.0.0,∞)} when any version will do. */
    public VersionRange range() {
        return range;
    }

    public boolean isOptional() {
        return optional;
    }

    /** Whether any version will do. */
    public boolean acceptsAnyVersion() {
        return range.equals(ANY);
    }

    public boolean accepts(Version version) {
        return range.includes(version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requirement r && r.label.equals(label) && r.range.equals(range) && r.optional == optional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, range, optional);
    }

    /** {@code auth}, {@code auth [1.0.0,2.0.0)}, {@code tags (optional)}. */
    @Override
    public String toString() {
        return label + (acceptsAnyVersion() ? "" : " " + range) + (optional ? " (optional)" : "");
    }
}
