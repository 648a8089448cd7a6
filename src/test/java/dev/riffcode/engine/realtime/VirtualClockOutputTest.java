package dev.riffcode.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The virtual clock stands in for a sound card: writes must take real time. These are timing properties, so the
 * bounds are wide (±5% over seconds) and only what a sound card would guarantee is asked.
 */
class VirtualClockOutputTest {

    private static final int SR = 44_100;
    private static final int BLOCK = 256;
    private final float[] l = new float[BLOCK];
    private final float[] r = new float[BLOCK];

    /** Writes {@code blocks} blocks; returns the seconds it took. */
    private double write(VirtualClockOutput out, int blocks) {
        long t0 = System.nanoTime();
        for (int i = 0; i < blocks; i++) {
            out.write(l, r, BLOCK);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    @Test
    void writesTakeRealTime() {
        VirtualClockOutput out = new VirtualClockOutput(SR);
        int blocks = 2 * SR / BLOCK + 1;
        // Each write returns when its block is due, the first at once: n blocks span n - 1 block lengths.
        double expected = (blocks - 1) * BLOCK / (double) SR;
        double took = write(out, blocks);
        assertEquals(expected, took, expected * 0.05, "2 s of audio took " + took + " s");
        assertEquals(0, out.latencyFrames());
    }

    @Test
    void aLateWriteIsAnUnderrunAndTheClockKeepsItsRate() throws Exception {
        VirtualClockOutput out = new VirtualClockOutput(SR);
        long t0 = System.nanoTime();
        write(out, SR / BLOCK); // 1 s
        Thread.sleep(100); // the audio thread stalls for more than a block
        write(out, SR / BLOCK);
        double took = (System.nanoTime() - t0) / 1e9;
        // At least once: on a busy machine the thread may also wake late elsewhere, which counts too.
        assertTrue(out.underruns() >= 1, "the stall counts");
        double expected = (2 * (SR / BLOCK) - 1) * BLOCK / (double) SR;
        assertTrue(Math.abs(took - expected) <= expected * 0.05, "the clock caught up: 2 s took " + took + " s");
    }
}
