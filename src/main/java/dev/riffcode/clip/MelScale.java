package dev.riffcode.clip;

/**
 * The triangular HTK mel filter bank of {@link SpectrogramParams} (torchaudio's {@code melscale_fbanks} with
 * {@code norm=None, mel_scale="htk"}): {@code MEL_BANDS} filters whose corners are evenly spaced in mel from
 * {@code MIN_HZ} to {@code MAX_HZ}, over the {@code BINS} bins of a 2.5 Hz spectrum. Adjacent triangles sum to one, so
 * a smooth spectrum comes back from its mel bands by linear interpolation; {@link #invert} starts there and refines
 * with non-negative least squares.
 *
 * <p>The bank is sparse (each filter touches a few bins), stored as a bin range and weights per filter. Immutable and
 * thread-safe.
 */
public final class MelScale {

    private static final MelScale DEFAULT = new MelScale(SpectrogramParams.MEL_BANDS, SpectrogramParams.BINS,
            SpectrogramParams.SAMPLE_RATE, SpectrogramParams.MIN_HZ, SpectrogramParams.MAX_HZ);

    private final int bands;
    private final int bins;
    private final int[] first;
    private final float[][] weights;
    /** Sum of each filter's weights. */
    private final float[] area;
    /** Highest bin any filter touches, plus one. */
    private final int topBin;

    MelScale(int bands, int bins, int sampleRate, double minHz, double maxHz) {
        this.bands = bands;
        this.bins = bins;
        double melMin = hzToMel(minHz);
        double melMax = hzToMel(maxHz);
        double[] corners = new double[bands + 2];
        for (int i = 0; i < corners.length; i++) {
            corners[i] = melToHz(melMin + (melMax - melMin) * i / (bands + 1));
        }
        double binHz = (sampleRate / 2.0) / (bins - 1);
        first = new int[bands];
        weights = new float[bands][];
        area = new float[bands];
        int top = 0;
        for (int m = 0; m < bands; m++) {
            double lo = corners[m];
            double mid = corners[m + 1];
            double hi = corners[m + 2];
            int k0 = Math.max(0, (int) Math.floor(lo / binHz));
            int k1 = Math.min(bins - 1, (int) Math.ceil(hi / binHz));
            float[] w = new float[k1 - k0 + 1];
            int firstNonZero = -1;
            int lastNonZero = -1;
            for (int k = k0; k <= k1; k++) {
                double f = k * binHz;
                double down = (f - lo) / (mid - lo);
                double up = (hi - f) / (hi - mid);
                double v = Math.max(0, Math.min(down, up));
                w[k - k0] = (float) v;
                if (v > 0) {
                    if (firstNonZero < 0) {
                        firstNonZero = k;
                    }
                    lastNonZero = k;
                }
            }
            if (firstNonZero < 0) { // a filter narrower than a bin that falls between two: it sees nothing
                first[m] = k0;
                weights[m] = new float[0];
                continue;
            }
            first[m] = firstNonZero;
            weights[m] = java.util.Arrays.copyOfRange(w, firstNonZero - k0, lastNonZero - k0 + 1);
            float sum = 0;
            for (float v : weights[m]) {
                sum += v;
            }
            area[m] = sum;
            top = Math.max(top, lastNonZero + 1);
        }
        this.topBin = top;
    }

    /** Riffusion's bank: 512 bands, 0–10 kHz, over the 8821 bins of a 17640-point transform at 44.1 kHz. */
    public static MelScale riffusion() {
        return DEFAULT;
    }

    /** HTK mel of a frequency. */
    public static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    /** Frequency of an HTK mel value. */
    public static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /** Number of mel bands. */
    public int bands() {
        return bands;
    }

    /** Number of spectrum bins the bank reads. */
    public int bins() {
        return bins;
    }

    /** Bins at or above this one are outside every filter. */
    public int topBin() {
        return topBin;
    }

    /** Mel band magnitudes of one frame: {@code mel[m] = sum_k fb[k][m] * magnitude[k]}. */
    public void apply(float[] magnitudes, float[] mel) {
        for (int m = 0; m < bands; m++) {
            float[] w = weights[m];
            int k0 = first[m];
            float s = 0;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * magnitudes[k0 + j];
            }
            mel[m] = s;
        }
    }

    /** {@code out[k] = sum_m fb[k][m] * mel[m]} for {@code k < topBin} (the transpose of {@link #apply}). */
    private void applyTransposed(float[] mel, float[] out) {
        java.util.Arrays.fill(out, 0, topBin, 0f);
        for (int m = 0; m < bands; m++) {
            float[] w = weights[m];
            int k0 = first[m];
            float v = mel[m];
            for (int j = 0; j < w.length; j++) {
                out[k0 + j] += w[j] * v;
            }
        }
    }

    /**
     * A non-negative spectrum whose mel bands are close to {@code mel}: linear interpolation of the band values (each
     * divided by its filter's area), then {@code refinements} multiplicative least-squares updates
     * ({@code x <- x * F'mel / F'F x}), which keep it non-negative and never raise the error. Bins from
     * {@link #topBin()} on are zero.
     *
     * @param spectrum  receives {@link #bins()} magnitudes
     * @param work      a {@link Work} owned by the calling thread
     */
    public void invert(float[] mel, float[] spectrum, int refinements, Work work) {
        float[] bandValues = work.bands;
        for (int m = 0; m < bands; m++) {
            bandValues[m] = area[m] > 0 ? Math.max(0f, mel[m]) / area[m] : 0f;
        }
        applyTransposed(bandValues, spectrum);
        java.util.Arrays.fill(spectrum, topBin, bins, 0f);
        if (refinements <= 0) {
            return;
        }
        float[] numerator = work.numerator;
        for (int m = 0; m < bands; m++) {
            bandValues[m] = Math.max(0f, mel[m]);
        }
        applyTransposed(bandValues, numerator);
        float[] denominator = work.denominator;
        for (int it = 0; it < refinements; it++) {
            apply(spectrum, bandValues);
            applyTransposed(bandValues, denominator);
            for (int k = 0; k < topBin; k++) {
                float d = denominator[k];
                spectrum[k] = d > 1e-30f ? spectrum[k] * numerator[k] / d : 0f;
            }
        }
    }

    /** Scratch space for {@link #invert}; one per thread. */
    public Work work() {
        return new Work(bands, topBin);
    }

    /** Scratch arrays of {@link #invert}. */
    public static final class Work {
        final float[] bands;
        final float[] numerator;
        final float[] denominator;

        Work(int bands, int bins) {
            this.bands = new float[bands];
            this.numerator = new float[bins];
            this.denominator = new float[bins];
        }
    }
}
