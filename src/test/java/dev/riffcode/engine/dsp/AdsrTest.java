package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AdsrTest {

    static final double SR = 44100;

    static float[] render(Adsr env, int n, int block) {
        float[] x = new float[n];
        for (int off = 0; off < n; off += block) {
            env.process(x, off, Math.min(block, n - off));
        }
        return x;
    }

    @Test
    void segmentLengthsAndLevelsAreExact() {
        Adsr env = new Adsr(SR);
        env.setParams(0.005, 0.010, 0.020, 0.030, 0.5);
        int a = 221; // 220.5 rounds up
        int d = 441;
        int s = 882;
        int r = 1323;
        assertEquals(a + d + s + r, env.totalSamples());
        env.trigger();
        assertFalse(env.isFinished());
        float[] x = render(env, 4000, 64);
        for (int i = 0; i < 4000; i++) {
            double expected;
            if (i < a) {
                expected = (double) i / a;
            } else if (i < a + d) {
                expected = 1.0 - 0.5 * (i - a) / d;
            } else if (i < a + d + s) {
                expected = 0.5;
            } else if (i < a + d + s + r) {
                expected = 0.5 - 0.5 * (i - a - d - s) / r;
            } else {
                expected = 0.0;
            }
            assertEquals(expected, x[i], 1e-5, "sample " + i);
        }
        // Landmarks: the peak is the first decay sample, the last non-zero sample ends the release.
        assertEquals(a, indexOfMax(x));
        assertTrue(x[a + d + s + r - 1] > 0f);
        assertEquals(0f, x[a + d + s + r]);
        assertTrue(env.isFinished());
    }

    static int indexOfMax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void sonicPiLevelsAreHonoured() {
        Adsr env = new Adsr(SR);
        env.setParams(0.001, 0.001, 0.001, 0.001, 0.8, 0.4, 0.2);
        env.trigger();
        float[] x = render(env, 200, 17);
        assertEquals(0.8f, x[44], 1e-6f); // attack_level at the start of the decay
        assertEquals(0.4f, x[88], 1e-6f); // decay_level at the start of the sustain
        assertEquals(0.2f, x[132], 1e-6f); // sustain_level at the start of the release
        assertEquals(0.3f, x[110], 1e-6f); // sustain moves linearly from 0.4 to 0.2
        assertEquals(0f, x[176]);
    }

    @Test
    void zeroLengthSegmentsAreSkipped() {
        Adsr env = new Adsr(SR);
        env.setParams(0, 0, 0.001, 0.001, 0.7);
        env.trigger();
        float[] x = render(env, 100, 32);
        assertEquals(0.7f, x[0], 0f); // no attack: starts at the sustain level at once
        assertEquals(0.7f, x[43], 0f);
        assertEquals(0.7f, x[44], 1e-6f); // release starts at the sustain level
        assertEquals(0f, x[88]);

        env.setParams(0, 0, 0, 0, 1);
        env.trigger();
        assertTrue(env.isFinished());
        assertEquals(0f, env.next());
    }

    @Test
    void allPathsAgree() {
        Adsr a = new Adsr(SR);
        Adsr b = new Adsr(SR);
        Adsr c = new Adsr(SR);
        for (Adsr e : new Adsr[] {a, b, c}) {
            e.setParams(0.01, 0.02, 0.03, 0.04, 0.3);
            e.trigger();
        }
        int n = (int) a.totalSamples() + 100;
        float[] x = render(a, n, 100);
        float[] y = new float[n];
        Arrays.fill(y, 2f);
        for (int off = 0; off < n; off += 77) {
            b.processMultiply(y, off, Math.min(77, n - off));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(2 * x[i], y[i], 1e-6f);
            assertEquals(x[i], c.next(), 1e-6f);
        }
    }

    @Test
    void releaseNowStartsFromTheCurrentLevel() {
        Adsr env = new Adsr(SR);
        env.setParams(0.01, 0, 10, 0.01, 1);
        env.trigger();
        float[] x = render(env, 1000, 64);
        env.release();
        float first = env.currentLevel();
        assertEquals(1f, first, 1e-6f);
        float[] y = render(env, 500, 64);
        assertEquals(x[999], y[0], 1e-6f);
        assertEquals(0.5f, y[220], 0.01f);
        assertEquals(0f, y[441]);
        assertTrue(env.isFinished());
        // Retrigger restarts cleanly.
        env.trigger();
        assertEquals(0f, env.next());
        assertFalse(env.isFinished());
    }

    @Test
    void parametersChangedMidNoteWaitForTheNextTrigger() {
        Adsr env = new Adsr(SR);
        env.setParams(0.01, 0.01, 0.01, 0.01, 0.5);
        env.trigger();
        render(env, 1000, 64);
        env.setParams(0, 0, 0, 0.001, 1); // much shorter than where the note is now
        assertEquals(44, env.totalSamples());
        float[] y = render(env, 2000, 64);
        assertEquals(0.5f, y[0], 1e-6f); // still in the old sustain
        assertTrue(y[4 * 441 - 1000 - 1] > 0f);
        assertEquals(0f, y[4 * 441 - 1000]); // and ends when the old envelope ends
        assertTrue(env.isFinished());
        env.trigger();
        assertEquals(1f, env.next(), 0f);
    }

    @Test
    void badParametersAreSafe() {
        Adsr env = new Adsr(SR);
        env.setParams(Double.NaN, -1, Double.POSITIVE_INFINITY, 0.01, Double.NaN);
        env.trigger();
        float[] x = render(env, 1000, 64);
        assertTrue(Analysis.allFinite(x));
        assertTrue(env.totalSamples() > 0);
    }

    @Test
    void releasingTwiceDoesNotRestartTheRelease() {
        Adsr once = new Adsr(SR);
        Adsr twice = new Adsr(SR);
        for (Adsr env : new Adsr[] {once, twice}) {
            env.setParams(0.001, 0.001, 1, 0.1, 0.8);
            env.trigger();
            render(env, 441, 64);
            env.release();
            render(env, 2205, 64);
        }
        twice.release(); // half way through the release: must change nothing
        assertArrayEquals(render(once, 4410, 64), render(twice, 4410, 64));
        assertTrue(twice.isFinished(), "the release ends when it was due to");
    }
}
