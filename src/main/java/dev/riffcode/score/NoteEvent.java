package dev.riffcode.score;

import java.util.Map;

/**
 * One played note: a synth voice that starts at {@code time} and lasts
 * attack + decay + sustain + release seconds (Sonic Pi's envelope).
 *
 * @param cutoffHz low-pass cutoff in Hz, or 0 for the synth's own default
 * @param res      filter resonance 0..1
 * @param bus      the effect bus the voice plays into (0 = main output)
 * @param extra    synth-specific options (for example fm depth), already validated
 * @param strand   the part that played it: "main", a live_loop's or an in_thread's name (stems are cut by it)
 */
public record NoteEvent(
        double time,
        String synth,
        double note,
        double amp,
        double pan,
        double attack,
        double decay,
        double sustain,
        double sustainLevel,
        double release,
        double cutoffHz,
        double res,
        int bus,
        Map<String, Double> extra,
        String strand) {

    public NoteEvent {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        strand = strand == null ? "main" : strand;
    }

    /** A note of the main script. */
    public NoteEvent(double time, String synth, double note, double amp, double pan, double attack, double decay,
            double sustain, double sustainLevel, double release, double cutoffHz, double res, int bus,
            Map<String, Double> extra) {
        this(time, synth, note, amp, pan, attack, decay, sustain, sustainLevel, release, cutoffHz, res, bus, extra,
                "main");
    }

    /** Seconds from the note's start to the end of its release. */
    public double duration() {
        return attack + decay + sustain + release;
    }

    public double end() {
        return time + duration();
    }

    public double extra(String name, double fallback) {
        Double v = extra.get(name);
        return v == null ? fallback : v;
    }
}
