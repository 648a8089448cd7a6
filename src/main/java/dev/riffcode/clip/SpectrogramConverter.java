package dev.riffcode.clip;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Resampler;
import java.util.function.DoubleConsumer;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Audio to Riffusion mel spectrogram and back: the forward side is torch's centred STFT (reflect padding, periodic
 * Hann window of 4410 in a 17640-point transform, hop 441) followed by the mel bank; the way back is the mel bank's
 * non-negative inverse followed by {@link GriffinLim}.
 *
 * <p>Like Riffusion, which takes its samples from pydub as 16-bit integers, magnitudes are in 16-bit units: a sample
 * of 1.0 counts as 32768, so the EXIF max value of a picture made here means what it means in Riffusion.
 */
public final class SpectrogramConverter {

    /** Full scale in the units of Riffusion's magnitudes. */
    static final float INT16_SCALE = 32_768f;
    /** Multiplicative refinements of the inverse mel bank (after linear interpolation). */
    static final int MEL_REFINEMENTS = 8;
    /** Longest piece reconstructed in one go; longer spectrograms are cut into overlapping pieces. */
    static final int PIECE_FRAMES = SpectrogramParams.SEGMENT_FRAMES;
    /** Frames shared by two neighbouring pieces, crossfaded. */
    static final int PIECE_OVERLAP = 32;

    private SpectrogramConverter() {
    }

    /** Mel magnitudes {@code [frame][band]} of a mono signal at 44.1 kHz (samples at full scale ±1). */
    public static float[][] melFromAudio(float[] samples) {
        int frames = SpectrogramParams.frames(samples.length);
        int n = SpectrogramParams.N_FFT;
        int half = SpectrogramParams.WINDOW / 2;
        float[] window = new float[SpectrogramParams.WINDOW];
        for (int i = 0; i < window.length; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / window.length)) * INT16_SCALE;
        }
        MelScale bank = MelScale.riffusion();
        FloatFFT_1D fft = new FloatFFT_1D(n);
        float[] buffer = new float[n];
        float[] magnitudes = new float[SpectrogramParams.BINS];
        float[][] mel = new float[frames][bank.bands()];
        int top = Math.min(bank.topBin(), SpectrogramParams.BINS - 1);
        for (int t = 0; t < frames; t++) {
            int from = t * SpectrogramParams.HOP - half;
            for (int j = 0; j < window.length; j++) {
                buffer[j] = reflected(samples, from + j) * window[j];
            }
            java.util.Arrays.fill(buffer, window.length, n, 0f);
            fft.realForward(buffer); // the window's place in the frame changes phases only
            magnitudes[0] = Math.abs(buffer[0]);
            for (int k = 1; k <= top; k++) {
                float re = buffer[2 * k];
                float im = buffer[2 * k + 1];
                magnitudes[k] = (float) Math.sqrt(re * re + im * im);
            }
            bank.apply(magnitudes, mel[t]);
        }
        return mel;
    }

    /** torch's reflect padding: x[-i] = x[i], x[L-1+i] = x[L-1-i]. */
    private static float reflected(float[] x, int i) {
        int length = x.length;
        if (length == 1) {
            return x[0];
        }
        int period = 2 * (length - 1);
        int m = Math.floorMod(i, period);
        return x[m < length ? m : period - m];
    }

    /**
     * Audio at 44.1 kHz from mel magnitudes (in 16-bit units): the inverse mel bank, then Griffin-Lim.
     *
     * @param iterations Griffin-Lim iterations (Riffusion: 32)
     * @param progress   fraction done from 0 to 1, or null
     * @return {@code (frames - 1) * 441} samples at full scale ±1
     */
    public static float[] audioFromMel(float[][] mel, int iterations, long seed, DoubleConsumer progress) {
        int frames = mel.length;
        if (frames < 2) {
            return new float[0];
        }
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        float[][] linear = linearFromMel(mel);
        if (frames <= PIECE_FRAMES + PIECE_OVERLAP) {
            return scaled(GriffinLim.reconstruct(linear, iterations, seed, threads, progress));
        }
        float[] out = new float[SpectrogramParams.samples(frames)];
        int step = PIECE_FRAMES - PIECE_OVERLAP;
        int pieces = (frames - PIECE_OVERLAP + step - 1) / step;
        for (int p = 0; p < pieces; p++) {
            int from = p * step;
            int to = Math.min(frames, from + PIECE_FRAMES);
            float[][] part = java.util.Arrays.copyOfRange(linear, from, to);
            final int done = p;
            float[] piece = GriffinLim.reconstruct(part, iterations, seed + p, threads,
                    progress == null ? null : f -> progress.accept((done + f) / pieces));
            Crossfade.mixInto(out, scaled(piece), from * SpectrogramParams.HOP,
                    p == 0 ? 0 : PIECE_OVERLAP * SpectrogramParams.HOP);
        }
        return out;
    }

    /**
     * Linear magnitudes {@code [frame][bin]} (bins 0..10 kHz) whose mel bands match {@code mel}. Frames are
     * independent, so they are spread over the cores (the common pool) with the same result.
     */
    static float[][] linearFromMel(float[][] mel) {
        MelScale bank = MelScale.riffusion();
        ThreadLocal<MelScale.Work> works = ThreadLocal.withInitial(bank::work);
        ThreadLocal<float[]> spectra = ThreadLocal.withInitial(() -> new float[SpectrogramParams.BINS]);
        float[][] linear = new float[mel.length][];
        java.util.stream.IntStream.range(0, mel.length).parallel().forEach(t -> {
            float[] spectrum = spectra.get();
            bank.invert(mel[t], spectrum, MEL_REFINEMENTS, works.get());
            linear[t] = java.util.Arrays.copyOf(spectrum, GriffinLim.K);
        });
        return linear;
    }

    private static float[] scaled(float[] samples) {
        for (int i = 0; i < samples.length; i++) {
            samples[i] /= INT16_SCALE;
        }
        return samples;
    }

    /**
     * Spectral convergence of {@code estimate} against {@code reference}: the Frobenius norm of the difference of
     * their mel magnitudes over that of the reference (0 is perfect). Both are at 44.1 kHz.
     */
    public static double spectralConvergence(float[] reference, float[] estimate) {
        float[][] a = melFromAudio(reference);
        float[][] b = melFromAudio(estimate);
        double diff = 0;
        double ref = 0;
        for (int t = 0; t < Math.min(a.length, b.length); t++) {
            for (int m = 0; m < a[t].length; m++) {
                double d = a[t][m] - b[t][m];
                diff += d * d;
                ref += (double) a[t][m] * a[t][m];
            }
        }
        return ref == 0 ? 0 : Math.sqrt(diff / ref);
    }

    /** The clip as one channel at 44.1 kHz (channels averaged; other rates resampled). */
    public static float[] monoAt44k(AudioClip clip) {
        float[] mono = clip.toMono();
        return clip.sampleRate() == SpectrogramParams.SAMPLE_RATE ? mono
                : Resampler.resample(mono, clip.sampleRate(), SpectrogramParams.SAMPLE_RATE);
    }

    /** Peak level given to audio from a picture that does not say its scale (-1 dBFS). */
    public static final float UNTAGGED_PEAK = 0.891f;

    /**
     * Audio from a Riffusion picture (PNG or JPEG). A picture that carries the max-value tag comes back at the level
     * it was made from (lowered only if it would clip); one without it, as a Riffusion server sends, is normalised
     * to a peak of -1 dBFS, as Riffusion normalises its own.
     *
     * @throws ClipException when the bytes are not a Riffusion picture
     */
    public static float[] audioFromPicture(byte[] picture, int iterations, long seed, DoubleConsumer progress)
            throws ClipException {
        SpectrogramImage.Decoded decoded = SpectrogramImage.read(picture);
        float[] audio = audioFromMel(decoded.mel(), iterations, seed, progress);
        float peak = 0;
        for (float v : audio) {
            peak = Math.max(peak, Math.abs(v));
        }
        float target = decoded.tagged() ? Math.min(peak, 0.999f) : UNTAGGED_PEAK;
        if (peak > 0 && peak != target) {
            float gain = target / peak;
            for (int i = 0; i < audio.length; i++) {
                audio[i] *= gain;
            }
        }
        return audio;
    }

    /** A Riffusion PNG of a clip (mixed to mono, at 44.1 kHz), tagged with the max value that restores its level. */
    public static byte[] pictureFromAudio(AudioClip clip) throws java.io.IOException {
        return SpectrogramImage.toPng(melFromAudio(monoAt44k(clip)));
    }
}
