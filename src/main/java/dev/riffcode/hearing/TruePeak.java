package dev.riffcode.hearing;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Resampler;

/**
 * True peak after ITU-R BS.1770-4 Annex 2: the largest magnitude of the signal upsampled four
 * times, which catches the peaks between samples that a digital-to-analogue converter (or a lossy
 * encoder) will produce and the sample peak misses by up to several dB.
 *
 * <p>The interpolation is a Kaiser-windowed sinc of 16 taps per phase (8 input samples on each
 * side): flat to within 0.01 dB up to 0.42 of the sample rate, which keeps the reading within the
 * +0.2/-0.4 dB the EBU allows on its true-peak test tones. The sample positions themselves are the
 * samples (the sinc is zero at whole offsets), so the true peak is never below the sample peak.
 *
 * <p>Stretches that cannot hold a louder peak than one already found (judged by the largest
 * sample nearby times the interpolator's gain bound) are skipped, so most music costs about as
 * much as a sample-peak scan.
 */
public final class TruePeak {

    static final int OVERSAMPLING = 4;
    /** Input samples on each side of an interpolated point. */
    static final int HALF_TAPS = 8;
    private static final double KAISER_BETA = 7;
    private static final int BLOCK = 64;

    /** PHASES[p - 1][j]: weight of input sample n - HALF_TAPS + 1 + j for the point n + p/4. */
    static final double[][] PHASES = new double[OVERSAMPLING - 1][2 * HALF_TAPS];
    /** The largest sum of absolute weights of any phase: no interpolated point exceeds it times the input. */
    private static final double GAIN_BOUND;

    static {
        if (2 * HALF_TAPS != 16) {
            throw new AssertionError("phasePeak writes out 16 taps");
        }
        double bound = 1;
        for (int p = 1; p < OVERSAMPLING; p++) {
            double frac = p / (double) OVERSAMPLING;
            double l1 = 0;
            for (int j = 0; j < 2 * HALF_TAPS; j++) {
                double tau = frac + HALF_TAPS - 1 - j; // distance from input sample to the point
                double w = sinc(tau) * kaiser(tau / HALF_TAPS);
                PHASES[p - 1][j] = w;
                l1 += Math.abs(w);
            }
            bound = Math.max(bound, l1);
        }
        GAIN_BOUND = bound;
    }

    private TruePeak() {
    }

    /** True peak of the clip as a linear magnitude (1.0 = full scale), over all channels. */
    public static double linear(AudioClip clip) {
        double peak = 0;
        for (float[] ch : clip.channels()) {
            peak = Math.max(peak, samplePeak(ch));
        }
        for (float[] ch : clip.channels()) {
            peak = channel(ch, peak);
        }
        return peak;
    }

    /** True peak in dBTP (dB relative to full scale); negative infinity for silence. */
    public static double dbtp(AudioClip clip) {
        double p = linear(clip);
        return p <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(p);
    }

    /** The peak so far, raised by any inter-sample peak of this channel. */
    private static double channel(float[] x, double peak) {
        int n = x.length;
        // Non-finite samples read as silence, and zeros on both sides stand for the silence
        // before and after: the filter loop then needs no checks.
        float[] padded = new float[n + 2 * HALF_TAPS];
        for (int i = 0; i < n; i++) {
            padded[i + HALF_TAPS] = Float.isFinite(x[i]) ? x[i] : 0f;
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] window = new double[BLOCK + 2 * HALF_TAPS];
        double[] blockMax = new double[blocks];
        for (int i = 0; i < n; i++) {
            double a = Math.abs(padded[i + HALF_TAPS]);
            if (a > blockMax[i / BLOCK]) {
                blockMax[i / BLOCK] = a;
            }
        }
        for (int b = 0; b < blocks; b++) {
            // The window of any point in this block reaches at most HALF_TAPS samples beyond it,
            // so into the neighbouring blocks (BLOCK >= HALF_TAPS).
            double near = blockMax[b];
            if (b > 0) {
                near = Math.max(near, blockMax[b - 1]);
            }
            if (b + 1 < blocks) {
                near = Math.max(near, blockMax[b + 1]);
            }
            if (near * GAIN_BOUND <= peak) {
                continue;
            }
            int start = b * BLOCK;
            int count = Math.min(n, start + BLOCK) - start;
            // window[k + j] is padded[start + k + 1 + j], input sample start + k - HALF_TAPS + 1 + j.
            for (int k = 0; k < count + 2 * HALF_TAPS - 1; k++) {
                window[k] = padded[start + 1 + k];
            }
            for (double[] phase : PHASES) {
                peak = Math.max(peak, phasePeak(phase, window, count));
            }
        }
        return peak;
    }

    /**
     * The largest magnitude of one phase's points over a block: point k is the weighted sum of window[k .. k + 15].
     * The sixteen taps are written out so the JIT keeps each point's sum in a register and vectorises across points
     * (a loop over taps that added into an array of points took twice as long); the sum runs in tap order as before,
     * so the reading is the same to the last bit.
     */
    private static double phasePeak(double[] w, double[] x, int count) {
        double w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7];
        double w8 = w[8], w9 = w[9], w10 = w[10], w11 = w[11], w12 = w[12], w13 = w[13], w14 = w[14], w15 = w[15];
        double peak = 0;
        for (int k = 0; k < count; k++) {
            double y = w0 * x[k] + w1 * x[k + 1] + w2 * x[k + 2] + w3 * x[k + 3] + w4 * x[k + 4] + w5 * x[k + 5]
                    + w6 * x[k + 6] + w7 * x[k + 7] + w8 * x[k + 8] + w9 * x[k + 9] + w10 * x[k + 10]
                    + w11 * x[k + 11] + w12 * x[k + 12] + w13 * x[k + 13] + w14 * x[k + 14] + w15 * x[k + 15];
            peak = Math.max(peak, Math.abs(y));
        }
        return peak;
    }

    private static double samplePeak(float[] x) {
        double peak = 0;
        for (float s : x) {
            peak = Math.max(peak, finite(s));
        }
        return peak;
    }

    private static double finite(float s) {
        return Float.isFinite(s) ? Math.abs(s) : 0;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Kaiser window on [-1, 1]. */
    private static double kaiser(double t) {
        if (Math.abs(t) >= 1) {
            return 0;
        }
        return Resampler.besselI0(KAISER_BETA * Math.sqrt(1 - t * t)) / Resampler.besselI0(KAISER_BETA);
    }
}
