package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SvfFilterTest {

    static final double SR = 44100;

    /** Steady-state gain in dB of a filter for a sine at {@code hz}. */
    static double gainDb(SvfFilter f, double hz) {
        f.reset();
        int n = 44100;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / SR));
        }
        for (int off = 0; off < n; off += 256) {
            f.process(x, off, Math.min(256, n - off));
        }
        return Analysis.db(Analysis.amplitudeAt(x, n / 2, n / 2, hz, SR) / 0.5);
    }

    static SvfFilter filter(SvfFilter.Mode mode, double cutoff, double r) {
        SvfFilter f = new SvfFilter(SR);
        f.setMode(mode);
        f.setCutoff(cutoff);
        f.setResonance(r);
        f.reset();
        return f;
    }

    @Test
    void butterworthLowpassResponse() {
        SvfFilter f = filter(SvfFilter.Mode.LOWPASS, 1000, 0);
        assertEquals(-3.01, gainDb(f, 1000), 0.05);
        assertEquals(0.0, gainDb(f, 100), 0.05);
        assertTrue(gainDb(f, 2000) < -11.5);
        assertTrue(gainDb(f, 4000) < -23.5);
        assertTrue(gainDb(f, 8000) < -35.5);
        // Trapezoidal integration puts a zero at Nyquist: even deeper near the top.
        assertTrue(gainDb(f, 20000) < -55);
    }

    @Test
    void highpassBandpassNotch() {
        SvfFilter hp = filter(SvfFilter.Mode.HIGHPASS, 1000, 0);
        assertEquals(-3.01, gainDb(hp, 1000), 0.05);
        assertEquals(0.0, gainDb(hp, 10000), 0.1);
        assertTrue(gainDb(hp, 500) < -11.5);

        for (double r : new double[] {0, 0.5, 1}) {
            SvfFilter bp = filter(SvfFilter.Mode.BANDPASS, 2000, r);
            assertEquals(0.0, gainDb(bp, 2000), 0.05);
            assertTrue(gainDb(bp, 200) < -10);
            SvfFilter notch = filter(SvfFilter.Mode.NOTCH, 2000, r);
            assertTrue(gainDb(notch, 2000) < -40);
            assertEquals(0.0, gainDb(notch, 200), 0.5);
        }
    }

    @Test
    void resonancePeakGrowsWithR() {
        double previous = -100;
        for (double r = 0; r <= 1.0001; r += 0.25) {
            SvfFilter f = filter(SvfFilter.Mode.LOWPASS, 2000, r);
            double atCutoff = gainDb(f, 2000);
            // A 2-pole low-pass has gain Q exactly at its cutoff.
            assertEquals(Analysis.db(SvfFilter.resonanceToQ(r)), atCutoff, 0.1, "r=" + r);
            assertTrue(atCutoff > previous + 3);
            previous = atCutoff;
        }
        assertEquals(Math.sqrt(0.5), SvfFilter.resonanceToQ(0), 1e-12);
        assertEquals(20.0, SvfFilter.resonanceToQ(1), 1e-9);
    }

    @Test
    void extremeParametersAndInputsStayFinite() {
        double[] cutoffs = {Double.NaN, -5, 0, 1, 10, 22050, 1e9, Double.POSITIVE_INFINITY};
        double[] resonances = {Double.NaN, -1, 0, 1, 50, Double.NEGATIVE_INFINITY};
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, 1e30f, -1e30f, Float.MAX_VALUE, 1f};
        for (SvfFilter.Mode mode : SvfFilter.Mode.values()) {
            SvfFilter f = new SvfFilter(SR);
            f.setMode(mode);
            float[] x = new float[256];
            for (double c : cutoffs) {
                for (double r : resonances) {
                    f.setCutoff(c);
                    f.setResonance(r);
                    assertTrue(f.cutoff() >= 10 && f.cutoff() <= 0.45 * SR);
                    assertTrue(f.resonance() >= 0 && f.resonance() <= 1);
                    for (int i = 0; i < x.length; i++) {
                        x[i] = bad[i % bad.length];
                    }
                    f.process(x, 0, x.length);
                    assertTrue(Analysis.allFinite(x), mode + " c=" + c + " r=" + r);
                    for (int i = 0; i < x.length; i++) {
                        x[i] = bad[(i * 7) % bad.length];
                    }
                    float[] cut = {(float) c, Float.NaN, 1e20f, -3f};
                    float[] cuts = new float[256];
                    for (int i = 0; i < cuts.length; i++) {
                        cuts[i] = cut[i % cut.length];
                    }
                    f.processModulated(x, 0, x.length, cuts, 0);
                    assertTrue(Analysis.allFinite(x), mode + " modulated c=" + c);
                    assertTrue(Float.isFinite(f.processSample(Float.NaN)));
                }
            }
        }
    }

    @Test
    void randomFastModulationIsStable() {
        Random rnd = new Random(3);
        for (SvfFilter.Mode mode : SvfFilter.Mode.values()) {
            SvfFilter f = filter(mode, 1000, 1);
            Noise noise = new Noise(Noise.Color.WHITE, 11);
            int n = 10 * 44100;
            float[] x = new float[n];
            noise.process(x, 0, n);
            float[] cut = new float[n];
            for (int i = 0; i < n; i++) {
                // Jumps anywhere in 10 Hz .. 20 kHz every sample, with square-wave bursts too.
                cut[i] = (i / 64) % 2 == 0 ? 10 + 20000 * rnd.nextFloat() : ((i / 8) % 2 == 0 ? 20 : 19000);
            }
            for (int off = 0; off < n; off += 256) {
                f.processModulated(x, off, Math.min(256, n - off), cut, off);
            }
            assertTrue(Analysis.allFinite(x));
            // Bounded: the resonant peak is at most Q = 20 times a unit input, with margin.
            assertTrue(Analysis.peak(x, 0, n) < 60, mode + " peak " + Analysis.peak(x, 0, n));

            // Same with block-rate jumps through setCutoff (the ramped path).
            f.reset();
            noise.process(x, 0, n);
            for (int off = 0; off < n; off += 256) {
                f.setCutoff(10 + 20000 * rnd.nextDouble());
                f.setResonance(rnd.nextDouble());
                f.process(x, off, Math.min(256, n - off));
            }
            assertTrue(Analysis.allFinite(x));
            assertTrue(Analysis.peak(x, 0, n) < 60);
        }
    }

    @Test
    void modulatedPathMatchesFixedPath() {
        for (SvfFilter.Mode mode : SvfFilter.Mode.values()) {
            SvfFilter a = filter(mode, 1234, 0.6);
            SvfFilter b = filter(mode, 1234, 0.6);
            SvfFilter c = filter(mode, 1234, 0.6);
            float[] x = new float[1000];
            new Noise(Noise.Color.WHITE, 1).process(x, 0, 1000);
            float[] y = x.clone();
            float[] z = x.clone();
            float[] cut = new float[1000];
            java.util.Arrays.fill(cut, 1234f);
            a.process(x, 0, 1000);
            b.processModulated(y, 0, 1000, cut, 0);
            for (int i = 0; i < 1000; i++) {
                z[i] = c.processSample(z[i]);
            }
            assertArrayEquals(x, y, 1e-5f);
            assertArrayEquals(x, z, 1e-5f);
        }
    }

    @Test
    void afterModulationTheFixedPathGoesOnFromTheLastCutoff() {
        // Set at 200 Hz, then modulated to 8 kHz, then held at 8 kHz: the held block must not
        // glide up from 200 Hz again, so it matches a filter modulated at 8 kHz all along.
        SvfFilter held = filter(SvfFilter.Mode.LOWPASS, 200, 0.2);
        SvfFilter modulated = filter(SvfFilter.Mode.LOWPASS, 200, 0.2);
        float[] x = new float[768];
        new Noise(Noise.Color.WHITE, 5).process(x, 0, x.length);
        float[] y = x.clone();
        float[] cut = new float[768];
        java.util.Arrays.fill(cut, 0, 256, 200f);
        java.util.Arrays.fill(cut, 256, 768, 8000f);
        held.process(x, 0, 256);
        modulated.process(y, 0, 256);
        held.processModulated(x, 256, 256, cut, 256);
        modulated.processModulated(y, 256, 256, cut, 256);
        held.setCutoff(8000);
        held.process(x, 512, 256);
        modulated.processModulated(y, 512, 256, cut, 512);
        for (int i = 512; i < 768; i++) {
            assertEquals(y[i], x[i], 1e-3, "sample " + i);
        }
    }

    @Test
    void fastTanIsAccurate() {
        for (double x = 0; x <= 0.45 * Math.PI; x += 0.001) {
            assertEquals(Math.tan(x), SvfFilter.fastTan(x), 1e-8 * Math.tan(x) + 1e-15);
        }
    }

    /**
     * A filter set up before it hears anything starts at its settings: its first block is the one a filter cleared
     * with reset() after the same settings gives, not a glide from the constructor's 1 kHz (which let a 200 Hz
     * low-pass pass a 5 kHz tone across the first block of every note and graph).
     */
    @Test
    void settingsMadeBeforeTheFirstSampleApplyAtOnce() {
        for (SvfFilter.Mode mode : SvfFilter.Mode.values()) {
            SvfFilter fresh = new SvfFilter(SR);
            fresh.setMode(mode);
            fresh.setCutoff(200);
            fresh.setResonance(0.3);
            SvfFilter cleared = new SvfFilter(SR);
            cleared.setMode(mode);
            cleared.setCutoff(200);
            cleared.setResonance(0.3);
            cleared.reset();
            float[] a = new float[256];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) Math.sin(2 * Math.PI * 5000 * i / SR);
            }
            float[] b = a.clone();
            fresh.process(a, 0, a.length);
            cleared.process(b, 0, b.length);
            assertArrayEquals(b, a, mode + ": the first block");
        }
    }

    @Test
    void cutoffChangesGlideWithoutJumps() {
        // A step in cutoff on a steady sine must not produce a jump larger than the signal's slope.
        SvfFilter f = filter(SvfFilter.Mode.LOWPASS, 200, 0.3);
        int n = 4096;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * 100 * i / SR);
        }
        f.process(x, 0, 2048);
        f.setCutoff(5000);
        f.process(x, 2048, 2048);
        double maxStep = 0;
        for (int i = 2040; i < 2060; i++) {
            maxStep = Math.max(maxStep, Math.abs(x[i] - x[i - 1]));
        }
        assertTrue(maxStep < 0.03, "step " + maxStep);
    }

    @Test
    void aNewFilterIsAButterworthLowpassAtOneKilohertz() {
        SvfFilter f = new SvfFilter(SR);
        assertEquals(SvfFilter.Mode.LOWPASS, f.mode());
        assertEquals(SR, f.sampleRate());
        // Measured without setting anything: what the constructor promises must be what is heard.
        assertEquals(-3.01, gainDb(f, 1000), 0.05);
        assertEquals(0.0, gainDb(f, 100), 0.05);
        assertThrows(IllegalArgumentException.class, () -> new SvfFilter(0));
    }

    @Test
    void resonanceIsReportedAsClamped() {
        SvfFilter f = new SvfFilter(SR);
        f.setResonance(0.4);
        assertEquals(0.4, f.resonance());
        f.setResonance(3);
        assertEquals(1.0, f.resonance());
    }

    @Test
    void aRunningFilterWhoseSettingsChangeEndsUpSoundingLikeOneSetThatWay() {
        // Cutoff alone, resonance alone, and both: each change must reach the sound, not only the first.
        double[][] changes = {{3000, 0.2}, {500, 0.9}, {3000, 0.9}};
        for (SvfFilter.Mode mode : SvfFilter.Mode.values()) {
            for (double[] change : changes) {
                SvfFilter running = filter(mode, 500, 0.2);
                SvfFilter fresh = filter(mode, change[0], change[1]);
                float[] x = new float[8192];
                new Noise(Noise.Color.WHITE, 7).process(x, 0, x.length);
                float[] y = x.clone();
                for (int off = 0; off < x.length; off += 256) {
                    if (off == 1024) {
                        running.setCutoff(change[0]);
                        running.setResonance(change[1]);
                    }
                    running.process(x, off, 256);
                    fresh.process(y, off, 256);
                }
                // Long after the change the old state has died away: the two must agree.
                for (int i = 6144; i < x.length; i++) {
                    assertEquals(y[i], x[i], 1e-3, mode + " to " + change[0] + " Hz, r=" + change[1] + ", sample " + i);
                }
            }
        }
    }

    @Test
    void aTinyChangeOfSettingsMakesOnlyATinyChangeOfSound() {
        // The glide over the block after a change must move between the old and the new settings:
        // automation in small steps must not click or colour the sound in any mode.
        for (SvfFilter.Mode mode : SvfFilter.Mode.values()) {
            SvfFilter gliding = filter(mode, 1500, 0.5);
            SvfFilter steady = filter(mode, 1500, 0.5);
            float[] x = new float[512];
            new Noise(Noise.Color.WHITE, 9).process(x, 0, x.length);
            float[] y = x.clone();
            gliding.process(x, 0, 256);
            steady.process(y, 0, 256);
            gliding.setCutoff(1500.15);
            gliding.setResonance(0.5001);
            gliding.process(x, 256, 256);
            steady.process(y, 256, 256);
            for (int i = 256; i < 512; i++) {
                assertEquals(y[i], x[i], 2e-3, mode + " sample " + i);
            }
        }
    }

    @Test
    void emptyBlocksChangeNothing() {
        // Renderers split blocks at events, so a block can have no samples: it must not use up a
        // pending glide, nor leave the filter at another cutoff.
        for (SvfFilter.Mode mode : SvfFilter.Mode.values()) {
            SvfFilter withEmpty = filter(mode, 400, 0.3);
            SvfFilter without = filter(mode, 400, 0.3);
            float[] x = new float[768];
            new Noise(Noise.Color.WHITE, 4).process(x, 0, x.length);
            float[] y = x.clone();
            float[] cut = new float[768];
            java.util.Arrays.fill(cut, 400f);
            withEmpty.process(x, 0, 256);
            without.process(y, 0, 256);
            withEmpty.setCutoff(4000);
            without.setCutoff(4000);
            withEmpty.process(x, 256, 0);
            withEmpty.processModulated(x, 256, 0, cut, 256);
            withEmpty.process(x, 256, 512);
            without.process(y, 256, 512);
            assertArrayEquals(y, x, 1e-6f, mode.toString());
        }
    }

    @Test
    void absurdInputsAreClampedWithTheirSign() {
        // A low-pass passes DC: a huge positive input must come out at the positive limit, not flipped or lost.
        for (float absurd : new float[] {1e9f, -1e9f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            SvfFilter f = filter(SvfFilter.Mode.LOWPASS, 1000, 0);
            float[] x = new float[4410];
            java.util.Arrays.fill(x, absurd);
            f.process(x, 0, x.length);
            float expected = Math.copySign(SvfFilter.INPUT_LIMIT, absurd);
            assertEquals(expected, x[x.length - 1], SvfFilter.INPUT_LIMIT * 1e-3, "input " + absurd);
        }
        SvfFilter f = filter(SvfFilter.Mode.LOWPASS, 1000, 0);
        float[] x = new float[64];
        java.util.Arrays.fill(x, Float.NaN);
        f.process(x, 0, x.length);
        assertEquals(0f, Analysis.peak(x, 0, x.length), "NaN is silence");
    }

    /**
     * The fixed-coefficient loop updates its state in the rearranged form s' = C s + B v0 (for speed); it must give the
     * textbook trapezoidal SVF's samples (v3 = v0 - s2, v1 = a1 s1 + a2 v3, v2 = s2 + a2 s1 + a3 v3, s = 2v - s), which
     * this test runs itself, in every mode, at low, middle and high cutoffs and resonances, 120 dB down at most.
     */
    @Test
    void theBlockLoopGivesTheTextbookFiltersSamples() {
        java.util.Random random = new java.util.Random(15);
        float[] input = new float[22_050];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (random.nextGaussian() * 0.3) + (i % 5000 == 0 ? 1f : 0f);
        }
        for (SvfFilter.Mode mode : SvfFilter.Mode.values()) {
            for (double cutoff : new double[] {30, 2000, 15_000}) {
                for (double r : new double[] {0, 0.3, 1}) {
                    float[] fast = input.clone();
                    SvfFilter f = filter(mode, cutoff, r);
                    for (int off = 0; off < fast.length; off += 256) {
                        f.process(fast, off, Math.min(256, fast.length - off));
                    }
                    float[] textbook = textbook(input, mode, cutoff, r);
                    double signal = 0;
                    double difference = 0;
                    for (int i = 0; i < input.length; i++) {
                        signal += (double) textbook[i] * textbook[i];
                        difference += ((double) fast[i] - textbook[i]) * ((double) fast[i] - textbook[i]);
                    }
                    double db = 10 * Math.log10(difference / signal);
                    assertTrue(db < -120, mode + " at " + cutoff + " Hz, resonance " + r + ": " + db + " dB");
                }
            }
        }
    }

    private static float[] textbook(float[] input, SvfFilter.Mode mode, double cutoff, double r) {
        double g = Math.tan(Math.PI * cutoff / SR);
        double k = 1.0 / SvfFilter.resonanceToQ(r);
        double a1 = 1.0 / (1.0 + g * (g + k));
        double a2 = g * a1;
        double a3 = g * a2;
        double dry = mode == SvfFilter.Mode.HIGHPASS || mode == SvfFilter.Mode.NOTCH ? 1 : 0;
        double band = mode == SvfFilter.Mode.BANDPASS ? k : mode == SvfFilter.Mode.LOWPASS ? 0 : -k;
        double low = mode == SvfFilter.Mode.LOWPASS ? 1 : mode == SvfFilter.Mode.HIGHPASS ? -1 : 0;
        double s1 = 0;
        double s2 = 0;
        float[] out = new float[input.length];
        for (int i = 0; i < input.length; i++) {
            double v0 = input[i];
            double v3 = v0 - s2;
            double v1 = a1 * s1 + a2 * v3;
            double v2 = s2 + a2 * s1 + a3 * v3;
            s1 = 2 * v1 - s1;
            s2 = 2 * v2 - s2;
            out[i] = (float) (dry * v0 + band * v1 + low * v2);
        }
        return out;
    }
}
