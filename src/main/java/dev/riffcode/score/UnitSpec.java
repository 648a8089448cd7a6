package dev.riffcode.score;

import java.util.Map;

/** A unit generator created from Python, with the constant values its input ports start with. */
public record UnitSpec(int id, String type, Map<String, Double> initial) {
    public UnitSpec {
        initial = Map.copyOf(initial);
    }
}
