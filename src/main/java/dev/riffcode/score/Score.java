package dev.riffcode.score;

import java.util.List;

/**
 * Everything a script asked to be heard.
 *
 * @param notes         played notes, in the order they were scheduled (not necessarily by time)
 * @param fx            effect buses; ids start at 1, bus 0 is the main output
 * @param graph         the unit-generator graph (may be empty)
 * @param lengthSeconds how long the piece is: the end of its last note or port change, or the
 *                      live-loop horizon when the script has live loops
 * @param liveLoops     names of the live loops the script defined, in order
 */
public record Score(List<NoteEvent> notes, List<FxBus> fx, UnitGraph graph, double lengthSeconds,
        List<String> liveLoops) {

    public Score {
        notes = List.copyOf(notes);
        fx = List.copyOf(fx);
        liveLoops = List.copyOf(liveLoops);
    }

    /**
     * The same score without its unpitched notes (drums, noise): what a pitch check listens to,
     * since a drum's note is not a note of the melody.
     */
    public Score pitchedOnly() {
        List<NoteEvent> pitched = notes.stream()
                .filter(n -> Catalog.synth(n.synth()).map(SynthSpec::pitched).orElse(true))
                .toList();
        return new Score(pitched, fx, graph, lengthSeconds, liveLoops);
    }

    public boolean isSilent() {
        return notes.isEmpty() && graph.outputs().isEmpty();
    }
}
