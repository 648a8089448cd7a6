package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GateEnvelopeTest {

    static final double SR = 44100;

    static float[] render(GateEnvelope env, int n) {
        float[] x = new float[n];
        for (int off = 0; off < n; off += 64) {
            env.process(x, off, Math.min(64, n - off));
        }
        return x;
    }

    static int firstIndexAtOrBelow(float[] x, int from, double level) {
        for (int i = from; i < x.length; i++) {
            if (x[i] <= level) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void stagesHaveTheRightShapeAndTiming() {
        GateEnvelope env = new GateEnvelope(SR);
        // delay 1 ms, attack 10 ms, hold 5 ms, decay 1 s (90 dB), sustain -60 dB.
        env.setParams(0.001, 0.010, 0.005, 1.0, 0.001, 0.5);
        assertTrue(env.isFinished());
        env.gateOn();
        float[] x = render(env, 44100);
        int delay = 44;
        int attack = 441;
        int hold = 221;
        for (int i = 0; i < delay; i++) {
            assertEquals(0f, x[i]);
        }
        // Linear attack: reaches 1 after 441 samples.
        assertEquals(1.0 / attack, x[delay], 1e-6);
        assertEquals(0.5, x[delay + attack / 2], 0.01);
        assertEquals(1.0, x[delay + attack - 1], 1e-4);
        for (int i = delay + attack; i < delay + attack + hold; i++) {
            assertEquals(1f, x[i]);
        }
        // Exponential decay: -60 dB is 2/3 of the way to -90 dB, i.e. after 0.667 s.
        int decayStart = delay + attack + hold;
        int reached = firstIndexAtOrBelow(x, decayStart, 0.001 * 1.0001);
        assertEquals(decayStart + 2.0 / 3 * SR, reached, 2);
        // Halfway in dB after 1/3 s.
        assertEquals(-30.0, Analysis.db(x[decayStart + (int) (SR / 3) - 1]), 0.01);
        // Then holds the sustain level while the gate stays on.
        float[] more = render(env, 10000);
        for (float v : more) {
            assertEquals(0.001f, v, 1e-7f);
        }
        // Release: 90 dB per 0.5 s, ending at 0 below -96 dB.
        env.gateOff();
        float[] rel = render(env, 44100);
        assertEquals(Analysis.db(0.001) - 30, Analysis.db(rel[(int) (SR / 6) - 1]), 0.01);
        assertTrue(env.isFinished());
        int end = firstIndexAtOrBelow(rel, 0, 0);
        // From -60 dB to -96 dB at 180 dB/s takes 0.2 s.
        assertEquals(0.2 * SR, end, 3);
    }

    @Test
    void gatingIsSampleAccurateBySplittingBlocks() {
        GateEnvelope env = new GateEnvelope(SR);
        env.setParams(0, 0.001, 0, 0.1, 0.5, 0.1);
        float[] block = new float[256];
        env.process(block, 0, 100);
        env.gateOn();
        env.process(block, 100, 156);
        assertEquals(0f, block[99]);
        assertTrue(block[100] > 0f);
        assertEquals(1.0 / 44.1, block[100], 1e-3);
    }

    @Test
    void retriggerContinuesFromTheCurrentLevel() {
        GateEnvelope env = new GateEnvelope(SR);
        env.setParams(0, 0.1, 0, 0.2, 0.8, 0.3);
        env.gateOn();
        render(env, 20000);
        env.gateOff();
        float[] rel = render(env, 1500);
        float level = rel[1499];
        assertTrue(level > 0.1 && level < 0.8);
        env.gateOn();
        float[] again = render(env, 5000);
        double inc = 1.0 / (0.1 * SR);
        // No jump: the attack resumes from where the release was.
        assertEquals(level + inc, again[0], 1e-5);
        for (int i = 1; i < 100; i++) {
            assertEquals(inc, again[i] - again[i - 1], 1e-6);
        }
        // Reaches 1 after (1 - level) * attack.
        int peak = AdsrTest.indexOfMax(again);
        assertEquals((1 - level) * 0.1 * SR, peak, 2);
    }

    @Test
    void gateOffDuringAttackReleasesFromThere() {
        GateEnvelope env = new GateEnvelope(SR);
        env.setParams(0, 0.1, 0, 0.2, 0.8, 0.1);
        env.gateOn();
        float[] x = render(env, 2205);
        env.gateOff();
        float[] y = render(env, 10);
        // One release step below the last attack sample: no jump.
        assertEquals(x[2204], y[0], 0.002f);
        assertTrue(y[1] < y[0]);
    }

    @Test
    void zeroTimesJumpAndZeroSustainEndsTheNote() {
        GateEnvelope env = new GateEnvelope(SR);
        env.setParams(0, 0, 0, 0, 0.6, 0);
        env.gateOn();
        float[] x = render(env, 10);
        assertEquals(0.6f, x[0], 1e-6f);
        env.gateOff();
        assertTrue(env.isFinished());
        assertEquals(0f, render(env, 1)[0]);

        // Sustain 0: the decay runs out and the envelope goes idle with the gate still on.
        env.setParams(0, 0, 0, 0.1, 0, 0.1);
        env.gateOn();
        render(env, 44100);
        assertTrue(env.isFinished());
    }

    @Test
    void allPathsAgree() {
        GateEnvelope a = new GateEnvelope(SR);
        GateEnvelope b = new GateEnvelope(SR);
        GateEnvelope c = new GateEnvelope(SR);
        int n = 30000;
        float[] x = new float[n];
        float[] y = new float[n];
        float[] z = new float[n];
        Arrays.fill(y, 3f);
        for (GateEnvelope e : new GateEnvelope[] {a, b, c}) {
            e.setParams(0.01, 0.05, 0.02, 0.3, 0.4, 0.2);
            e.gateOn();
        }
        for (int i = 0; i < n; i++) {
            if (i == 15000) {
                a.gateOff();
                b.gateOff();
                c.gateOff();
            }
            a.process(x, i, 1);
            b.processMultiply(y, i, 1);
            z[i] = c.next();
        }
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], z[i], 0f);
            assertEquals(3 * x[i], y[i], 1e-6f);
        }
        assertFalse(Float.isNaN(x[n - 1]));
    }

    @Test
    void aNewEnvelopeHasTheDefaultsItPromises() {
        // Attack 0.1 s to 1, decay towards the sustain of 0.5, release 0.3 s to -90 dB.
        GateEnvelope env = new GateEnvelope(SR);
        env.gateOn();
        float[] x = render(env, 44100);
        assertEquals(0.5, x[2205], 0.02, "half way up the 0.1 s attack");
        assertEquals(1.0, x[4410], 0.01, "the top of the attack");
        assertEquals(0.5, x[44099], 0.01, "the sustain level");
        env.gateOff();
        float[] r = render(env, 44100);
        int end = firstIndexAtOrBelow(r, 0, 0.5 * Math.pow(10, -90 / 20.0));
        assertEquals(0.3 * SR, end, 0.01 * SR, "the release falls 90 dB in 0.3 s");
    }

    @Test
    void aSoundingEnvelopeIsNotFinishedAndResetSilencesIt() {
        GateEnvelope env = new GateEnvelope(SR);
        assertTrue(env.isFinished(), "never gated");
        env.gateOn();
        render(env, 1000);
        assertFalse(env.isFinished(), "a voice whose envelope says finished while it sounds is cut off");
        assertTrue(env.level() > 0.2, "level " + env.level());
        env.reset();
        assertTrue(env.isFinished());
        assertEquals(0f, env.level());
        assertEquals(0f, render(env, 64)[63]);
    }

    @Test
    void aZeroSustainAfterAnInstantDecayEndsTheNote() {
        GateEnvelope env = new GateEnvelope(SR);
        env.setParams(0, 0, 0, 0, 0, 0.3);
        env.gateOn();
        assertTrue(env.isFinished(), "nothing to hold: the note is over at once");
        assertEquals(0f, env.level());
    }
}
