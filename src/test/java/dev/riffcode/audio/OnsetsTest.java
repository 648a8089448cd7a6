package dev.riffcode.audio;

import static dev.riffcode.audio.Signals.faded;
import static dev.riffcode.audio.Signals.hz;
import static dev.riffcode.audio.Signals.mixInto;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OnsetsTest {
    /** Uneven spacing, so a detector that just found a regular grid would fail. */
    private static final double[] TIMES = {0.1, 0.35, 0.6, 0.9, 1.2, 1.45, 1.8, 2.05};
    private static final double TOLERANCE = 0.010;

    @Test
    void clicks() {
        float[] x = Signals.silence(2.5);
        for (double t : TIMES) {
            int i = (int) Math.round(t * Signals.RATE);
            x[i] = 0.9f;
            x[i + 1] = -0.5f;
        }
        assertOnsets(TIMES, Onsets.detect(Signals.clip(x)), "clicks");
    }

    @Test
    void noiseBurstsOfDifferentLevels() {
        float[] x = Signals.silence(2.5);
        for (int i = 0; i < TIMES.length; i++) {
            mixInto(x, Signals.noiseBurst(i % 2 == 0 ? 0.6 : 0.2, 0.15, 0.03, i), TIMES[i]);
        }
        assertOnsets(TIMES, Onsets.detect(Signals.clip(x)), "noise bursts");
    }

    @Test
    void separateNotesAndNotTheirEnds() {
        float[] x = Signals.silence(2.5);
        int[] midi = {69, 71, 73, 74, 76, 78, 80, 81};
        for (int i = 0; i < TIMES.length; i++) {
            mixInto(x, faded(Signals.sine(hz(midi[i]), 0.3, 0.2)), TIMES[i]);
        }
        assertOnsets(TIMES, Onsets.detect(Signals.clip(x)), "sine notes");
    }

    @Test
    void legatoNoteChanges() {
        float[] x = Signals.silence(2.5);
        int[] midi = {57, 59, 61, 62, 64, 66, 68, 69};
        for (int i = 0; i < TIMES.length; i++) {
            double end = i + 1 < TIMES.length ? TIMES[i + 1] : 2.4;
            mixInto(x, faded(Signals.saw(hz(midi[i]), 0.2, end - TIMES[i])), TIMES[i]);
        }
        assertOnsets(TIMES, Onsets.detect(Signals.clip(x)), "legato saws");
    }

    @Test
    void kicksAndHiHats() {
        float[] x = Signals.silence(2.5);
        for (int i = 0; i < TIMES.length; i++) {
            mixInto(x, i % 2 == 0 ? Signals.kick(0.8) : Signals.noiseBurst(0.3, 0.1, 0.02, i),
                    TIMES[i]);
        }
        assertOnsets(TIMES, Onsets.detect(Signals.clip(x)), "kicks and hi-hats");
    }

    @Test
    void noiseHitsOverASustainedChord() {
        float[] x = Signals.silence(2.5);
        mixInto(x, faded(Signals.saw(hz(45), 0.15, 2.5)), 0);
        mixInto(x, faded(Signals.saw(hz(52), 0.15, 2.5)), 0);
        for (int i = 0; i < TIMES.length; i++) {
            mixInto(x, Signals.noiseBurst(i % 2 == 0 ? 0.4 : 0.2, 0.15, 0.04, i), TIMES[i]);
        }
        double[] expected = new double[TIMES.length + 1];
        System.arraycopy(TIMES, 0, expected, 1, TIMES.length); // the chord starts at 0
        assertOnsets(expected, Onsets.detect(Signals.clip(x)), "noise hits over chord");
    }

    @Test
    void otherSampleRateAndStereo() {
        int rate = 48000;
        float[] left = new float[(int) (2.5 * rate)];
        float[] right = new float[left.length];
        for (int i = 0; i < TIMES.length; i++) {
            float[] ch = i % 2 == 0 ? left : right;
            ch[(int) Math.round(TIMES[i] * rate)] = 0.8f;
        }
        assertOnsets(TIMES, Onsets.detect(new AudioClip(rate, new float[][] {left, right})),
                "48 kHz stereo clicks");
    }

    @Test
    void silenceAndSteadyToneHaveNoOnsetsAfterTheStart() {
        assertEquals(0, Onsets.detect(Signals.clip(Signals.silence(1))).length);
        double[] steady = Onsets.detect(Signals.clip(Signals.saw(220, 0.3, 2)));
        assertOnsets(new double[] {0}, steady, "steady tone");
    }

    private static void assertOnsets(double[] expected, double[] found, String what) {
        double worst = 0;
        assertEquals(expected.length, found.length,
                what + ": expected " + Arrays.toString(expected) + " got "
                        + Arrays.toString(found));
        for (int i = 0; i < expected.length; i++) {
            double error = found[i] - expected[i];
            worst = Math.max(worst, Math.abs(error));
            assertEquals(expected[i], found[i], TOLERANCE, what + " onset " + i);
        }
        System.out.printf("Onsets %s: worst error %.1f ms%n", what, worst * 1000);
    }
}
