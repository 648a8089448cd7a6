package dev.riffcode.ui.scope;

import dev.riffcode.engine.dsp.SafetyLimiter;

/**
 * Audio rendered offline (when there is no sound device), fed to the scopes at the pace it would play, from the
 * moment it was handed over: frame {@code (now - start) * sampleRate}. Past its end it is silence. The meter is
 * measured here the way the audio loop measures the live sound.
 */
final class RenderedFeed implements Feed {

    /** The audio loop's clip test: a sample within 0.1% of the master ceiling (renders go through the same one). */
    static final float CLIP_LEVEL = (float) Math.pow(10, SafetyLimiter.DEFAULT_CEILING_DB / 20) * 0.999f;
    /** The audio loop's meter fall-back. */
    private static final double FALL_DB_PER_SECOND = 20;

    private final float[] left;
    private final float[] right;
    private final int sampleRate;
    private final long startNanos;
    private long measuredTo;
    private long lastNanos;
    private float peakLeft;
    private float peakRight;
    private boolean clipped;

    /** @param audio one channel (mono) or two (left, right), at {@code sampleRate} */
    RenderedFeed(float[][] audio, int sampleRate, long startNanos) {
        if (audio.length < 1 || audio.length > 2 || audio.length == 2 && audio[0].length != audio[1].length) {
            throw new IllegalArgumentException("rendered audio must be one channel or two of the same length");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.left = audio[0];
        this.right = audio[audio.length - 1];
        this.sampleRate = sampleRate;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int capacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public long copyLatest(float[] intoLeft, float[] intoRight, long nanoTime) {
        long end = Math.max(0, (long) ((nanoTime - startNanos) * 1e-9 * sampleRate));
        int n = Math.min(intoLeft.length, intoRight.length);
        for (int i = 0; i < n; i++) {
            long f = end - n + i;
            boolean inside = f >= 0 && f < left.length;
            intoLeft[i] = inside ? left[(int) f] : 0f;
            intoRight[i] = inside ? right[(int) f] : 0f;
        }
        measure(end, nanoTime);
        return end;
    }

    /** Peaks and clipping of the frames played since the last copy. */
    private void measure(long end, long nanoTime) {
        float pl = 0;
        float pr = 0;
        for (long f = measuredTo; f < Math.min(end, left.length); f++) {
            pl = Math.max(pl, Math.abs(left[(int) f]));
            pr = Math.max(pr, Math.abs(right[(int) f]));
        }
        clipped = Math.max(pl, pr) >= CLIP_LEVEL;
        float fall = (float) Math.pow(10, -FALL_DB_PER_SECOND * (nanoTime - lastNanos) * 1e-9 / 20);
        peakLeft = Math.max(pl, peakLeft * fall);
        peakRight = Math.max(pr, peakRight * fall);
        measuredTo = Math.max(measuredTo, end);
        lastNanos = nanoTime;
    }

    @Override
    public float peakLeft() {
        return peakLeft;
    }

    @Override
    public float peakRight() {
        return peakRight;
    }

    @Override
    public boolean clipped() {
        return clipped;
    }
}
