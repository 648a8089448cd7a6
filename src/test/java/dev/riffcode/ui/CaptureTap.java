package dev.riffcode.ui;

import dev.riffcode.engine.realtime.AudioTap;

/** Keeps every block the audio thread plays, in memory, for a test to analyse (frame 0 = the loop's first frame). */
final class CaptureTap implements AudioTap {

    final float[] left;
    final float[] right;
    private volatile int written;

    CaptureTap(int sampleRate, double seconds) {
        left = new float[(int) (sampleRate * seconds)];
        right = new float[left.length];
    }

    @Override
    public void onBlock(float[] l, float[] r, int frames) {
        int w = written;
        int n = Math.min(frames, left.length - w);
        if (n > 0) {
            System.arraycopy(l, 0, left, w, n);
            System.arraycopy(r, 0, right, w, n);
            written = w + n;
        }
    }

    int frames() {
        return written;
    }

    /** Mono of frames [from, to). */
    float[] mono(long from, long to) {
        int a = (int) Math.max(0, from);
        int b = (int) Math.min(written, to);
        float[] out = new float[Math.max(0, b - a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (left[a + i] + right[a + i]) / 2;
        }
        return out;
    }
}
