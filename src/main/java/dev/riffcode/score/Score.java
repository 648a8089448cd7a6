package dev.riffcode.score;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a script asked to be heard.
 *
 * @param notes         played notes, in the order they were scheduled (not necessarily by time)
 * @param fx            effect buses; ids start at 1, bus 0 is the main output
 * @param graph         the unit-generator graph (may be empty)
 * @param lengthSeconds how long the piece is: the end of its last note or port change, or the
 *                      live-loop horizon when the script has live loops
 * @param liveLoops     names of the live loops the script defined, in order
 * @param samples       sample files and clips played, in the order they were scheduled; a score only names them
 * @param tempo         the main script's use_bpm changes in time order (60 bpm before the first); what the piece's
 *                      beats are, for a MIDI file's tempo map (every time here is in seconds already)
 */
public record Score(List<NoteEvent> notes, List<FxBus> fx, UnitGraph graph, double lengthSeconds,
        List<String> liveLoops, List<SampleHit> samples, List<TempoChange> tempo) {

    public Score {
        notes = List.copyOf(notes);
        fx = List.copyOf(fx);
        liveLoops = List.copyOf(liveLoops);
        samples = samples == null ? List.of() : List.copyOf(samples);
        tempo = tempo == null ? List.of() : List.copyOf(tempo);
    }

    /** A score with no tempo changes recorded. */
    public Score(List<NoteEvent> notes, List<FxBus> fx, UnitGraph graph, double lengthSeconds, List<String> liveLoops,
            List<SampleHit> samples) {
        this(notes, fx, graph, lengthSeconds, liveLoops, samples, List.of());
    }

    /** A score that plays no sample files. */
    public Score(List<NoteEvent> notes, List<FxBus> fx, UnitGraph graph, double lengthSeconds, List<String> liveLoops) {
        this(notes, fx, graph, lengthSeconds, liveLoops, List.of());
    }

    /** The same score, {@code seconds} long (once the host knows how long its samples play). */
    public Score withLength(double seconds) {
        return new Score(notes, fx, graph, seconds, liveLoops, samples, tempo);
    }

    /**
     * The same score without its unpitched notes (drums, noise) and sample files (their pitch is unknown): what a
     * pitch check listens to, since a drum's note is not a note of the melody.
     */
    public Score pitchedOnly() {
        List<NoteEvent> pitched = notes.stream()
                .filter(n -> Catalog.synth(n.synth()).map(SynthSpec::pitched).orElse(true))
                .toList();
        return new Score(pitched, fx, graph, lengthSeconds, liveLoops, List.of(), tempo);
    }

    /**
     * The parts that make a sound, each once: "main" first when it plays, then the live loops in the order they
     * were defined, then in_threads (and loops' own threads) as they were first heard. A unit graph's sound belongs to
     * the part that sent it out (a LineOut: the part that created it).
     */
    public List<String> strands() {
        Set<String> heard = new LinkedHashSet<>();
        notes.forEach(n -> heard.add(n.strand()));
        samples.forEach(h -> heard.add(h.strand()));
        graph.outputs().forEach(r -> heard.add(r.strand()));
        graph.units().stream().filter(u -> u.type().equals("LineOut")).forEach(u -> heard.add(u.strand()));
        List<String> ordered = new ArrayList<>();
        if (heard.remove("main")) {
            ordered.add("main");
        }
        for (String loop : liveLoops) {
            if (heard.remove(loop)) {
                ordered.add(loop);
            }
        }
        ordered.addAll(heard);
        return ordered;
    }

    public boolean isSilent() {
        return notes.isEmpty() && samples.isEmpty() && graph.outputs().isEmpty();
    }
}
