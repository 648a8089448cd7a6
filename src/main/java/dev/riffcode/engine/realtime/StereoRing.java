package dev.riffcode.engine.realtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Stereo frames from exactly one producer thread to one consumer thread, stored interleaved in one preallocated
 * array: no locks, no allocation. The audio thread writes; a worker thread reads.
 */
final class StereoRing {

    private final float[] samples;
    private final int mask;
    private final AtomicLong head = new AtomicLong(); // next frame to read; written by the consumer
    private final AtomicLong tail = new AtomicLong(); // next frame to write; written by the producer

    /** @param frames rounded up to a power of two */
    StereoRing(int frames) {
        int size = Integer.highestOneBit(Math.max(2, frames - 1)) << 1;
        samples = new float[size * 2];
        mask = size - 1;
    }

    int capacity() {
        return mask + 1;
    }

    /** Producer side: adds all {@code frames} frames, or none (returns false) when they do not fit. */
    boolean offer(float[] left, float[] right, int frames) {
        long t = tail.get();
        if (t + frames - head.get() > capacity()) {
            return false;
        }
        for (int i = 0; i < frames; i++) {
            int at = (int) ((t + i) & mask) << 1;
            samples[at] = left[i];
            samples[at + 1] = right[i];
        }
        tail.lazySet(t + frames); // publishes the samples written above
        return true;
    }

    /** Consumer side: moves up to {@code interleaved.length / 2} frames into {@code interleaved}; returns how many. */
    int poll(float[] interleaved) {
        long h = head.get();
        int frames = (int) Math.min(tail.get() - h, interleaved.length / 2);
        for (int i = 0; i < frames; i++) {
            int at = (int) ((h + i) & mask) << 1;
            interleaved[2 * i] = samples[at];
            interleaved[2 * i + 1] = samples[at + 1];
        }
        head.lazySet(h + frames);
        return frames;
    }
}
