package dev.riffcode.score;

import java.util.Map;

/**
 * A unit generator created from Python, with the constant values its input ports start with.
 *
 * @param strand the part of the script that created it ("main", a live_loop's or an in_thread's name): a LineOut
 *               sounds in that part's stem
 */
public record UnitSpec(int id, String type, Map<String, Double> initial, String strand) {
    public UnitSpec {
        initial = Map.copyOf(initial);
        strand = strand == null ? "main" : strand;
    }

    /** A unit of the main script. */
    public UnitSpec(int id, String type, Map<String, Double> initial) {
        this(id, type, initial, "main");
    }
}
