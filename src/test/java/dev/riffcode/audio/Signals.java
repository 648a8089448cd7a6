package dev.riffcode.audio;

import java.util.Random;

/** Synthesized test signals: additive oscillators, noise bursts, clicks, and mixing. */
final class Signals {
    static final int RATE = 44100;

    private Signals() {}

    /** MIDI note number to frequency (A4 = 440 Hz). */
    static double hz(int midi) {
        return 440 * Math.pow(2, (midi - 69) / 12.0);
    }

    static float[] silence(double seconds) {
        return new float[(int) Math.round(seconds * RATE)];
    }

    static float[] sine(double freq, double amp, double seconds) {
        float[] out = silence(seconds);
        double w = 2 * Math.PI * freq / RATE;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amp * Math.sin(w * i));
        }
        return out;
    }

    /** Band-limited sawtooth: every harmonic n at amplitude 1/n, up to Nyquist. */
    static float[] saw(double freq, double amp, double seconds) {
        return additive(freq, amp, seconds, 1, 1, RATE);
    }

    /** A sawtooth at another sample rate. */
    static float[] saw(double freq, double amp, double seconds, int rate) {
        return additive(freq, amp, seconds, 1, 1, rate);
    }

    /** Band-limited square: odd harmonics at 1/n. */
    static float[] square(double freq, double amp, double seconds) {
        return additive(freq, amp, seconds, 2, 1, RATE);
    }

    /** Band-limited triangle: odd harmonics at 1/n^2. */
    static float[] triangle(double freq, double amp, double seconds) {
        return additive(freq, amp, seconds, 2, 2, RATE);
    }

    /**
     * Sum of harmonics 1, 1+step, 1+2*step ... below Nyquist with amplitude 1/n^power, scaled so
     * the fundamental has amplitude {@code amp}.
     */
    private static float[] additive(double freq, double amp, double seconds, int step,
            double power, int rate) {
        float[] out = new float[(int) Math.round(seconds * rate)];
        int maxHarmonic = (int) ((rate / 2.0 - 1) / freq);
        for (int n = 1; n <= maxHarmonic; n += step) {
            double a = amp / Math.pow(n, power);
            double w = 2 * Math.PI * freq * n / rate;
            // Rotate a phasor instead of calling sin per sample: much faster, accurate enough.
            double c = Math.cos(w);
            double s = Math.sin(w);
            double re = 1;
            double im = 0;
            for (int i = 0; i < out.length; i++) {
                out[i] += (float) (a * im);
                double t = re * c - im * s;
                im = re * s + im * c;
                re = t;
            }
        }
        return out;
    }

    /** Short linear fade in and out (5 ms) so note edges do not click. */
    static float[] faded(float[] x) {
        int n = Math.min(x.length / 2, (int) (0.005 * RATE));
        for (int i = 0; i < n; i++) {
            float g = i / (float) n;
            x[i] *= g;
            x[x.length - 1 - i] *= g;
        }
        return x;
    }

    /** White noise with an exponential decay (a crude hi-hat or snare). */
    static float[] noiseBurst(double amp, double seconds, double decaySeconds, long seed) {
        Random rnd = new Random(seed);
        float[] out = silence(seconds);
        for (int i = 0; i < out.length; i++) {
            double env = Math.exp(-i / (decaySeconds * RATE));
            out[i] = (float) (amp * env * (2 * rnd.nextDouble() - 1));
        }
        return out;
    }

    /** A synthetic kick drum: a sine sweeping from 150 Hz down to 50 Hz, decaying fast. */
    static float[] kick(double amp) {
        float[] out = silence(0.5);
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) RATE;
            phase += 2 * Math.PI * (50 + 100 * Math.exp(-t / 0.03)) / RATE;
            out[i] = (float) (amp * Math.exp(-t / 0.15) * Math.sin(phase));
        }
        return out;
    }

    /** Adds {@code src} into {@code dst} starting at {@code atSeconds}; returns dst. */
    static float[] mixInto(float[] dst, float[] src, double atSeconds) {
        int start = (int) Math.round(atSeconds * RATE);
        for (int i = 0; i < src.length && start + i < dst.length; i++) {
            dst[start + i] += src[i];
        }
        return dst;
    }

    static AudioClip clip(float[] mono) {
        return AudioClip.mono(RATE, mono);
    }
}
