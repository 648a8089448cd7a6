package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DcBlockerTest {

    static final double SR = 44100;

    @Test
    void removesDcAndKeepsAudio() {
        DcBlocker dc = new DcBlocker(SR);
        int n = 2 * 44100;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5f + (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / SR));
        }
        for (int off = 0; off < n; off += 128) {
            dc.process(x, off, Math.min(128, n - off));
        }
        assertEquals(0.0, Analysis.mean(x, n / 2, n / 2), 1e-4);
        assertEquals(0.3, Analysis.amplitudeAt(x, n / 2, n / 2, 440, SR), 0.3 * 0.001);
        // 10 Hz corner: about -0.26 dB at 40 Hz.
        DcBlocker low = new DcBlocker(SR);
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 40 * i / SR));
        }
        low.process(x, 0, n);
        assertEquals(-0.26, Analysis.db(Analysis.amplitudeAt(x, n / 2, n / 2, 40, SR) / 0.3), 0.03);
    }

    @Test
    void nonFiniteInputIsScrubbed() {
        DcBlocker dc = new DcBlocker(SR);
        float[] x = {1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f};
        dc.process(x, 0, x.length);
        assertTrue(Analysis.allFinite(x));
        assertTrue(Double.isFinite(dc.nextDouble(Double.NaN)));
        assertTrue(Float.isFinite(dc.next(Float.MAX_VALUE)));
        assertTrue(Float.isFinite(dc.next(-Float.MAX_VALUE)));
    }
}
