package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SafetyLimiterTest {

    static final double SR = 44100;
    /** What every output promises: no sample above -0.3 dBFS. Worked out here, not read from the limiter. */
    static final double PROMISED_CEILING = Math.pow(10, -0.3 / 20);

    /** Runs the limiter over whole signals in blocks of varying size; returns the outputs. */
    static void run(SafetyLimiter lim, float[] l, float[] r, Random blocks) {
        run((BlockProcess) lim::process, l, r, blocks);
    }

    /** A limiter's {@code process(left, right, off, n)}: the fast one's or the reference's. */
    interface BlockProcess {
        void process(float[] left, float[] right, int off, int n);
    }

    static void run(BlockProcess lim, float[] l, float[] r, Random blocks) {
        int off = 0;
        while (off < l.length) {
            int n = Math.min(l.length - off, 1 + blocks.nextInt(512));
            lim.process(l, r, off, n);
            off += n;
        }
    }

    /** Every sample within the promised ceiling (not the limiter's own setting, which could be wrong). */
    static void assertWithinThePromise(float[] l, float[] r, String what) {
        for (int i = 0; i < l.length; i++) {
            assertTrue(Math.abs(l[i]) <= PROMISED_CEILING && Math.abs(r[i]) <= PROMISED_CEILING,
                    what + ": sample " + i + " = " + l[i] + ", " + r[i]);
        }
    }

    @Test
    void theDefaultCeilingIsTheOnePromised() {
        SafetyLimiter lim = new SafetyLimiter(SR);
        assertEquals(PROMISED_CEILING, lim.ceiling(), 1e-6);
        // Held at the ceiling, a full-scale sine comes out at -0.3 dBFS, not lower.
        float[] l = new float[8192];
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) Math.sin(2 * Math.PI * 1000 * i / SR);
        }
        lim.process(l, l, 0, l.length);
        assertEquals(PROMISED_CEILING, Analysis.peak(l, 4096, 4096), 0.005);
    }

    @Test
    void brutalInputsNeverExceedTheCeiling() {
        int n = 3 * 44100;
        Random rnd = new Random(1);
        String[] names = {"spikes 1e6", "square+DC", "NaN bursts", "Inf", "1e30", "+40 dB square",
            "DC", "random huge", "max float"};
        for (int kind = 0; kind < names.length; kind++) {
            float[] l = new float[n];
            float[] r = new float[n];
            for (int i = 0; i < n; i++) {
                float sq = (i / 50) % 2 == 0 ? 1f : -1f;
                float v;
                switch (kind) {
                    case 0: v = rnd.nextInt(100) == 0 ? (rnd.nextBoolean() ? 1e6f : -1e6f) : 0.1f * sq; break;
                    case 1: v = sq + 1f; break;
                    case 2: v = (i / 1000) % 3 == 0 ? Float.NaN : 0.9f * sq; break;
                    case 3: v = i % 777 == 0 ? Float.POSITIVE_INFINITY : (i % 999 == 0 ? Float.NEGATIVE_INFINITY : sq); break;
                    case 4: v = i % 3000 == 0 ? 1e30f : 0.5f * sq; break;
                    case 5: v = 100f * sq; break;
                    case 6: v = 5f; break;
                    case 7: v = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12))); break;
                    default: v = i % 2 == 0 ? Float.MAX_VALUE : -Float.MAX_VALUE; break;
                }
                l[i] = v;
                r[i] = kind % 2 == 0 ? -v : 0.3f * v;
            }
            SafetyLimiter lim = new SafetyLimiter(SR);
            run(lim, l, r, new Random(kind));
            assertWithinThePromise(l, r, names[kind]);
        }
    }

    @Test
    void signalsBelowTheCeilingPassUnchanged() {
        SafetyLimiter lim = new SafetyLimiter(SR);
        int n = 2 * 44100;
        double amp = Math.pow(10, -6 / 20.0);
        float[] l = new float[n];
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            l[i] = (float) (amp * Math.sin(2 * Math.PI * 1000 * i / SR));
            r[i] = (float) (amp * Math.sin(2 * Math.PI * 300 * i / SR));
        }
        float[] inL = l.clone();
        run(lim, l, r, new Random(2));
        assertEquals(0.0, lim.lastGainReductionDb(), 0.0);
        assertEquals(-6.0, Analysis.db(Analysis.amplitudeAt(l, n / 2, n / 2, 1000, SR)), 0.1);
        assertEquals(-6.0, Analysis.db(Analysis.amplitudeAt(r, n / 2, n / 2, 300, SR)), 0.1);
        // Sample by sample it is the input delayed by the latency (the 5 Hz DC blocker shifts
        // a 1 kHz sine's phase by under 0.3 degrees).
        int lat = lim.latencySamples();
        for (int i = n / 2; i < n; i++) {
            assertEquals(inL[i - lat], l[i], 0.003);
        }
    }

    @Test
    void latencyIsReportedExactly() {
        SafetyLimiter lim = new SafetyLimiter(SR);
        assertEquals(66, lim.latencySamples()); // 1.5 ms at 44.1 kHz
        float[] l = new float[200];
        float[] r = new float[200];
        l[10] = 0.5f;
        lim.process(l, r, 0, 200);
        int at = 0;
        for (int i = 0; i < 200; i++) {
            if (Math.abs(l[i]) > Math.abs(l[at])) {
                at = i;
            }
        }
        assertEquals(10 + lim.latencySamples(), at);
        assertEquals(0.5f, l[at], 1e-3f);
    }

    @Test
    void dcIsRemoved() {
        SafetyLimiter lim = new SafetyLimiter(SR);
        int n = 4 * 44100;
        float[] l = new float[n];
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            l[i] = 0.4f + (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / SR));
            r[i] = -0.6f;
        }
        run(lim, l, r, new Random(3));
        assertEquals(0.0, Analysis.mean(l, n - 44100, 44100), 1e-3);
        assertEquals(0.0, Analysis.mean(r, n - 44100, 44100), 1e-3);
        assertEquals(0.3, Analysis.amplitudeAt(l, n - 44100, 44100, 200, SR), 0.003);
    }

    @Test
    void loudSignalsAreLimitedSmoothlyAndRecover() {
        SafetyLimiter lim = new SafetyLimiter(SR);
        int n = 44100;
        float[] l = new float[n];
        float[] r = new float[n];
        // 0.25 s of silence, 0.25 s of a +12 dB sine, then a quiet sine.
        for (int i = 0; i < n; i++) {
            double s = Math.sin(2 * Math.PI * 440 * i / SR);
            l[i] = (float) (i < n / 4 ? 0 : i < n / 2 ? 4 * s : 0.25 * s);
            r[i] = l[i];
        }
        int half = n / 2;
        lim.process(l, r, 0, half);
        double reduction = lim.lastGainReductionDb();
        assertEquals(12.04 + 0.3, reduction, 0.2);
        lim.process(l, r, half, n - half);
        assertWithinThePromise(l, r, "sine burst");
        // The look-ahead means the gain is already down: the hard clamp is (almost) never needed,
        // so the limited sine is not flat-topped.
        int atCeiling = 0;
        for (int i = n / 4; i < n / 2; i++) {
            if (Math.abs(l[i]) >= lim.ceiling() * 0.99999f) {
                atCeiling++;
            }
        }
        assertTrue(atCeiling < 50, "samples at the ceiling: " + atCeiling);
        // Limited level stays close to the ceiling (no pumping far below it).
        double peakLimited = Analysis.peak(l, n / 4 + 4410, 4410);
        assertEquals(PROMISED_CEILING, peakLimited, 0.02);
        // After the release (80 ms time constant) the quiet part is back at its own level.
        assertEquals(0.25, Analysis.amplitudeAt(l, n - 8192, 8192, 440, SR), 0.0025);
    }

    @Test
    void recoversAfterNaNAndWorksInMono() {
        SafetyLimiter lim = new SafetyLimiter(SR, -1.0, 2.0, 50);
        float[] x = new float[44100];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 1000 ? Float.NaN : (float) (0.5 * Math.sin(2 * Math.PI * 500 * i / SR));
        }
        lim.process(x, x, 0, x.length);
        assertTrue(Analysis.allFinite(x));
        assertEquals(0.5, Analysis.amplitudeAt(x, 22050, 22050, 500, SR), 0.005);
        assertEquals((float) Math.pow(10, -1 / 20.0), lim.ceiling(), 1e-6f);
        assertEquals(88, lim.latencySamples());
    }

    /**
     * The block fast path (limiter at rest, chunk below the ceiling) must give exactly the samples of the
     * straightforward per-sample limiter it replaced: quiet passages, bursts far over the ceiling, the slow
     * release back to rest, NaN, mono, and blocks of every size.
     */
    @Test
    void givesExactlyTheReferenceLimitersSamples() {
        int n = 6 * 44100;
        Random rnd = new Random(7);
        float[] l = new float[n];
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / SR;
            // quiet, then a loud second, quiet again (the release settles), a NaN click, a short spike
            double level = t < 1 ? 0.3 : t < 2 ? 3.0 : 0.2;
            l[i] = (float) (level * Math.sin(2 * Math.PI * 220 * t) + 0.01 * rnd.nextGaussian());
            r[i] = (float) (level * Math.sin(2 * Math.PI * 330 * t));
        }
        l[4 * 44100] = Float.NaN;
        r[5 * 44100] = 40f;
        for (boolean mono : new boolean[] {false, true}) {
            float[] fastL = l.clone();
            float[] fastR = mono ? fastL : r.clone();
            float[] refL = l.clone();
            float[] refR = mono ? refL : r.clone();
            run(new SafetyLimiter(SR), fastL, fastR, new Random(3));
            run((BlockProcess) new ReferenceSafetyLimiter(SR)::process, refL, refR, new Random(4));
            for (int i = 0; i < n; i++) {
                assertEquals(refL[i], fastL[i], 0f, (mono ? "mono" : "left") + " sample " + i);
                assertEquals(refR[i], fastR[i], 0f, (mono ? "mono" : "right") + " sample " + i);
            }
        }
    }
}
