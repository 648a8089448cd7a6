package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OnePoleTest {

    static final double SR = 44100;

    @Test
    void lowpassStepReachesSixtyThreePercentAfterOneTimeConstant() {
        OnePole lp = new OnePole(SR, OnePole.Mode.LOWPASS, 100);
        float[] x = new float[4410];
        java.util.Arrays.fill(x, 1f);
        lp.process(x, 0, x.length);
        double tau = SR / (2 * Math.PI * 100); // 70.2 samples
        int at = 0;
        while (x[at] < 1 - 1 / Math.E) {
            at++;
        }
        assertEquals(tau, at, 1.0);
        assertEquals(1.0, x[x.length - 1], 1e-6);
    }

    @Test
    void smootherHasTheRequestedTimeConstant() {
        OnePole s = OnePole.smoother(SR, 0.01);
        int at = 0;
        while (s.next(1f) < 1 - 1 / Math.E) {
            at++;
        }
        assertEquals(441, at, 1.0);
        s.reset(0.25f);
        assertEquals(0.25f, s.next(0.25f), 1e-7f);
    }

    @Test
    void highpassRemovesDcAndPassesHighs() {
        OnePole hp = new OnePole(SR, OnePole.Mode.HIGHPASS, 20);
        int n = 44100;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5f + (float) (0.25 * Math.sin(2 * Math.PI * 2000 * i / SR));
        }
        hp.process(x, 0, n);
        assertEquals(0.0, Analysis.mean(x, n / 2, n / 2), 1e-4);
        assertEquals(0.25, Analysis.amplitudeAt(x, n / 2, n / 2, 2000, SR), 0.001);
    }

    @Test
    void badInputsAreSafe() {
        OnePole lp = new OnePole(SR, OnePole.Mode.LOWPASS, Double.NaN);
        lp.setCutoff(-5);
        assertTrue(lp.cutoff() > 0);
        lp.setCutoff(1e12);
        assertTrue(lp.cutoff() < SR / 2);
        float[] x = {Float.NaN, 1f, Float.NaN};
        lp.process(x, 0, 3);
        assertTrue(Analysis.allFinite(x));
        assertTrue(Float.isFinite(lp.next(Float.NaN)));
    }
}
