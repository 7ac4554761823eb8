package io.tessera.registry.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tessera.core.Requirement;

/**
 * Who asked for which label, name and model class, in arrival order, and who requires which
 * label. The first sound claimant holds a label or name; when it goes, the next takes over.
 * Used only by the engine's applier.
 */
final class Claims {

    private final Map<String, List<Entry>> byLabel = new HashMap<>();
    private final Map<String, List<Entry>> byName = new HashMap<>();
    private final Map<String, List<Entry>> byModelClass = new HashMap<>();
    private final Map<String, Set<Entry>> requirersOfLabel = new HashMap<>();

    void add(Entry e) {
        addTo(byLabel, e.label(), e);
        addTo(byName, e.candidate.name(), e);
        for (String c : e.candidate.modelClasses()) {
            addTo(byModelClass, c, e);
        }
        for (Requirement r : e.candidate.requirements()) {
            requirersOfLabel.computeIfAbsent(r.label(), k -> new LinkedHashSet<>()).add(e);
        }
    }

    void remove(Entry e) {
        removeFrom(byLabel, e.label(), e);
        removeFrom(byName, e.candidate.name(), e);
        for (String c : e.candidate.modelClasses()) {
            removeFrom(byModelClass, c, e);
        }
        for (Requirement r : e.candidate.requirements()) {
            Set<Entry> set = requirersOfLabel.get(r.label());
            if (set != null && set.remove(e) && set.isEmpty()) {
                requirersOfLabel.remove(r.label());
            }
        }
    }

    /** Moves {@code e}'s claim from {@code oldName} to its candidate's name, keeping its other claims' places. */
    void renamed(Entry e, String oldName) {
        removeFrom(byName, oldName, e);
        addTo(byName, e.candidate.name(), e);
    }

    /*
     * Claimant lists are immutable and replaced on change: nearly every key has one claimant, held
     * in a one-element list with no backing array, and thousands of apps make that count.
     */
    private static <K> void addTo(Map<K, List<Entry>> map, K key, Entry e) {
        map.merge(key, List.of(e), (old, one) -> {
            List<Entry> more = new ArrayList<>(old);
            more.add(e);
            return List.copyOf(more);
        });
    }

    private static <K> void removeFrom(Map<K, List<Entry>> map, K key, Entry e) {
        map.computeIfPresent(key, (k, list) -> {
            List<Entry> rest = new ArrayList<>(list);
            rest.remove(e);
            return rest.isEmpty() ? null : List.copyOf(rest);
        });
    }

    /** The entry holding {@code label}: the first sound one to ask for it; {@code null} if none. */
    Entry holderOfLabel(String label) {
        return firstSound(byLabel.get(label));
    }

    Entry holderOfName(String name) {
        return firstSound(byName.get(name));
    }

    /** The entry owning the model class {@code classKey} (as in {@link io.tessera.registry.internal.index.Candidate#modelClasses()}). */
    Entry ownerOfModel(String classKey) {
        return firstSound(byModelClass.get(classKey));
    }

    /** The entry lookups by {@code label} lead to: the holder, or else the first to ask. */
    Entry leaderOfLabel(String label) {
        List<Entry> list = byLabel.get(label);
        if (list == null || list.isEmpty()) {
            return null;
        }
        Entry holder = firstSound(list);
        return holder != null ? holder : list.get(0);
    }

    /** An app of this label whose bundle is installed but not running it; {@code null} if none. */
    Entry placeholderOfLabel(String label) {
        List<Entry> list = byLabel.get(label);
        if (list != null) {
            for (Entry e : list) {
                if (e.candidate.placeholder() && !e.removed) {
                    return e;
                }
            }
        }
        return null;
    }

    /** Everyone else who asked for the same label, name or model classes as {@code e}. */
    Collection<Entry> rivalsOf(Entry e) {
        Set<Entry> rivals = new LinkedHashSet<>();
        rivals.addAll(byLabel.getOrDefault(e.label(), List.of()));
        rivals.addAll(byName.getOrDefault(e.candidate.name(), List.of()));
        for (String c : e.candidate.modelClasses()) {
            rivals.addAll(byModelClass.getOrDefault(c, List.of()));
        }
        rivals.remove(e);
        return rivals;
    }

    /** Entries that require (mandatorily or optionally) the label {@code label}. */
    Collection<Entry> requirersOf(String label) {
        return requirersOfLabel.getOrDefault(label, Set.of());
    }

    private static Entry firstSound(List<Entry> list) {
        if (list != null) {
            for (Entry e : list) {
                if (e.isSound()) {
                    return e;
                }
            }
        }
        return null;
    }
}
