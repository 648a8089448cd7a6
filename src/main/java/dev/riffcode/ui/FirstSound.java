package dev.riffcode.ui;

import dev.riffcode.engine.realtime.AudioTap;

/**
 * An audio tap that notes when the first non-silent sample is written after it was armed: Run-to-sound, as the
 * benchmark measures it. On the audio thread it only compares and stores a number.
 */
final class FirstSound implements AudioTap {

    /** Quieter than this is silence (about -80 dBFS). */
    private static final float THRESHOLD = 1e-4f;

    private volatile long armedAt = -1;
    private volatile long heardAt = -1;

    /** Starts waiting for sound; returns the time it was armed. */
    long arm() {
        heardAt = -1;
        armedAt = System.nanoTime();
        return armedAt;
    }

    /** The time ({@link System#nanoTime}) the first sound after {@link #arm} was written, or -1. */
    long heardAt() {
        return heardAt;
    }

    @Override
    public void onBlock(float[] left, float[] right, int frames) {
        if (armedAt < 0 || heardAt >= 0) {
            return;
        }
        for (int i = 0; i < frames; i++) {
            if (Math.abs(left[i]) > THRESHOLD || Math.abs(right[i]) > THRESHOLD) {
                heardAt = System.nanoTime();
                armedAt = -1;
                return;
            }
        }
    }
}
