package dev.riffcode.score;

import java.util.Map;

/**
 * An effect that what is played inside a {@code with with_fx(...)} block goes through.
 * Its output goes to {@code parent} (0 = main output), so effects nest.
 *
 * @param strand the strand of time that opened it: "main", a live_loop's or an in_thread's name (live play keeps an
 *               effect across versions when it is the same effect in the same place)
 */
public record FxBus(int id, String kind, int parent, Map<String, Double> params, String strand) {

    public FxBus {
        params = Map.copyOf(params);
        strand = strand == null ? "main" : strand;
    }

    public FxBus(int id, String kind, int parent, Map<String, Double> params) {
        this(id, kind, parent, params, "main");
    }

    public double param(String name, double fallback) {
        Double v = params.get(name);
        return v == null ? fallback : v;
    }
}
