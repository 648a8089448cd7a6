package dev.riffcode.music;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Canonical names with aliases, looked up forgivingly (spaces and hyphens count as
 * underscores, case is ignored) and with "did you mean" suggestions on failure.
 *
 * <p>Case matters only where it must: when two aliases differ only in case (chord "M7" is
 * major, "m7" minor), the exact spelling decides and neither matches case-insensitively.
 */
final class NameTable<V> {

    private final String kind;
    private final Map<String, V> values;
    private final Map<String, String> exact;
    private final Map<String, String> folded;

    private NameTable(String kind, Map<String, V> values, Map<String, String> exact, Map<String, String> folded) {
        this.kind = kind;
        this.values = values;
        this.exact = exact;
        this.folded = folded;
    }

    /** Spaces and hyphens become underscores so "harmonic minor" finds "harmonic_minor". */
    static String normalize(String name) {
        return name.strip().replaceAll("[\\s\\-]+", "_");
    }

    static String fold(String name) {
        return normalize(name).toLowerCase(Locale.ROOT);
    }

    /** Canonical names in the order they were added. */
    List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** Every accepted spelling (canonical names and aliases, normalized) mapped to its canonical name. */
    Map<String, String> spellings() {
        return exact;
    }

    V value(String canonical) {
        return values.get(canonical);
    }

    Optional<String> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = normalize(name);
        String hit = exact.get(key);
        if (hit == null) {
            hit = folded.get(key.toLowerCase(Locale.ROOT));
        }
        return Optional.ofNullable(hit);
    }

    /** The canonical name, or an exception that suggests near names and lists them all. */
    String require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(unknownMessage(name)));
    }

    private String unknownMessage(String name) {
        String shown = name == null ? "null" : "'" + name.strip() + "'";
        List<String> near = name == null ? List.of() : nearest(fold(name));
        String hint = near.isEmpty() ? "." : ": did you mean " + String.join(" or ", near) + "?";
        return "unknown " + kind + " " + shown + hint + " Known " + kind + "s: " + String.join(", ", names());
    }

    /** Up to three canonical names whose spellings contain the input or are a few edits away. */
    private List<String> nearest(String input) {
        if (input.isEmpty()) {
            return List.of();
        }
        int allowed = Math.max(1, input.length() / 3);
        Map<String, Integer> best = new HashMap<>();
        for (Map.Entry<String, String> e : exact.entrySet()) {
            String spelling = e.getKey().toLowerCase(Locale.ROOT);
            int distance = editDistance(input, spelling);
            boolean contains = input.length() >= 4 && spelling.contains(input);
            if (distance <= allowed || contains) {
                // A spelling that contains the input ("pentatonic") is the likeliest intent.
                best.merge(e.getValue(), contains ? 0 : distance, Math::min);
            }
        }
        List<String> ranked = new ArrayList<>(best.keySet());
        List<String> order = names();
        ranked.sort(Comparator.comparing((String n) -> best.get(n)).thenComparing(order::indexOf));
        return ranked.subList(0, Math.min(3, ranked.size()));
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Collects entries, then freezes them; duplicate spellings are programming errors. */
    static final class Builder<V> {
        private final String kind;
        private final Map<String, V> values = new LinkedHashMap<>();
        private final Map<String, String> exact = new LinkedHashMap<>();

        Builder(String kind) {
            this.kind = kind;
        }

        Builder<V> add(String canonical, V value, String... aliases) {
            if (values.put(canonical, value) != null) {
                throw new IllegalStateException("duplicate " + kind + " " + canonical);
            }
            spelling(canonical, canonical);
            for (String alias : aliases) {
                spelling(alias, canonical);
            }
            return this;
        }

        private void spelling(String spelling, String canonical) {
            String key = normalize(spelling);
            if (exact.put(key, canonical) != null) {
                throw new IllegalStateException("duplicate " + kind + " spelling " + spelling);
            }
        }

        NameTable<V> build() {
            // Case-insensitive matching only for spellings that stay unique once lower-cased.
            Map<String, String> folded = new HashMap<>();
            Set<String> clashes = new LinkedHashSet<>();
            for (Map.Entry<String, String> e : exact.entrySet()) {
                String key = e.getKey().toLowerCase(Locale.ROOT);
                String previous = folded.put(key, e.getValue());
                if (previous != null && !previous.equals(e.getValue())) {
                    clashes.add(key);
                }
            }
            clashes.forEach(folded::remove);
            return new NameTable<>(kind,
                    Collections.unmodifiableMap(new LinkedHashMap<>(values)),
                    Collections.unmodifiableMap(new LinkedHashMap<>(exact)),
                    Map.copyOf(folded));
        }
    }
}
