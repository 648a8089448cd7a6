package dev.riffcode.audio;

import org.jtransforms.utils.CommonUtils;

/**
 * JTransforms splits one long transform between threads from 8192 points on. At the sizes Riffcode uses, many
 * transforms one after another, that costs more than it gains: an 8192-point pair took 346 µs split against 132 µs
 * on one thread, and the pitch analysis of a minute 170–280 ms split against 72–95 ms (measured here). The analyses
 * already spread their work over the cores themselves.
 */
public final class SingleThreadedFft {

    private SingleThreadedFft() {
    }

    /** Keeps transforms of up to {@code points} on the calling thread (a setting of JTransforms for the JVM). */
    public static void upTo(int points) {
        if (CommonUtils.getThreadsBeginN_1D_FFT_2Threads() <= points) {
            CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Integer.highestOneBit(points) * 2L);
        }
    }
}
