package dev.riffcode.engine.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.score.SampleHit;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The sample voice on its own: both ways of playing a loop agree, seams do not click, passes stay on their frames. */
class SampleVoiceTest {

    static final int SR = 44_100;
    static final int BLOCK = 256;

    /** 0.3 s, stereo: 440 Hz left, 550 Hz right, at 0.5. */
    static final AudioClip CLIP = clip();

    private static AudioClip clip() {
        float[] l = new float[(int) (0.3 * SR)];
        float[] r = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / SR));
            r[i] = (float) (0.5 * Math.sin(2 * Math.PI * 550 * i / SR));
        }
        return new AudioClip(SR, new float[][] {l, r});
    }

    private static SampleHit hit(double rate, double start, double finish, double loopBeats, double bpm) {
        return new SampleHit(0, "x", rate, start, finish, loopBeats, 0, 60 / bpm, 0.8, 0.3, 0, 1);
    }

    /** Renders a voice that starts {@code offset} frames into the first block, for {@code frames} frames. */
    private static float[][] render(SampleVoice v, int offset, int frames) {
        float[][] out = new float[2][frames];
        float[] l = new float[BLOCK];
        float[] r = new float[BLOCK];
        float[] scratch = new float[BLOCK];
        v.startOffset = offset;
        for (int at = 0; at < frames; at += BLOCK) {
            java.util.Arrays.fill(l, 0f);
            java.util.Arrays.fill(r, 0f);
            v.render(scratch, l, r, BLOCK);
            int n = Math.min(BLOCK, frames - at);
            System.arraycopy(l, 0, out[0], at, n);
            System.arraycopy(r, 0, out[1], at, n);
        }
        return out;
    }

    @Test
    void aComputedPassSoundsLikeReadingTheSampleEveryPass() {
        SampleHit[] hits = {hit(1, 0, 1, 8, 240), hit(0.5, 0, 1, 6, 97), hit(1.37, 0.1, 0.9, 16, 400),
            hit(-1, 0, 1, 8, 200), hit(-0.8, 0.25, 0.75, 12, 333), hit(2, 0.5, 1, 10, 600)};
        for (SampleHit h : hits) {
            float[][] computed = render(new SampleVoice(h, CLIP, SR, true), 37, 2 * SR);
            float[][] read = render(new SampleVoice(h, CLIP, SR, false), 37, 2 * SR);
            double energy = 0;
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < computed[c].length; i++) {
                    assertEquals(read[c][i], computed[c][i], 1e-6, h + " channel " + c + " frame " + i);
                    energy += computed[c][i] * computed[c][i];
                }
            }
            assertTrue(energy > 100, "it sounds: " + h);
        }
    }

    @Test
    void seamsAndEndsDoNotClick() {
        // A part that starts and ends mid-wave, looped and cut off mid-pass: no step bigger than the waves' own.
        SampleHit h = hit(1.1, 0.137, 0.811, 7.3, 173);
        for (boolean computed : new boolean[] {true, false}) {
            float[][] x = render(new SampleVoice(h, CLIP, SR, computed), 0, 3 * SR);
            double ownStep = 0.5 * 2 * Math.PI * 550 * 1.1 / SR * 0.8 * 1.01;
            for (int c = 0; c < 2; c++) {
                for (int i = 1; i < x[c].length; i++) {
                    double step = Math.abs(x[c][i] - x[c][i - 1]);
                    assertTrue(step <= ownStep, "a step of " + step + " at frame " + i + " (computed " + computed
                            + "), the waves' own at most " + ownStep);
                }
            }
        }
    }

    @Test
    void pass200StartsOnItsFrame() {
        // At 97 bpm a beat is 27278.35 frames: pass 200 starts on frame round(200 * that), not 200 rounded ones.
        SampleHit h = new SampleHit(0, "x", 1, 0, 0.1, 201, 0, 60 / 97.0, 1, 0, 0, 1);
        float[][] x = render(new SampleVoice(h, CLIP, SR, true), 0, (int) (201 * 60 / 97.0 * SR) + BLOCK);
        long expected = Math.round(200 * 60 / 97.0 * SR);
        assertEquals(0f, x[0][(int) expected - 1], "silent just before");
        assertTrue(x[1][(int) expected + 2] != 0f, "sounding on its frame");
    }

    @Test
    void renderingAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        SampleVoice[] voices = new SampleVoice[4];
        float[] l = new float[BLOCK];
        float[] r = new float[BLOCK];
        long allocated = 0;
        for (int round = 0; round < 3; round++) {
            voices[0] = new SampleVoice(hit(1, 0, 1, 400, 120), CLIP, SR, true);
            voices[1] = new SampleVoice(hit(0.7, 0, 1, 400, 120), CLIP, SR, false);
            voices[2] = new SampleVoice(hit(-1.3, 0.2, 1, 0, 120), CLIP, SR, true);
            voices[3] = new SampleVoice(hit(1, 0, 1, 0, 120), CLIP, SR, true);
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int b = 0; b < 600; b++) {
                for (SampleVoice v : voices) {
                    v.render(l, l, r, BLOCK);
                }
            }
            allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        }
        assertEquals(0, allocated, "bytes allocated while rendering");
    }
}
