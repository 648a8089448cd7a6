package dev.riffcode.score;

import java.util.List;

/**
 * A synth a script can name in {@code use_synth} or {@code play(..., synth=)}.
 *
 * @param defaultCutoff MIDI note of the synth's own low-pass when the script gives no cutoff,
 *                      or 0 for none
 * @param extra         options only this synth takes (on top of play()'s common ones)
 */
public record SynthSpec(String name, String doc, double defaultCutoff, boolean pitched, List<ParamSpec> extra) {

    public SynthSpec {
        extra = List.copyOf(extra);
    }

    public ParamSpec extraParam(String option) {
        for (ParamSpec p : extra) {
            if (p.name().equals(option)) {
                return p;
            }
        }
        return null;
    }
}
