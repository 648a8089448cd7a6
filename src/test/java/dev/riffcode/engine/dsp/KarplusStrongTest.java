package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KarplusStrongTest {

    static final double SR = 44100;

    static float[] pluck(double hz, double brightness, double decay, int n, long seed) {
        KarplusStrong ks = new KarplusStrong(SR, 30, seed);
        ks.setFrequency(hz);
        ks.setBrightness(brightness);
        ks.setDecay(decay);
        ks.pluck(0.8f);
        float[] x = new float[n];
        for (int off = 0; off < n; off += 256) {
            ks.process(x, off, Math.min(256, n - off));
        }
        return x;
    }

    @Test
    void pitchIsWithinFiveCents() {
        double worst = 0;
        for (double hz : new double[] {41.2, 110, 220, 440, 880, 1500, 2000}) {
            for (double b : new double[] {0, 0.5, 1}) {
                float[] x = pluck(hz, b, 4, 44100 * 2, 1);
                // Fundamental, from a 1 s window after the attack.
                double f = Analysis.peakFrequency(x, 4410, 44100, hz * 0.97, hz * 1.03, SR);
                double cents = Analysis.cents(f, hz);
                worst = Math.max(worst, Math.abs(cents));
                assertEquals(0, cents, 5, hz + " Hz, brightness " + b);
            }
        }
        System.out.println("Karplus-Strong worst pitch error: " + worst + " cents");
    }

    @Test
    void fundamentalDecaysAtTheRequestedRate() {
        double hz = 220;
        float[] x = pluck(hz, 0.5, 2.0, 44100 * 2, 5);
        double early = Analysis.amplitudeAt(x, 4410, 8820, hz, SR);
        double late = Analysis.amplitudeAt(x, 4410 + 44100, 8820, hz, SR);
        // T60 = 2 s: 30 dB down one second later.
        assertEquals(-30, Analysis.db(late / early), 2);
    }

    @Test
    void brightnessBrightens() {
        double dark = highShare(pluck(220, 0, 2, 22050, 3));
        double bright = highShare(pluck(220, 1, 2, 22050, 3));
        assertTrue(bright > 3 * dark, "dark " + dark + " bright " + bright);
    }

    /** Fraction of power above 2 kHz. */
    static double highShare(float[] x) {
        float[] frame = java.util.Arrays.copyOfRange(x, 0, 16384);
        double[] p = Analysis.powerSpectrum(frame);
        double hi = 0;
        double all = 0;
        for (int k = 1; k < p.length; k++) {
            all += p[k];
            if (k * SR / 16384 > 2000) {
                hi += p[k];
            }
        }
        return hi / all;
    }

    @Test
    void deterministicBoundedAndEventuallySilent() {
        float[] a = pluck(330, 0.5, 0.3, 44100, 9);
        float[] b = pluck(330, 0.5, 0.3, 44100, 9);
        assertArrayEquals(a, b);
        assertTrue(Analysis.allFinite(a));
        assertTrue(Analysis.peak(a, 0, a.length) <= 0.8001);
        assertTrue(Math.abs(Analysis.mean(a, 0, a.length)) < 0.01);

        KarplusStrong ks = new KarplusStrong(SR, 30, 9);
        ks.setDecay(0.2);
        ks.pluck(1f);
        float[] x = new float[256];
        for (int i = 0; i < 44100 * 2 / 256; i++) {
            ks.process(x, 0, 256);
        }
        assertTrue(ks.isSilent());
    }

    @Test
    void badParametersAreClamped() {
        KarplusStrong ks = new KarplusStrong(SR, 30, 1);
        ks.setFrequency(Double.NaN);
        ks.setFrequency(5);
        assertEquals(30, ks.frequency(), 1e-9);
        ks.setFrequency(1e9);
        assertTrue(ks.frequency() <= SR / 8);
        ks.setBrightness(Double.NaN);
        ks.setBrightness(7);
        ks.setDecay(-1);
        ks.setDecay(Double.POSITIVE_INFINITY);
        ks.pluck(Float.NaN);
        ks.pluck(1f);
        float[] x = new float[44100];
        ks.process(x, 0, x.length);
        assertTrue(Analysis.allFinite(x));
    }
}
