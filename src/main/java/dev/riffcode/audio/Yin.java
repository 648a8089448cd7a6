package dev.riffcode.audio;

/**
 * Fundamental-frequency estimate of a monophonic segment with the YIN algorithm (de Cheveign&eacute;
 * and Kawahara, 2002): the cumulative-mean-normalised difference function, an absolute threshold,
 * and parabolic interpolation of the chosen lag.
 *
 * <p>An instance holds only its settings and allocates its work arrays per call, so it may be
 * shared between threads.
 */
public final class Yin {
    /** Dips below this normalised difference count as periodic (the paper's 0.1). */
    private static final double THRESHOLD = 0.1;

    private final double sampleRate;
    private final int minLag;
    private final int maxLag;

    /**
     * A pitch estimate.
     *
     * @param frequency fundamental in Hz; NaN for a silent segment
     * @param aperiodicity the normalised difference at the chosen period, 0 for a perfectly
     *     periodic signal, around 1 for noise; below about 0.1 the estimate can be trusted
     */
    public record Pitch(double frequency, double aperiodicity) {
        /** True if the estimate is trustworthy: a frequency was found and the signal is periodic. */
        public boolean isPeriodic() {
            return !Double.isNaN(frequency) && aperiodicity < THRESHOLD;
        }
    }

    /** A detector for fundamentals between 40 Hz and 2.5 kHz. */
    public Yin(double sampleRate) {
        this(sampleRate, 40, 2500);
    }

    /** A detector for fundamentals between {@code minHz} and {@code maxHz}. */
    public Yin(double sampleRate, double minHz, double maxHz) {
        if (!(minHz > 0 && maxHz > minHz && maxHz < sampleRate / 4)) {
            throw new IllegalArgumentException("need 0 < minHz < maxHz < sampleRate/4");
        }
        this.sampleRate = sampleRate;
        this.minLag = Math.max(2, (int) Math.floor(sampleRate / maxHz));
        this.maxLag = (int) Math.ceil(sampleRate / minHz) + 1; // +1 so interpolation fits
    }

    /** Shortest segment {@link #detect} accepts: two periods of the lowest frequency. */
    public int minSegmentLength() {
        return 2 * maxLag + 1;
    }

    /**
     * Estimates the fundamental of {@code signal[start .. start + length)}. Longer segments are
     * more robust; two or three periods of the lowest expected note are enough for clean tones.
     *
     * @throws IllegalArgumentException if the segment is shorter than {@link #minSegmentLength()}
     *     or runs outside the array
     */
    public Pitch detect(float[] signal, int start, int length) {
        if (length < minSegmentLength() || start < 0 || start + length > signal.length) {
            throw new IllegalArgumentException("segment must lie inside the signal and hold at least "
                    + minSegmentLength() + " samples");
        }
        int width = length - maxLag; // every lag compares the same number of samples
        double[] diff = new double[maxLag + 1];
        for (int lag = 1; lag <= maxLag; lag++) {
            double sum = 0;
            for (int j = start; j < start + width; j++) {
                double d = signal[j] - signal[j + lag];
                sum += d * d;
            }
            diff[lag] = sum;
        }

        // Cumulative mean normalisation: removes the bias towards lag 0 and gives a scale on which
        // one threshold works for any level.
        double[] norm = new double[maxLag + 1];
        double running = 0;
        norm[0] = 1;
        for (int lag = 1; lag <= maxLag; lag++) {
            running += diff[lag];
            norm[lag] = running == 0 ? 1 : diff[lag] * lag / running;
        }
        if (running == 0) {
            return new Pitch(Double.NaN, 1); // silence or DC
        }

        // The first dip under the threshold, followed down to its bottom; taking the first rather
        // than the deepest avoids picking a multiple of the period (an octave too low).
        int best = -1;
        for (int lag = minLag; lag < maxLag; lag++) {
            if (norm[lag] < THRESHOLD) {
                while (lag + 1 < maxLag && norm[lag + 1] < norm[lag]) {
                    lag++;
                }
                best = lag;
                break;
            }
        }
        if (best < 0) { // nothing clearly periodic: report the best candidate anyway
            best = minLag;
            for (int lag = minLag; lag < maxLag; lag++) {
                if (norm[lag] < norm[best]) {
                    best = lag;
                }
            }
        }

        // The raw difference is close to a parabola around its minimum.
        double a = diff[best - 1];
        double b = diff[best];
        double c = diff[best + 1];
        double denom = a - 2 * b + c;
        double shift = denom > 0 ? 0.5 * (a - c) / denom : 0;
        double period = best + Math.max(-1, Math.min(1, shift));
        return new Pitch(sampleRate / period, Math.min(1, norm[best]));
    }
}
