package dev.riffcode.clip;

/**
 * Riffusion's spectrogram format: how a 512×512 image stands for 5.11 s of audio.
 *
 * <p>Audio at {@link #SAMPLE_RATE} is cut into frames every {@link #HOP} samples (10 ms); each frame is a periodic
 * Hann window of {@link #WINDOW} samples (100 ms) placed in the middle of an {@link #N_FFT}-point transform (400 ms,
 * so one bin is 2.5 Hz). The magnitudes go through {@link #MEL_BANDS} triangular HTK mel filters from
 * {@link #MIN_HZ} to {@link #MAX_HZ} (no normalisation), then become pixels: divided by the largest value, raised to
 * {@link #POWER}, scaled to 0..255, inverted (loud is dark) and truncated to a byte; rows are flipped so the lowest
 * band is at the bottom. Frames are centred ({@code 1 + samples / HOP} columns), as torch's STFT with
 * {@code center=true} makes them.
 *
 * <p>The image keeps the parameters in EXIF tags 11000..11080 ({@link Tag}); {@link Tag#MAX_VALUE} is the largest
 * mel magnitude, so an image made here can be turned back into audio at its original scale. Riffusion itself decodes
 * with {@link #DEFAULT_MAX_VALUE} whatever the tag says, and normalises the result, so the tag only matters for level.
 */
public final class SpectrogramParams {

    /** Samples per second. */
    public static final int SAMPLE_RATE = 44_100;
    /** Samples between frames (10 ms). */
    public static final int HOP = 441;
    /** Hann window length (100 ms). */
    public static final int WINDOW = 4_410;
    /** Transform length with padding (400 ms): bins are 2.5 Hz apart. */
    public static final int N_FFT = 17_640;
    /** Bins of the one-sided spectrum. */
    public static final int BINS = N_FFT / 2 + 1;
    /** Mel bands: image rows. */
    public static final int MEL_BANDS = 512;
    /** Lowest edge of the mel filters. */
    public static final double MIN_HZ = 0;
    /** Highest edge of the mel filters. */
    public static final double MAX_HZ = 10_000;
    /** Power curve applied to magnitudes in the image. */
    public static final double POWER = 0.25;
    /** The magnitude that white-to-black maps to when the image says nothing else (Riffusion's default). */
    public static final double DEFAULT_MAX_VALUE = 30e6;
    /** Griffin-Lim iterations. */
    public static final int GRIFFIN_LIM_ITERATIONS = 32;
    /** Riffusion's momentum for the fast Griffin-Lim update. */
    public static final double MOMENTUM = 0.99;
    /** Image width of one Riffusion segment. */
    public static final int SEGMENT_FRAMES = 512;
    /** Samples in one 512-frame segment: 5.11 s. */
    public static final int SEGMENT_SAMPLES = (SEGMENT_FRAMES - 1) * HOP;

    /** The highest spectrum bin any mel filter reaches (10 kHz / 2.5 Hz). */
    public static final int TOP_BIN = (int) Math.round(MAX_HZ * N_FFT / SAMPLE_RATE);

    /** Riffusion's custom EXIF tags. */
    public enum Tag {
        SAMPLE_RATE(11000), STEREO(11005), STEP_SIZE_MS(11010), WINDOW_DURATION_MS(11020),
        PADDED_DURATION_MS(11030), NUM_FREQUENCIES(11040), MIN_FREQUENCY(11050), MAX_FREQUENCY(11060),
        POWER_FOR_IMAGE(11070), MAX_VALUE(11080);

        /** The tag number. */
        public final int id;

        Tag(int id) {
            this.id = id;
        }
    }

    private SpectrogramParams() {
    }

    /** Columns of a spectrogram of {@code samples} samples (centred frames). */
    public static int frames(int samples) {
        return 1 + samples / HOP;
    }

    /** Samples of audio that {@code frames} columns stand for. */
    public static int samples(int frames) {
        return Math.max(0, frames - 1) * HOP;
    }
}
