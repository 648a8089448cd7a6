package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void aPluckStartsWithOnePeriodOfZeroMeanNoisePeakingAtTheAmplitude() {
        for (double b : new double[] {0, 0.5, 1}) {
            KarplusStrong ks = new KarplusStrong(SR, 30, 2);
            ks.setFrequency(441);
            ks.setBrightness(b);
            ks.pluck(0.6f);
            // The first period out of the string is the excitation itself.
            // At 441 Hz a period is 100 samples; the loop's own filter takes up a part of one, so
            // the excitation is 99 samples long at every brightness.
            float[] x = new float[99];
            ks.process(x, 0, x.length);
            assertEquals(0.6, Analysis.peak(x, 0, x.length), 1e-6, "brightness " + b);
            assertEquals(0, Analysis.mean(x, 0, x.length), 1e-4, "brightness " + b);
        }
    }

    @Test
    void aRingingStringIsNotSilentUntilItHasDiedAway() {
        KarplusStrong ks = new KarplusStrong(SR, 30, 4);
        ks.setDecay(0.5);
        ks.pluck(0.8f);
        assertFalse(ks.isSilent(), "just plucked");
        float[] x = new float[256];
        ks.process(x, 0, x.length);
        assertFalse(ks.isSilent(), "a voice reported silent while ringing would be cut off");
        for (int i = 0; i < 44100 * 3 / 256; i++) {
            ks.process(x, 0, x.length);
        }
        assertTrue(ks.isSilent());
    }

    @Test
    void sampleBySampleBlockAndAddingPathsAgree() {
        KarplusStrong one = new KarplusStrong(SR, 30, 6);
        KarplusStrong block = new KarplusStrong(SR, 30, 6);
        KarplusStrong adding = new KarplusStrong(SR, 30, 6);
        one.pluck(0.7f);
        block.pluck(0.7f);
        adding.pluck(0.7f);
        int n = 4096;
        float[] bySample = new float[n];
        for (int i = 0; i < n; i++) {
            bySample[i] = one.next();
        }
        float[] blocks = new float[n];
        java.util.Arrays.fill(blocks, 9f); // process replaces what was there
        block.process(blocks, 0, n);
        float[] added = new float[n];
        java.util.Arrays.fill(added, 0.25f);
        adding.processAdd(added, 0, n, 2f);
        assertArrayEquals(bySample, blocks);
        for (int i = 0; i < n; i++) {
            assertEquals(0.25f + 2f * bySample[i], added[i], 1e-6f, "sample " + i);
        }
        assertFalse(one.isSilent(), "next() keeps track of the level too");
    }

    @Test
    void eachSetterTakesEffectOnItsOwn() {
        // Pitch set alone, with nothing set after it.
        KarplusStrong pitched = new KarplusStrong(SR, 30, 1);
        pitched.setFrequency(330);
        pitched.pluck(0.8f);
        float[] x = new float[44100];
        pitched.process(x, 0, x.length);
        assertEquals(0, Analysis.cents(Analysis.peakFrequency(x, 4410, 22050, 320, 340, SR), 330), 5);

        // Brightness changed on a ringing string: the loop itself must get darker, not only the next pluck.
        KarplusStrong kept = new KarplusStrong(SR, 30, 3);
        KarplusStrong darkened = new KarplusStrong(SR, 30, 3);
        kept.setBrightness(1);
        darkened.setBrightness(1);
        kept.pluck(0.8f);
        darkened.pluck(0.8f);
        darkened.setBrightness(0);
        float[] k = new float[11025 + 16384];
        float[] d = new float[k.length];
        kept.process(k, 0, k.length);
        darkened.process(d, 0, d.length);
        // Measured from 0.25 s on, once the bright excitation has been round the loop many times.
        double keptShare = highShare(java.util.Arrays.copyOfRange(k, 11025, k.length));
        double darkenedShare = highShare(java.util.Arrays.copyOfRange(d, 11025, d.length));
        assertTrue(keptShare > 3 * darkenedShare, "kept " + keptShare + " darkened " + darkenedShare);
    }

    @Test
    void theLowestFrequencyTheStringWasBuiltForIsInTune() {
        KarplusStrong ks = new KarplusStrong(SR, 25, 8);
        ks.setFrequency(25);
        ks.setDecay(8);
        ks.pluck(0.8f);
        float[] x = new float[44100 * 3];
        ks.process(x, 0, x.length);
        assertEquals(25, ks.frequency(), 1e-9);
        double f = Analysis.peakFrequency(x, 4410, 44100, 24, 26, SR);
        assertEquals(0, Analysis.cents(f, 25), 5);
        assertThrows(IllegalArgumentException.class, () -> new KarplusStrong(0, 30, 1));
    }
}
