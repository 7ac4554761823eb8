package io.tessera.web.internal.routes;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which app holds which context path. A path is {@code /} followed by segments of letters, digits
 * and {@code . _ ~ -} (no trailing slash); no two apps hold the same path, or one inside the
 * other's (the inner one would silently take part of the outer app's routes), and no app holds a
 * reserved path ({@code /tessera}, the admin page) or anything inside it. Thread-safe.
 */
final class WebPaths {

    /** The admin page's context. */
    static final String RESERVED = "/tessera";
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    /** Path -> the holder's description ({@code app 'blog' (bundle 12 ...)}). */
    private final Map<String, String> holders = new HashMap<>();

    /** The path of an app: {@code declared}, or {@code /<label>} when it declares none. */
    static String pathOf(String label, String declared) {
        return declared == null ? "/" + label : declared;
    }

    /** Why {@code path} is not a valid context path, or empty when it is. */
    static Optional<String> invalid(String path) {
        if (path.equals("/") || path.isEmpty()) {
            return Optional.of("web path '" + path + "' would take every request of every app: use a path of its own,"
                    + " such as '/shop' (or leave path() out for '/<label>')");
        }
        if (!PATH.matcher(path).matches()) {
            return Optional.of("web path '" + path + "' is not a path: write '/' followed by segments of letters, digits"
                    + " and . _ ~ - with no trailing slash, such as '/shop' or '/shop/v2'");
        }
        if (overlaps(path, RESERVED)) {
            return Optional.of("web path '" + path + "' is reserved for Tessera's admin page (" + RESERVED
                    + "/): choose another path()");
        }
        return Optional.empty();
    }

    /**
     * Claims {@code path} for {@code holder}: empty when it is now held, otherwise why not (the
     * other holder, and what to do).
     */
    synchronized Optional<String> claim(String path, String holder) {
        Optional<String> invalid = invalid(path);
        if (invalid.isPresent()) {
            return invalid;
        }
        for (Map.Entry<String, String> held : holders.entrySet()) {
            if (held.getValue().equals(holder)) {
                continue;
            }
            if (overlaps(path, held.getKey())) {
                String how = held.getKey().equals(path) ? "is already served by " : held.getKey().length() < path.length()
                        ? "is inside '" + held.getKey() + "', served by " : "holds '" + held.getKey() + "', served by ";
                return Optional.of("web path '" + path + "' " + how + held.getValue()
                        + ": give one of the two apps another path() (WebApp.path)");
            }
        }
        holders.put(path, holder);
        return Optional.empty();
    }

    /** Releases {@code path} if {@code holder} holds it. */
    synchronized void release(String path, String holder) {
        holders.remove(path, holder);
    }

    synchronized int size() {
        return holders.size();
    }

    private static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }
}
