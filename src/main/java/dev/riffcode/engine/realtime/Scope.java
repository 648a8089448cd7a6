package dev.riffcode.engine.realtime;

/**
 * The last few thousand frames that were played, for an oscilloscope or a spectrum in an editor. The audio thread
 * writes without locks; a reader copies the latest frames at any time. A read that overlaps a write may mix two
 * blocks (a torn read), which a display shows for one frame and nobody hears.
 */
public final class Scope implements AudioTap {

    private final float[] left;
    private final float[] right;
    private final int mask;
    private volatile long written;

    /** @param frames how many of the latest frames can be read, rounded up to a power of two */
    public Scope(int frames) {
        int size = Integer.highestOneBit(Math.max(2, frames - 1)) << 1;
        left = new float[size];
        right = new float[size];
        mask = size - 1;
    }

    public int capacity() {
        return left.length;
    }

    /** Frames seen so far. */
    public long position() {
        return written;
    }

    @Override
    public void onBlock(float[] l, float[] r, int frames) {
        long w = written;
        for (int i = 0; i < frames; i++) {
            int at = (int) ((w + i) & mask);
            left[at] = l[i];
            right[at] = r[i];
        }
        written = w + frames;
    }

    /**
     * Copies the latest {@code intoLeft.length} frames (at most {@link #capacity()}), oldest first; frames from
     * before the start are 0. Returns the position of the frame after the last one copied.
     */
    public long copyLatest(float[] intoLeft, float[] intoRight) {
        int n = Math.min(Math.min(intoLeft.length, intoRight.length), capacity());
        long end = written;
        long start = end - n;
        for (int i = 0; i < n; i++) {
            long f = start + i;
            int at = (int) (f & mask);
            intoLeft[i] = f < 0 ? 0f : left[at];
            intoRight[i] = f < 0 ? 0f : right[at];
        }
        return end;
    }
}
