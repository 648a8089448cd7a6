package dev.riffcode.audio;

/**
 * Converts a clip to another sample rate with a windowed-sinc (Kaiser) interpolator: band-limited, so a 48 kHz file
 * played at 44.1 kHz keeps its pitch and gains no aliasing or the buzz of linear interpolation. Meant for whole clips
 * at load time, not for the audio thread.
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side: the kernel spans 2 × this many input samples (more when lowering). */
    private static final int ZEROS = 16;
    /** Table points per zero crossing; values between them are interpolated linearly. */
    private static final int RESOLUTION = 512;
    /** Kaiser window shape: about 90 dB stop-band attenuation. */
    private static final double BETA = 9.0;
    /** The pass band ends a little below Nyquist so the transition band falls mostly above it. */
    private static final double CUTOFF = 0.95;
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
        double step = from / (double) to;                 // input samples per output sample
        double scale = Math.min(1.0, to / (double) from) * CUTOFF; // the filter's cutoff, relative to the input
        double reach = ZEROS / scale;                     // kernel half-width in input samples
        int n = (int) Math.round(in.length * (double) to / from);
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

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    private static double besselI0(double x) {
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
