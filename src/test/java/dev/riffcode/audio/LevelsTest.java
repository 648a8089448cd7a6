package dev.riffcode.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LevelsTest {
    @Test
    void sineLevels() {
        AudioClip clip = Signals.clip(Signals.sine(1000, 0.5, 1));
        assertEquals(0.5, Levels.peak(clip), 1e-3);
        assertEquals(-6.02, Levels.peakDbfs(clip), 0.02);
        assertEquals(0.5 / Math.sqrt(2), Levels.rms(clip), 1e-4);
        assertEquals(-9.03, Levels.rmsDbfs(clip), 0.02);
        assertEquals(0, Levels.dcOffset(clip.channels()[0]), 1e-4);
    }

    @Test
    void fullScaleSineIsMinusThreeDbRms() {
        assertEquals(-3.01, Levels.rmsDbfs(Signals.clip(Signals.sine(440, 1, 1))), 0.02);
    }

    @Test
    void dcOffsetOfShiftedSine() {
        float[] x = Signals.sine(100, 0.3, 1); // a whole number of periods
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.1f;
        }
        assertEquals(0.1, Levels.dcOffset(x), 1e-4);
        assertEquals(0.4, Levels.peak(x), 1e-3);
    }

    @Test
    void nonFiniteSamplesAreCountedAndSkipped() {
        float[] left = Signals.sine(440, 0.25, 0.1);
        float[] right = Signals.sine(440, 0.25, 0.1);
        left[10] = Float.NaN;
        right[20] = Float.POSITIVE_INFINITY;
        right[30] = Float.NEGATIVE_INFINITY;
        AudioClip clip = new AudioClip(44100, new float[][] {left, right});
        assertEquals(3, Levels.countNonFinite(clip));
        assertEquals(0.25, Levels.peak(clip), 1e-3);
        assertEquals(0.25 / Math.sqrt(2), Levels.rms(clip), 1e-3);
    }

    @Test
    void silenceIsMinusInfinity() {
        AudioClip clip = Signals.clip(new float[1000]);
        assertEquals(Double.NEGATIVE_INFINITY, Levels.peakDbfs(clip));
        assertEquals(Double.NEGATIVE_INFINITY, Levels.rmsDbfs(clip));
    }

    @Test
    void mixToMonoAverages() {
        float[] a = Signals.sine(440, 0.5, 0.1);
        float[] inverted = a.clone();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = -inverted[i];
        }
        assertEquals(0, Levels.peak(Levels.mixToMono(new AudioClip(44100,
                new float[][] {a, inverted}))), 1e-7);
        assertEquals(0.5, Levels.peak(Levels.mixToMono(new AudioClip(44100,
                new float[][] {a, a.clone()}))), 1e-3);
        assertSame(a, Levels.mixToMono(AudioClip.mono(44100, a)));
    }
}
