package dev.riffcode.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Onset detection by spectral flux: the summed increase of log-compressed magnitudes from one
 * short frame to the next, which jumps when a drum hit or a new note starts, whether or not the
 * overall level rises. Peaks of the flux that stand out from their surroundings are onsets.
 *
 * <p>On synthetic clicks, kicks, noise bursts and note starts (including legato note changes) the
 * reported times are within about &plusmn;8 ms of the true ones. Every bin counts the same, so
 * broadband events dominate: a kick drum under a sustained low note, in a clip that also has
 * loud broadband hits, may be missed.
 */
public final class Onsets {
    /** Frames of about 23 ms: short enough to time onsets, long enough to see pitch changes. */
    private static final double FRAME_SECONDS = 0.023;
    /** Onsets closer than this are one event (a note's attack can cause several flux peaks). */
    private static final double MIN_GAP_SECONDS = 0.04;
    /** Log compression: makes the flux respond to relative, not absolute, level changes. */
    private static final double COMPRESSION = 1000;
    /** A peak must exceed this fraction of the largest flux in the clip. */
    private static final double MIN_RELATIVE_FLUX = 0.1;
    /**
     * A note's end also raises the flux (its spectrum widens as it is cut off), but the level
     * then drops: peaks after which the level falls below this fraction are not onsets.
     */
    private static final double MAX_LEVEL_DROP = 0.5;
    /**
     * Where the onset lies, as a fraction of the frame back from the frame's end, in the first
     * frame whose flux reaches half the peak's. Calibrated on clicks, noise bursts and notes.
     */
    private static final double ONSET_POSITION = 0.25;

    /** A ratio is at most 1 + C times a magnitude (1e3 at full scale, 1e42 for the largest float): no overflow. */
    private static final double PRODUCT_LIMIT = 1e250;

    private Onsets() {}

    /** Onset times in seconds, ascending, of the clip mixed to mono. */
    public static double[] detect(AudioClip clip) {
        return detect(clip.toMono(), clip.sampleRate());
    }

    /** Onset times in seconds, ascending. */
    public static double[] detect(float[] mono, double sampleRate) {
        return detect(mono, sampleRate, null);
    }

    /** Sees each magnitude spectrum the detector computes, so another measure needs no pass of its own. */
    public interface FrameListener {
        /**
         * @param start      the frame's first sample (negative for the frames that run in from silence); every frame
         *                   is {@link #frameSize} long
         * @param magnitudes its {@link Spectrum} magnitudes; read them now, the array is reused
         */
        void frame(int start, double[] magnitudes);
    }

    /**
     * As {@link #detect(float[], double)}, showing every frame to {@code listener} (may be null) in order. Frames are
     * {@link #frameSize} long and start every eighth of that, from one whole frame before the signal.
     */
    public static double[] detect(float[] mono, double sampleRate, FrameListener listener) {
        int size = frameSize(sampleRate);
        int hop = size / 8;
        Spectrum spectrum = new Spectrum(size, sampleRate);
        double[] mags = new double[spectrum.bins()];
        double[] previous = new double[spectrum.bins()];
        double[] ratios = new double[spectrum.bins()];

        // Frame k covers [k*hop - size, k*hop): the first frames run in from silence so an onset
        // at time 0 is seen as a rise too.
        int frames = (mono.length + size) / hop + 1;
        double[] flux = new double[frames];
        double[] power = new double[frames];
        for (int k = 0; k < frames; k++) {
            spectrum.magnitudes(mono, k * hop - size, mags);
            if (listener != null) {
                listener.frame(k * hop - size, mags);
            }
            // The rise of log(1 + C m) is the log of the ratio, and there is one only where the magnitude grew. A sum
            // of logarithms is the logarithm of the product: the ratios are multiplied and one logarithm taken when
            // the product grows large, instead of one per rising bin (half the cost of the whole pass).
            // The ratios first, in a loop without branches that the JIT vectorises (a bin that did not rise has the
            // ratio 1, and multiplying by 1 changes no bit), then their product, so the flux is the same to the bit as
            // when rising bins were picked out one by one (which mispredicted a branch on every other bin).
            for (int b = 0; b < mags.length; b++) {
                double m = mags[b];
                double p = previous[b];
                ratios[b] = Math.max(1, (1 + COMPRESSION * m) / (1 + COMPRESSION * p));
                previous[b] = m;
            }
            double rise = 0;
            double product = 1;
            for (double ratio : ratios) {
                product *= ratio;
                if (product > PRODUCT_LIMIT) {
                    rise += Math.log(product);
                    product = 1;
                }
            }
            flux[k] = rise + Math.log(product);
            power[k] = spectrum.bandPower(mags, 0, sampleRate / 2);
        }

        double max = 0;
        for (double f : flux) {
            max = Math.max(max, f);
        }
        int gap = Math.max(1, (int) Math.round(MIN_GAP_SECONDS * sampleRate / hop));
        int halfFrame = size / 2 / hop;
        List<Double> onsets = new ArrayList<>();
        int last = -gap;
        for (int k = 1; k < frames; k++) {
            if (flux[k] == 0 || flux[k] < MIN_RELATIVE_FLUX * max || k - last < gap
                    || !isLocalPeak(flux, k, gap)) {
                continue;
            }
            // Stand out from the recent average so a steady stream of small changes (vibrato,
            // noise) is not mistaken for onsets.
            double mean = 0;
            int from = Math.max(0, k - 2 * gap);
            for (int j = from; j < k; j++) {
                mean += flux[j];
            }
            mean /= Math.max(1, k - from);
            double before = power[Math.max(0, k - halfFrame)];
            double after = power[Math.min(frames - 1, k + halfFrame)];
            if (flux[k] <= 2 * mean || after < MAX_LEVEL_DROP * before) {
                continue;
            }
            // Time the onset by the start of the flux's rise rather than its top: a slow rise
            // (a legato note change) peaks later than a click, but starts at the same place.
            int first = k;
            while (first > 0 && k - first < gap && flux[first - 1] >= 0.5 * flux[k]) {
                first--;
            }
            onsets.add(Math.max(0, (first * hop - size * ONSET_POSITION) / sampleRate));
            last = k;
        }
        return onsets.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The frame length: the power of two nearest the wanted 23 ms, 1024 samples at 44.1 and 48 kHz. */
    public static int frameSize(double sampleRate) {
        return Integer.highestOneBit((int) Math.round(FRAME_SECONDS * sampleRate * 1.5));
    }

    private static boolean isLocalPeak(double[] x, int k, int radius) {
        for (int j = Math.max(0, k - radius); j <= Math.min(x.length - 1, k + radius); j++) {
            if (x[j] > x[k] || (x[j] == x[k] && j < k)) {
                return false;
            }
        }
        return true;
    }
}
