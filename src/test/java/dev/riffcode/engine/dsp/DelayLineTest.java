package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DelayLineTest {

    static float[] impulse(int n) {
        float[] x = new float[n];
        x[0] = 1f;
        return x;
    }

    @Test
    void integerAndFractionalDelays() {
        DelayLine d = new DelayLine(1000);
        float[] x = impulse(300);
        d.process(x, 0, 300, 100);
        for (int i = 0; i < 300; i++) {
            assertEquals(i == 100 ? 1f : 0f, x[i], 0f, "i=" + i);
        }
        DelayLine f = new DelayLine(1000);
        float[] y = impulse(30);
        f.process(y, 0, 30, 10.25f);
        assertEquals(0.75f, y[10], 1e-6f);
        assertEquals(0.25f, y[11], 1e-6f);
        DelayLine z = new DelayLine(10);
        float[] w = impulse(5);
        z.process(w, 0, 5, 0);
        assertEquals(1f, w[0]);
    }

    @Test
    void maximumDelayIsReachable() {
        DelayLine d = new DelayLine(1000);
        float[] x = impulse(1200);
        for (int off = 0; off < 1200; off += 64) {
            d.process(x, off, Math.min(64, 1200 - off), 1000);
        }
        assertEquals(1f, x[1000]);
        assertEquals(1000, d.maxDelay());
    }

    @Test
    void feedbackEchoes() {
        DelayLine d = new DelayLine(1000);
        float[] x = impulse(400);
        for (int off = 0; off < 400; off += 50) {
            d.processFeedback(x, off, 50, 100, 0.5f, 1f, 1f);
        }
        assertEquals(1f, x[0]);
        assertEquals(1f, x[100], 1e-6f);
        assertEquals(0.5f, x[200], 1e-6f);
        assertEquals(0.25f, x[300], 1e-6f);
        assertEquals(0f, x[150]);
    }

    @Test
    void feedbackIsClampedAndNonFiniteInputIgnored() {
        DelayLine d = new DelayLine(100);
        float[] x = new float[44100];
        x[0] = 1f;
        x[5] = Float.NaN;
        x[6] = Float.POSITIVE_INFINITY;
        for (int off = 0; off < x.length; off += 100) {
            d.processFeedback(x, off, 100, 10, 5f, 1f, 1f);
        }
        assertTrue(Analysis.allFinite(x));
        assertTrue(Analysis.peak(x, 40000, 4100) < 1e-3); // 0.99 feedback still decays
        assertThrows(IllegalArgumentException.class, () -> new DelayLine(0));
    }

    @Test
    void modulatedMatchesFixedAndTickMatchesBlock() {
        DelayLine a = new DelayLine(500);
        DelayLine b = new DelayLine(500);
        DelayLine c = new DelayLine(500);
        float[] x = new float[1000];
        new Noise(Noise.Color.WHITE, 1).process(x, 0, 1000);
        float[] y = x.clone();
        float[] z = x.clone();
        float[] delays = new float[1000];
        java.util.Arrays.fill(delays, 123.4f);
        a.process(x, 0, 1000, 123.4f);
        b.processModulated(y, 0, 1000, delays, 0);
        for (int i = 0; i < 1000; i++) {
            z[i] = c.tick(z[i], 123.4f);
        }
        assertArrayEquals(x, y, 0f);
        assertArrayEquals(x, z, 0f);
        float[] w = {1f, 2f};
        a.process(w, 0, 2, Float.NaN);
        assertEquals(1f, w[0]);
    }
}
