package dev.riffcode.clip;

import org.jtransforms.fft.FloatFFT_1D;

/** Exact band-limited resampling of a whole signal by zero-extending or cutting its spectrum (one FFT each way). */
public final class Resample {

    private Resample() {
    }

    /** {@code samples} at {@code from} Hz, resampled to {@code to} Hz; the length scales with the rates. */
    public static float[] resample(float[] samples, int from, int to) {
        if (from == to || samples.length == 0) {
            return samples.clone();
        }
        int g = gcd(from, to);
        int a = from / g;
        int b = to / g;
        // Pad with silence (a quarter, at least 1024 samples) so the circular transform does not wrap the end
        // onto the start, and to a whole number of rate blocks.
        long padded = samples.length + Math.max(1024, samples.length / 4);
        long blocks = (padded + a - 1) / a;
        if (blocks * Math.max(a, b) > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("audio too long to resample in memory");
        }
        int inN = (int) (blocks * a);
        int outN = (int) (blocks * b);
        float[] in = new float[inN];
        System.arraycopy(samples, 0, in, 0, samples.length);
        new FloatFFT_1D(inN).realForward(in);
        float[] out = new float[outN];
        int keep = Math.min(inN, outN) / 2; // bins 0..keep-1; the Nyquist bin of the smaller side is dropped
        out[0] = in[0];
        System.arraycopy(in, 2, out, 2, 2 * keep - 2);
        new FloatFFT_1D(outN).realInverse(out, true);
        float scale = (float) outN / inN;
        int length = (int) ((long) samples.length * to / from);
        float[] result = new float[length];
        for (int i = 0; i < length; i++) {
            result[i] = out[i] * scale;
        }
        return result;
    }

    private static int gcd(int x, int y) {
        return y == 0 ? x : gcd(y, x % y);
    }
}
