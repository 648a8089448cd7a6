package dev.riffcode.hearing;

/**
 * Tempo and metre from an onset-strength envelope ({@link SpectralPass#flux}).
 *
 * <p>The envelope, less its moving average (so only rises that stand out count), is
 * autocorrelated. Every beat period from {@value #MIN_BPM} to {@value #MAX_BPM} bpm is scored by
 * its autocorrelation plus half that of twice the period, weighted by a broad preference for
 * moderate tempos (a log-normal centred on {@value #PRIOR_BPM} bpm, {@value #PRIOR_OCTAVES} of an
 * octave wide), which settles the octave question the way most listeners do: a hi-hat on every
 * eighth note at 96 bpm is 96, not 192, and a techno kick on every beat at 128 under a snare every
 * other beat is 128, not 64. (A prior one octave wide at 110 bpm read that techno pattern as 64.) The winner is refined on the farthest multiple of its period that the clip still holds
 * (period = position of that peak / multiple), which makes it accurate to a fraction of a percent
 * on a few bars.
 *
 * <p>The confidence is the normalised autocorrelation at the beat period: near 1 for a steady
 * beat, near 0 for noise or free time.
 *
 * <p>Metre: accents that repeat every three beats (a waltz's strong first beat) make the
 * autocorrelation at three beats stand above those at two and four; otherwise the bar is taken to
 * be in four (duple and quadruple metres are not told apart).
 */
final class TempoEstimator {

    static final double MIN_BPM = 40;
    static final double MAX_BPM = 240;
    static final double PRIOR_BPM = 120;
    static final double PRIOR_OCTAVES = 0.7;
    /** Below this confidence the clip has no beat worth reporting. */
    static final double MIN_CONFIDENCE = 0.1;
    /** Three beats must beat two and four by this much for a bar in three. */
    private static final double TRIPLE_MARGIN = 0.05;

    /** A tempo estimate; bpm is NaN when there is no beat. */
    record Estimate(double bpm, double confidence, int beatsPerBar, double meterConfidence) {
    }

    private TempoEstimator() {
    }

    /** Frames per second of the onset train that is autocorrelated (5 ms). */
    static final double FRAME_RATE = 200;
    /** Each onset is spread over a Gaussian this wide (standard deviation), for the timing jitter of real onsets. */
    private static final double SPREAD_SECONDS = 0.012;
    private static final int MIN_ONSETS = 4;

    /**
     * Tempo and metre of onsets at {@code times} (seconds) with accents {@code strengths}, in a
     * clip {@code seconds} long.
     */
    static Estimate estimate(double[] times, double[] strengths, double seconds) {
        if (times.length < MIN_ONSETS) {
            return new Estimate(Double.NaN, 0, 0, 0);
        }
        int n = (int) Math.ceil(seconds * FRAME_RATE) + 1;
        double[] e = new double[n];
        double[] loud = new double[n];
        double spread = SPREAD_SECONDS * FRAME_RATE;
        int reach = (int) Math.ceil(3 * spread);
        for (int i = 0; i < times.length; i++) {
            double at = times[i] * FRAME_RATE;
            int centre = (int) Math.round(at);
            for (int k = Math.max(0, centre - reach); k <= Math.min(n - 1, centre + reach); k++) {
                double d = (k - at) / spread;
                double g = Math.exp(-0.5 * d * d);
                e[k] += Math.sqrt(strengths[i]) * g;
                loud[k] += strengths[i] * g;
            }
        }
        return fromEnvelope(e, loud, FRAME_RATE);
    }

    static Estimate fromEnvelope(double[] e, double[] loud, double frameRate) {
        int n = e.length;
        int minLag = (int) Math.floor(60 * frameRate / MAX_BPM);
        int maxBeatLag = (int) Math.ceil(60 * frameRate / MIN_BPM);
        // Up to six beats of the slowest tempo, for the refinement and the metre, if the clip holds them.
        int maxLag = Math.min(n / 2, 6 * maxBeatLag + 8);
        if (maxLag <= minLag + 2) {
            return new Estimate(Double.NaN, 0, 0, 0);
        }
        double[] r = autocorrelation(e, maxLag);
        if (r == null) {
            return new Estimate(Double.NaN, 0, 0, 0);
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = Math.max(2, minLag); lag <= Math.min(maxBeatLag, maxLag - 1); lag++) {
            if (!(r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1])) {
                continue;
            }
            double bpm = 60 * frameRate / lag;
            // A beat's multiples that make up a bar (2 and 4 beats) must recur too: this is what
            // tells the beat from a dotted or syncopated period in a busy pattern.
            double sum = r[lag];
            int count = 1;
            for (int m = 2; m <= 4 && m * lag + 2 < maxLag; m *= 2) {
                sum += peakNear(r, m * lag, m);
                count++;
            }
            double score = sum / count * accentOnBeats(loud, refine(r, lag, maxLag)) * prior(bpm);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        if (best < 0 || r[best] < MIN_CONFIDENCE) {
            return new Estimate(Double.NaN, best < 0 ? 0 : Math.max(0, r[best]), 0, 0);
        }
        double period = refine(r, best, maxLag);
        double bpm = 60 * frameRate / period;
        double confidence = Math.max(0, Math.min(1, r[best]));

        int beatsPerBar = 4;
        double meterConfidence = 0;
        if (4 * period + 2 < maxLag) {
            double two = valueAt(r, 2 * period);
            double three = valueAt(r, 3 * period);
            double four = valueAt(r, 4 * period);
            double margin = three - Math.max(two, four);
            if (margin > TRIPLE_MARGIN) {
                beatsPerBar = 3;
            }
            meterConfidence = Math.min(1, Math.abs(margin) / 0.3);
        }
        return new Estimate(bpm, confidence, beatsPerBar, meterConfidence);
    }

    /**
     * How strong the onsets on the beats are, for a beat of {@code period} frames placed at its best
     * phase: the mean envelope at the beat positions. The beat of a pattern carries its accents
     * (kick and snare); a period of one and a half beats, which a busy pattern also repeats at,
     * lands on off-beats as often as on beats.
     */
    private static double accentOnBeats(double[] e, double period) {
        double best = 0;
        int phases = (int) Math.ceil(period);
        for (int phase = 0; phase < phases; phase++) {
            best = Math.max(best, meanAt(e, phase, period));
        }
        return best;
    }

    private static double meanAt(double[] e, double phase, double period) {
        double sum = 0;
        int count = 0;
        for (double t = phase; t < e.length - 0.5; t += period) {
            sum += e[(int) Math.round(t)];
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Normalised autocorrelation (r[0] = 1, each lag averaged over its overlap); null for a flat envelope. */
    static double[] autocorrelation(double[] e, int maxLag) {
        int n = e.length;
        double mean = 0;
        for (double v : e) {
            mean += v;
        }
        mean /= n;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = e[i] - mean;
        }
        double[] r = new double[maxLag + 1];
        int lag = 0;
        // Four lags at a time: four sums that do not wait on each other, each still added in the order of i (the
        // same bits as one lag at a time, about three times faster).
        for (; lag + 3 <= maxLag; lag += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = 0;
            for (; i + lag + 3 < n; i++) {
                double x = c[i];
                s0 += x * c[i + lag];
                s1 += x * c[i + lag + 1];
                s2 += x * c[i + lag + 2];
                s3 += x * c[i + lag + 3];
            }
            for (int j = i; j + lag < n; j++) {
                s0 += c[j] * c[j + lag];
            }
            for (int j = i; j + lag + 1 < n; j++) {
                s1 += c[j] * c[j + lag + 1];
            }
            for (int j = i; j + lag + 2 < n; j++) {
                s2 += c[j] * c[j + lag + 2];
            }
            r[lag] = s0 / (n - lag);
            r[lag + 1] = s1 / (n - lag - 1);
            r[lag + 2] = s2 / (n - lag - 2);
            r[lag + 3] = s3 / (n - lag - 3);
        }
        for (; lag <= maxLag; lag++) {
            double sum = 0;
            for (int i = 0; i + lag < n; i++) {
                sum += c[i] * c[i + lag];
            }
            r[lag] = sum / (n - lag);
        }
        if (!(r[0] > 0)) {
            return null;
        }
        double zero = r[0];
        for (int k = 0; k <= maxLag; k++) {
            r[k] /= zero;
        }
        return r;
    }

    private static double prior(double bpm) {
        double octaves = Math.log(bpm / PRIOR_BPM) / Math.log(2);
        return Math.exp(-0.5 * (octaves / PRIOR_OCTAVES) * (octaves / PRIOR_OCTAVES));
    }

    /** The largest value of r within radius of centre. */
    private static double peakNear(double[] r, int centre, int radius) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = Math.max(0, centre - radius); i <= Math.min(r.length - 1, centre + radius); i++) {
            best = Math.max(best, r[i]);
        }
        return best;
    }

    /** r at a fractional lag, by linear interpolation, taking the best of the neighbourhood (±2 %). */
    private static double valueAt(double[] r, double lag) {
        int radius = Math.max(1, (int) Math.round(lag * 0.02));
        return peakNear(r, (int) Math.round(lag), radius);
    }

    /**
     * The beat period to a fraction of a frame: the peak near the largest multiple m of the lag that
     * fits, located by parabolic interpolation, divided by m.
     */
    private static double refine(double[] r, int lag, int maxLag) {
        double period = lag;
        for (int m = 2; m <= 16; m++) {
            int centre = (int) Math.round(period * m);
            int radius = Math.max(2, (int) Math.round(period * 0.1));
            if (centre + radius + 1 >= maxLag) {
                break;
            }
            int peak = centre;
            for (int i = centre - radius; i <= centre + radius; i++) {
                if (r[i] > r[peak]) {
                    peak = i;
                }
            }
            if (peak == centre - radius || peak == centre + radius || r[peak] < 0.5 * r[lag]) {
                break; // no clear peak at this multiple: stop with what we have
            }
            period = interpolate(r, peak) / m;
        }
        return m1(r, lag, period);
    }

    /** With no multiple found, the lag itself refined by its own parabola. */
    private static double m1(double[] r, int lag, double period) {
        return period == lag ? interpolate(r, lag) : period;
    }

    private static double interpolate(double[] r, int i) {
        if (i <= 0 || i >= r.length - 1) {
            return i;
        }
        double a = r[i - 1];
        double b = r[i];
        double c = r[i + 1];
        double d = a - 2 * b + c;
        double shift = d < 0 ? 0.5 * (a - c) / d : 0;
        return i + Math.max(-0.5, Math.min(0.5, shift));
    }
}
