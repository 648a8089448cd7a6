package dev.riffcode.cli;

import dev.riffcode.export.MidiExport;
import dev.riffcode.export.Stems;
import dev.riffcode.score.Score;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code render} and {@code generate} write besides the mix (--stems, --midi), and how they say it. */
final class Exports {

    private Exports() {
    }

    /** The files written, for the session; {@code error} is set (and was printed) when a write failed. */
    record Written(List<Path> stems, Path midi, String error) {
    }

    /**
     * Writes the stems the flags ask for, after the mix (whose {@code frames} they match), and prints one line per
     * file, with a warning where stems do not add up to the mix exactly.
     */
    static Written write(Studio studio, RenderFlags flags, Score score, RenderOptions options, long frames,
            Console console) {
        Path midi = null;
        if (flags.midi != null) {
            try {
                MidiExport.Result r = studio.writeMidi(score, flags.midi);
                midi = flags.midi;
                console.info(String.format("wrote %s: %d notes in %d tracks (a tempo track and one per part), %d ticks "
                        + "per quarter note", flags.midi, r.notes(), r.tracks(), r.ticksPerQuarter()));
                for (String what : r.leftOut()) {
                    console.info("note: not in the MIDI file: " + what);
                }
            } catch (IOException e) {
                String message = OutputFiles.explain(e, flags.midi) + "; the mix was written";
                System.err.println("riffcode: " + message);
                return new Written(List.of(), null, message);
            }
        }
        List<Path> stems = new ArrayList<>();
        if (flags.stems == null) {
            return new Written(stems, midi, null);
        }
        if (Stems.plan(score).isEmpty()) {
            console.info("no stems: the script played nothing");
            return new Written(stems, midi, null);
        }
        try {
            studio.renderStems(score, options, frames, flags.stems, w -> {
                stems.add(w.file());
                console.info(String.format("wrote stem %s (part %s): peak %.1f dBFS%s", w.file(), w.stem().strand(),
                        w.result().peakDbfs(), w.limited() ? String.format(
                                "; the part reached %.1f dBFS and its limiter held it under the ceiling, so this stem "
                                        + "is quieter at its peaks than its share of the mix",
                                20 * Math.log10(w.result().inputPeak())) : ""));
            });
        } catch (IOException e) {
            String message = OutputFiles.explain(e) + "; the mix was written, " + stems.size() + " stems before it";
            System.err.println("riffcode: " + message);
            return new Written(stems, midi, message);
        }
        for (String warning : Stems.sharedNonlinearEffects(score)) {
            console.info("note: " + warning);
        }
        return new Written(stems, midi, null);
    }
}
