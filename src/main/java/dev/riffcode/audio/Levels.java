package dev.riffcode.audio;

/**
 * Level measurements. Non-finite samples (NaN, &plusmn;infinity) are skipped by peak, RMS and DC
 * so that one bad sample does not hide everything else; count them with {@link
 * #countNonFinite(AudioClip)}.
 */
public final class Levels {
    private Levels() {}

    /** Largest absolute sample value. */
    public static double peak(float[] samples) {
        double peak = 0;
        for (float s : samples) {
            if (Float.isFinite(s)) {
                peak = Math.max(peak, Math.abs(s));
            }
        }
        return peak;
    }

    /** Largest absolute sample value over all channels. */
    public static double peak(AudioClip clip) {
        double peak = 0;
        for (float[] ch : clip.channels()) {
            peak = Math.max(peak, peak(ch));
        }
        return peak;
    }

    /** Peak in dB relative to full scale (1.0); negative infinity for silence. */
    public static double peakDbfs(AudioClip clip) {
        return toDb(peak(clip));
    }

    /** Root mean square of the finite samples; 0 if there are none. */
    public static double rms(float[] samples) {
        double sum = 0;
        long n = 0;
        for (float s : samples) {
            if (Float.isFinite(s)) {
                sum += (double) s * s;
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    /** Root mean square over all channels together. */
    public static double rms(AudioClip clip) {
        double sum = 0;
        long n = 0;
        for (float[] ch : clip.channels()) {
            for (float s : ch) {
                if (Float.isFinite(s)) {
                    sum += (double) s * s;
                    n++;
                }
            }
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    /** RMS in dB relative to full scale, so a full-scale sine reads about -3.01 dBFS. */
    public static double rmsDbfs(AudioClip clip) {
        return toDb(rms(clip));
    }

    /** Mean of the finite samples (the DC offset); 0 if there are none. */
    public static double dcOffset(float[] samples) {
        double sum = 0;
        long n = 0;
        for (float s : samples) {
            if (Float.isFinite(s)) {
                sum += s;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Number of NaN or infinite samples over all channels. */
    public static long countNonFinite(AudioClip clip) {
        long n = 0;
        for (float[] ch : clip.channels()) {
            for (float s : ch) {
                if (!Float.isFinite(s)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The channels averaged into one; returns the channel itself (not a copy) for mono clips. */
    public static float[] mixToMono(AudioClip clip) {
        float[][] chs = clip.channels();
        if (chs.length == 1) {
            return chs[0];
        }
        float[] mono = new float[clip.frames()];
        for (float[] ch : chs) {
            for (int i = 0; i < mono.length; i++) {
                mono[i] += ch[i];
            }
        }
        float scale = 1f / chs.length;
        for (int i = 0; i < mono.length; i++) {
            mono[i] *= scale;
        }
        return mono;
    }

    /** Amplitude ratio to decibels; negative infinity for 0. */
    public static double toDb(double amplitude) {
        return 20 * Math.log10(amplitude);
    }
}
