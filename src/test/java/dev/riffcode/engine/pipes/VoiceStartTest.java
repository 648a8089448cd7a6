package dev.riffcode.engine.pipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.engine.dsp.Wavetables;
import dev.riffcode.score.NoteEvent;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A note sounds the same wherever in a block it starts. The live player starts notes on the beat, at any frame of
 * its blocks; an offline render starts the same notes elsewhere in its own. A filtered voice used to glide from the
 * filter's default cutoff to its own across its first block, so its attack depended on that frame, and what played
 * live was not what `render` wrote.
 */
class VoiceStartTest {

    private static final int SR = 44_100;
    private static final int BLOCK = 256;

    @ParameterizedTest
    @CsvSource({"saw, 90", "square, 70", "tri, 100", "snare, 0", "hat, 0", "sine, 0"})
    void aNoteSoundsTheSameWhereverInABlockItStarts(String synth, double cutoffMidi) {
        double cutoffHz = cutoffMidi == 0 ? 0 : 440 * Math.pow(2, (cutoffMidi - 69) / 12);
        NoteEvent note = new NoteEvent(0, synth, 60, 0.5, 0, 0.01, 0, 0.2, 1, 0.1, cutoffHz, 0.2, 0, Map.of());
        float[] atZero = play(note, 0);
        float[] later = play(note, 100);
        assertTrue(peak(atZero) > 0.01, synth + " sounds: " + peak(atZero));
        assertArrayEquals(atZero, Arrays.copyOfRange(later, 100, 100 + atZero.length),
                synth + ": the same samples from a start 100 frames into a block");
    }

    /** The note rendered from {@code offset} frames into the first block: those frames, then 0.2 s of it. */
    private static float[] play(NoteEvent note, int offset) {
        Voice v = Voices.create(note, SR, BLOCK, Wavetables.shared(), 42);
        v.startOffset = offset;
        int frames = SR / 5;
        float[] out = new float[(frames + offset) / BLOCK * BLOCK + 2 * BLOCK];
        float[] scratch = new float[BLOCK];
        float[] left = new float[BLOCK];
        float[] right = new float[BLOCK];
        for (int at = 0; at + BLOCK <= out.length; at += BLOCK) {
            Arrays.fill(left, 0);
            Arrays.fill(right, 0);
            v.render(scratch, left, right, BLOCK);
            System.arraycopy(left, 0, out, at, BLOCK);
        }
        return Arrays.copyOf(out, frames + offset);
    }

    private static double peak(float[] x) {
        double p = 0;
        for (float s : x) {
            p = Math.max(p, Math.abs(s));
        }
        return p;
    }
}
