package dev.riffcode.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The recorder's ring: frames come out in order across the wrap, and a block that does not fit is refused whole. */
class StereoRingTest {

    private static float[] ramp(int from, int n, float sign) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = sign * (from + i);
        }
        return x;
    }

    @Test
    void framesComeOutInOrderAcrossTheWrap() {
        StereoRing ring = new StereoRing(1000); // 1024 frames
        float[] out = new float[2 * 300];
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 50; round++) {
            while (ring.offer(ramp(next, 256, 1), ramp(next, 256, -1), 256)) {
                next += 256;
            }
            int n = ring.poll(out);
            assertTrue(n > 0);
            for (int i = 0; i < n; i++) {
                assertEquals(expected + i, out[2 * i], 0f);
                assertEquals(-(expected + i), out[2 * i + 1], 0f);
            }
            expected += n;
        }
    }

    @Test
    void aBlockThatDoesNotFitIsRefusedWhole() {
        StereoRing ring = new StereoRing(512);
        assertTrue(ring.offer(new float[400], new float[400], 400));
        assertFalse(ring.offer(ramp(0, 200, 1), ramp(0, 200, 1), 200), "112 frames free, 200 offered");
        assertEquals(400, ring.poll(new float[2 * 1000]), "only the first block is there");
        assertTrue(ring.offer(ramp(0, 200, 1), ramp(0, 200, 1), 200));
    }
}
