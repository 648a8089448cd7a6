package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NoiseTest {

    static float[] render(Noise noise, int n) {
        float[] x = new float[n];
        for (int off = 0; off < n; off += 256) {
            noise.process(x, off, Math.min(256, n - off));
        }
        return x;
    }

    @Test
    void whiteIsUniformWithZeroMean() {
        int n = 1 << 20;
        float[] x = render(new Noise(Noise.Color.WHITE, 1), n);
        assertEquals(0.0, Analysis.mean(x, 0, n), 0.003);
        assertEquals(1 / Math.sqrt(3), Analysis.rms(x, 0, n), 0.002);
        float min = 0;
        float max = 0;
        int[] hist = new int[10];
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            hist[(int) ((v + 1) * 5)]++;
        }
        assertTrue(min >= -1f && max < 1f);
        assertTrue(min < -0.999f && max > 0.999f);
        for (int h : hist) {
            assertEquals(n / 10.0, h, n / 10.0 * 0.02);
        }
    }

    @Test
    void whiteSpectrumIsFlat() {
        double[] bands = bandDensities(new Noise(Noise.Color.WHITE, 7));
        for (int i = 1; i < bands.length; i++) {
            assertEquals(0.0, 10 * Math.log10(bands[i] / bands[i - 1]), 0.5);
        }
    }

    @Test
    void pinkFallsThreeDbPerOctave() {
        double[] bands = bandDensities(new Noise(Noise.Color.PINK, 7));
        for (int i = 1; i < bands.length; i++) {
            assertEquals(-3.01, 10 * Math.log10(bands[i] / bands[i - 1]), 0.5, "octave " + i);
        }
        int n = 1 << 20;
        float[] x = render(new Noise(Noise.Color.PINK, 3), n);
        double rms = Analysis.rms(x, 0, n);
        System.out.println("pink rms " + rms + " peak " + Analysis.peak(x, 0, n));
        assertEquals(0.2, rms, 0.04);
        assertEquals(0.0, Analysis.mean(x, 0, n), 0.02);
    }

    /** Mean power per FFT bin in octave bands 172..344, .. 5.5k..11k Hz, averaged over 16 frames. */
    static double[] bandDensities(Noise noise) {
        int n = 4096;
        double[] bands = new double[6];
        for (int frame = 0; frame < 16; frame++) {
            double[] p = Analysis.powerSpectrum(render(noise, n));
            for (int b = 0; b < bands.length; b++) {
                int lo = 16 << b;
                for (int k = lo; k < 2 * lo; k++) {
                    bands[b] += p[k] / lo;
                }
            }
        }
        return bands;
    }

    @Test
    void deterministicPerSeed() {
        for (Noise.Color c : Noise.Color.values()) {
            float[] a = render(new Noise(c, 42), 5000);
            float[] b = render(new Noise(c, 42), 5000);
            float[] d = render(new Noise(c, 43), 5000);
            assertArrayEquals(a, b);
            assertFalse(Arrays.equals(a, d));
            Noise reseeded = new Noise(c, 99);
            render(reseeded, 100);
            reseeded.setSeed(42);
            assertArrayEquals(a, render(reseeded, 5000));
            Noise single = new Noise(c, 42);
            for (int i = 0; i < 5000; i++) {
                assertEquals(a[i], single.next(), 0f);
            }
        }
        // Seed 0 and -1 must not produce a stuck generator.
        assertTrue(Analysis.rms(render(new Noise(Noise.Color.WHITE, 0), 1000), 0, 1000) > 0.5);
    }

    @Test
    void processAddScalesAndAdds() {
        float[] a = render(new Noise(Noise.Color.WHITE, 5), 512);
        float[] b = new float[512];
        Arrays.fill(b, 1f);
        new Noise(Noise.Color.WHITE, 5).processAdd(b, 0, 512, 0.5f);
        for (int i = 0; i < 512; i++) {
            assertEquals(1f + 0.5f * a[i], b[i], 1e-6f);
        }
    }
}
