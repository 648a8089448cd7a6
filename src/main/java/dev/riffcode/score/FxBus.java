package dev.riffcode.score;

import java.util.Map;

/**
 * An effect that what is played inside a {@code with with_fx(...)} block goes through.
 * Its output goes to {@code parent} (0 = main output), so effects nest.
 */
public record FxBus(int id, String kind, int parent, Map<String, Double> params) {

    public FxBus {
        params = Map.copyOf(params);
    }

    public double param(String name, double fallback) {
        Double v = params.get(name);
        return v == null ? fallback : v;
    }
}
