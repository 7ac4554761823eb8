package io.tessera.registry.internal.osgi;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.tessera.core.AppConfig;

/**
 * The names of apps whose config gives none ({@link AppConfig#name()} returns {@code null}).
 * The rule: the only such app of a bundle is named after the bundle's symbolic name (so a
 * bundle with one app, nearly every bundle, keeps the name it always had); while a bundle
 * publishes several, each is named {@code <symbolicName>.<label>}. The names depend only on
 * which configs are published, never on the order: when a second arrives, the first is renamed,
 * and when all but one have gone, the last takes the symbolic name again.
 */
final class DefaultNames {

    /** Per bundle: its symbolic name and the labels of its configs that give no name, by service id. */
    private record Unnamed(String symbolicName, Map<Long, String> labels) {
    }

    private final Map<Long, Unnamed> byBundle = new HashMap<>();

    /**
     * Names config {@code id} of a bundle, which gives only its label, and says which of the
     * bundle's other apps must be renamed now (service id to new name) in {@code renames}.
     */
    synchronized String claim(long bundleId, String symbolicName, long id, String label, Map<Long, String> renames) {
        Unnamed u = byBundle.computeIfAbsent(bundleId, k -> new Unnamed(symbolicName, new TreeMap<>()));
        u.labels().put(id, label);
        if (u.labels().size() == 2) { // the one that had the symbolic name must give it up
            u.labels().forEach((other, otherLabel) -> {
                if (other != id) {
                    renames.put(other, symbolicName + "." + otherLabel);
                }
            });
        }
        return u.labels().size() == 1 ? symbolicName : symbolicName + "." + label;
    }

    /** Forgets config {@code id}; the app left alone in its bundle, if any, is to take the symbolic name again. */
    synchronized void release(long bundleId, long id, Map<Long, String> renames) {
        Unnamed u = byBundle.get(bundleId);
        if (u == null || u.labels().remove(id) == null) {
            return;
        }
        if (u.labels().isEmpty()) {
            byBundle.remove(bundleId);
        } else if (u.labels().size() == 1) {
            renames.put(u.labels().keySet().iterator().next(), u.symbolicName());
        }
    }
}
