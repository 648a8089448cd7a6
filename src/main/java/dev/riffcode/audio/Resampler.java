package dev.riffcode.audio;

/**
 * Converts a clip to another sample rate with a windowed-sinc (Kaiser) interpolator: band-limited, so a 48 kHz file
 * played at 44.1 kHz keeps its pitch and gains no aliasing or the buzz of linear interpolation. Meant for whole clips
 * at load time, not for the audio thread.
 */
public final class Resampler {

    /**
     * Zero crossings of the sinc on each side (at the lower of the two rates). With the Kaiser window below this gives
     * a transition band of about 2 kHz at 44.1 kHz: flat to 20 kHz, and at least 90 dB down from the lower rate's
     * Nyquist frequency on, so nothing folds back into the audible band.
     */
    private static final int ZEROS = 64;
    /** Table points per zero crossing; values between them are interpolated linearly. */
    private static final int RESOLUTION = 512;
    /** Kaiser window shape: about 90 dB stop-band attenuation. */
    private static final double BETA = 9.0;
    /** The cutoff, relative to the lower rate's Nyquist frequency: the transition band ends at Nyquist. */
    private static final double CUTOFF = 0.955;
    /** Ratios with at most this many phases get a table of taps per phase (48 kHz to 44.1 kHz has 147). */
    private static final int MAX_PHASES = 4096;
    private static final float[] KERNEL = kernel();

    private Resampler() {
    }

    /** The clip at {@code rate}: the same clip when it is already there. */
    public static AudioClip toRate(AudioClip clip, int rate) {
        if (clip.sampleRate() == rate) {
            return clip;
        }
        float[][] out = new float[clip.channelCount()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = resample(clip.channels()[c], clip.sampleRate(), rate);
        }
        return new AudioClip(rate, out);
    }

    /** One channel from rate {@code from} to rate {@code to}. */
    public static float[] resample(float[] in, int from, int to) {
        if (from <= 0 || to <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + from + " -> " + to);
        }
        double scale = Math.min(1.0, to / (double) from) * CUTOFF; // the filter's cutoff, relative to the input
        double reach = ZEROS / scale;                     // kernel half-width in input samples
        int n = (int) Math.round(in.length * (double) to / from);
        int g = gcd(from, to);
        int phases = to / g;
        int advance = from / g;
        if (phases <= MAX_PHASES) {
            return polyphase(in, n, phases, advance, scale, reach);
        }
        double step = from / (double) to;                 // input samples per output sample
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            double t = j * step;
            int first = Math.max(0, (int) Math.ceil(t - reach));
            int last = Math.min(in.length - 1, (int) Math.floor(t + reach));
            double sum = 0;
            for (int i = first; i <= last; i++) {
                sum += in[i] * weight(Math.abs(t - i) * scale);
            }
            out[j] = (float) (sum * scale);
        }
        return out;
    }

    /**
     * Output frame j stands at input position j·advance/phases: a whole input index and one of {@code phases}
     * fractions. Each fraction's taps are computed once, so the inner loop is a plain dot product.
     */
    private static float[] polyphase(float[] in, int n, int phases, int advance, double scale, double reach) {
        int half = (int) Math.ceil(reach);
        int width = 2 * half + 1;
        float[] taps = new float[phases * width];
        for (int p = 0; p < phases; p++) {
            double frac = p / (double) phases;
            for (int d = -half; d <= half; d++) {
                taps[p * width + d + half] = (float) (weight(Math.abs(frac - d) * scale) * scale);
            }
        }
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            long pos = (long) j * advance;
            int base = (int) (pos / phases);
            int row = (int) (pos % phases) * width;
            int first = base - half;
            double sum = 0;
            if (first >= 0 && first + width <= in.length) {
                for (int k = 0; k < width; k++) {
                    sum += in[first + k] * taps[row + k];
                }
            } else {
                for (int k = Math.max(0, -first); k < width && first + k < in.length; k++) {
                    sum += in[first + k] * taps[row + k];
                }
            }
            out[j] = (float) sum;
        }
        return out;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The windowed sinc at {@code x} zero crossings from its centre. */
    private static double weight(double x) {
        double pos = x * RESOLUTION;
        int k = (int) pos;
        if (k >= KERNEL.length - 1) {
            return 0;
        }
        double frac = pos - k;
        return KERNEL[k] + (KERNEL[k + 1] - KERNEL[k]) * frac;
    }

    private static float[] kernel() {
        float[] k = new float[ZEROS * RESOLUTION + 1];
        double norm = besselI0(BETA);
        for (int i = 0; i < k.length; i++) {
            double x = i / (double) RESOLUTION;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = x / ZEROS;
            k[i] = (float) (sinc * besselI0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / norm);
        }
        return k;
    }

    /** The modified Bessel function of the first kind, order 0, by its power series (also for the true-peak filter). */
    public static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return sum;
    }
}
