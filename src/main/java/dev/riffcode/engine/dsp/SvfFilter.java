package dev.riffcode.engine.dsp;

/**
 * State-variable filter in the topology-preserving, trapezoidal-integrator form described by
 * Andrew Simper (Cytomic): it keeps the analog prototype's response up to Nyquist without
 * cramping, and stays stable when the cutoff moves every sample.
 *
 * <p>Cutoff is clamped to {@code [10 Hz, 0.45 * sampleRate]}. Resonance {@code r} in 0..1 maps
 * exponentially to {@code Q = 0.7071 * (20 / 0.7071)^r}: {@code r = 0} is Butterworth
 * (low-pass -3 dB at the cutoff, no peak), {@code r = 0.5} is {@code Q ≈ 3.8},
 * {@code r = 1} is {@code Q = 20} (about +26 dB peak). The filter cannot self-oscillate, so
 * it is stable for every setting.
 *
 * <p>Outputs: low-pass and high-pass have unity pass-band gain; band-pass is normalised to
 * 0 dB at the centre for every Q; the notch is unity away from the cutoff.
 *
 * <p>Robustness: NaN or infinite inputs are treated as 0, finite inputs are limited to
 * ±{@value #INPUT_LIMIT}, NaN parameters fall back to safe values, and the state is reset if
 * it ever becomes non-finite, so the output is always finite. State is kept in double
 * precision, which keeps low cutoffs clean.
 *
 * <p>Changes made with {@link #setCutoff}/{@link #setResonance} are ramped across the next
 * {@code process} call to avoid zipper noise; settings made before the first sample apply at once
 * (there is no sound yet to glide). The per-block methods never allocate.
 */
public final class SvfFilter {

    /** Filter responses. */
    public enum Mode {
        /** 12 dB/octave low-pass. */
        LOWPASS,
        /** 12 dB/octave high-pass. */
        HIGHPASS,
        /** Band-pass, 0 dB at the centre frequency. */
        BANDPASS,
        /** Band-reject. */
        NOTCH
    }

    /** Lowest cutoff in Hz. */
    public static final double MIN_CUTOFF_HZ = 10.0;
    /** Highest cutoff as a fraction of the sample rate. */
    public static final double MAX_CUTOFF_RATIO = 0.45;
    /** Q at resonance 0 (Butterworth). */
    public static final double MIN_Q = Math.sqrt(0.5);
    /** Q at resonance 1. */
    public static final double MAX_Q = 20.0;
    /** Largest input magnitude accepted; beyond it inputs are clamped. */
    public static final float INPUT_LIMIT = 1e6f;

    private final double sampleRate;
    private final double minCutoff;
    private final double maxCutoff;
    private final double piOverSr;

    private Mode mode = Mode.LOWPASS;
    private double cutoff = 1000.0;
    private double resonance = 0.0;

    /** Coefficient targets (from the setters) and the values currently applied. */
    private double gTarget;
    private double kTarget;
    private double g;
    private double k;

    private double ic1;
    private double ic2;
    /** False until the first sample: settings made before it apply at once, as there is no sound to glide. */
    private boolean sounded;

    /**
     * Creates a low-pass at 1 kHz with resonance 0.
     *
     * @param sampleRate sample rate in Hz
     */
    public SvfFilter(double sampleRate) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.piOverSr = Math.PI / sampleRate;
        this.minCutoff = MIN_CUTOFF_HZ;
        this.maxCutoff = MAX_CUTOFF_RATIO * sampleRate;
        setCutoff(cutoff);
        setResonance(resonance);
        g = gTarget;
        k = kTarget;
    }

    /**
     * Maps resonance 0..1 to Q (see the class comment).
     *
     * @param r resonance, clamped to 0..1 (NaN gives 0)
     * @return Q, from {@link #MIN_Q} to {@link #MAX_Q}
     */
    public static double resonanceToQ(double r) {
        r = Double.isNaN(r) ? 0.0 : Math.max(0.0, Math.min(1.0, r));
        return MIN_Q * Math.pow(MAX_Q / MIN_Q, r);
    }

    /**
     * Sets the response type.
     *
     * @param mode new mode
     */
    public void setMode(Mode mode) {
        this.mode = mode;
    }

    /**
     * Returns the response type.
     *
     * @return mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * Sets the cutoff (centre for band-pass and notch), clamped to
     * {@code [10 Hz, 0.45 * sampleRate]}; NaN leaves it unchanged.
     *
     * @param hz cutoff in Hz
     */
    public void setCutoff(double hz) {
        if (Double.isNaN(hz)) {
            return;
        }
        cutoff = Math.max(minCutoff, Math.min(maxCutoff, hz));
        gTarget = Math.tan(piOverSr * cutoff);
        if (!sounded) {
            g = gTarget;
        }
    }

    /**
     * Returns the cutoff after clamping.
     *
     * @return cutoff in Hz
     */
    public double cutoff() {
        return cutoff;
    }

    /**
     * Sets the resonance, 0..1 (clamped; NaN gives 0). See the class comment for the Q mapping.
     *
     * @param r resonance
     */
    public void setResonance(double r) {
        resonance = Double.isNaN(r) ? 0.0 : Math.max(0.0, Math.min(1.0, r));
        kTarget = 1.0 / resonanceToQ(resonance);
        if (!sounded) {
            k = kTarget;
        }
    }

    /**
     * Returns the resonance.
     *
     * @return resonance, 0..1
     */
    public double resonance() {
        return resonance;
    }

    /** Clears the filter state (silence in, silence out); the settings then apply at once, with no glide. */
    public void reset() {
        ic1 = 0.0;
        ic2 = 0.0;
        g = gTarget;
        k = kTarget;
    }

    /**
     * Filters one sample with the current settings (no ramping).
     *
     * @param x input
     * @return filtered output
     */
    public float processSample(float x) {
        sounded = true;
        g = gTarget;
        k = kTarget;
        double v0 = scrub(x);
        double a1 = 1.0 / (1.0 + g * (g + k));
        double v3 = v0 - ic2;
        double v1 = a1 * ic1 + g * a1 * v3;
        double v2 = ic2 + g * v1;
        ic1 = 2.0 * v1 - ic1;
        ic2 = 2.0 * v2 - ic2;
        float y = (float) mix(v0, v1, v2);
        checkState();
        return Float.isFinite(y) ? y : 0f;
    }

    /**
     * Filters {@code buf[off .. off+n)} in place. If the cutoff or resonance changed since the
     * last call, the coefficients glide to the new values across this block.
     *
     * @param buf audio, replaced by the filtered signal
     * @param off first index
     * @param n number of samples
     */
    public void process(float[] buf, int off, int n) {
        if (n <= 0) {
            return;
        }
        sounded = true;
        if (g != gTarget || k != kTarget) {
            processRamped(buf, off, n);
            return;
        }
        final double gg = g;
        final double kk = k;
        final double a1 = 1.0 / (1.0 + gg * (gg + kk));
        final double a2 = gg * a1;
        final double a3 = gg * a2;
        final double m0 = mixDry();
        final double m1 = mixBand(kk);
        final double m2 = mixLow();
        // The state update s = 2v - s written out as s' = C s + B v0: the same filter, but each new state is
        // a product and two sums away from the last (was five steps), so a sample no longer waits ~15 cycles on the one
        // before it. v1 and v2 only feed the output, off that chain.
        final double c11 = 2.0 * a1 - 1.0;
        final double c12 = -2.0 * a2;
        final double b1 = 2.0 * a2;
        final double c21 = 2.0 * a2;
        final double c22 = 1.0 - 2.0 * a3;
        final double b2 = 2.0 * a3;
        double s1 = ic1;
        double s2 = ic2;
        for (int i = off, end = off + n; i < end; i++) {
            double v0 = scrub(buf[i]);
            double v3 = v0 - s2;
            double v1 = a1 * s1 + a2 * v3;
            double v2 = s2 + a2 * s1 + a3 * v3;
            double next1 = (b1 * v0 + c12 * s2) + c11 * s1;
            double next2 = (b2 * v0 + c22 * s2) + c21 * s1;
            s1 = next1;
            s2 = next2;
            buf[i] = (float) (m0 * v0 + m1 * v1 + m2 * v2);
        }
        ic1 = s1;
        ic2 = s2;
        checkState();
    }

    /**
     * Filters in place with a per-sample cutoff (sweeps, envelopes, audio-rate modulation).
     * Each cutoff is clamped like {@link #setCutoff} (NaN gives the lowest cutoff); the
     * resonance comes from {@link #setResonance}. Stable under arbitrarily fast modulation.
     * The stored {@link #cutoff()} is not changed, but the filter goes on from the last cutoff:
     * a later {@link #process} glides from there, not from a cutoff set before the modulation.
     *
     * @param buf audio, replaced by the filtered signal
     * @param off first index
     * @param n number of samples
     * @param cutoffHz cutoff per sample in Hz
     * @param cutOff index in {@code cutoffHz} of the cutoff for {@code buf[off]}
     */
    public void processModulated(float[] buf, int off, int n, float[] cutoffHz, int cutOff) {
        if (n <= 0) {
            return;
        }
        sounded = true;
        k = kTarget;
        final double kk = k;
        final double m0 = mixDry();
        final double m1 = mixBand(kk);
        final double m2 = mixLow();
        final double lo = minCutoff;
        final double hi = maxCutoff;
        final double w = piOverSr;
        double s1 = ic1;
        double s2 = ic2;
        double c = lo;
        for (int i = 0; i < n; i++) {
            c = cutoffHz[cutOff + i];
            if (!(c >= lo)) {
                c = lo; // also catches NaN
            } else if (c > hi) {
                c = hi;
            }
            double gg = fastTan(w * c);
            double a1 = 1.0 / (1.0 + gg * (gg + kk));
            double v0 = scrub(buf[off + i]);
            double v3 = v0 - s2;
            double v1 = a1 * s1 + gg * a1 * v3;
            double v2 = s2 + gg * v1;
            s1 = 2.0 * v1 - s1;
            s2 = 2.0 * v2 - s2;
            buf[off + i] = (float) (m0 * v0 + m1 * v1 + m2 * v2);
        }
        // Computed as setCutoff does, so going on at this cutoff with process() is no change.
        g = Math.tan(w * c);
        ic1 = s1;
        ic2 = s2;
        checkState();
    }

    /** Linear glide of g and k over the block; a1 is recomputed each sample. */
    private void processRamped(float[] buf, int off, int n) {
        final double dg = (gTarget - g) / n;
        final double dk = (kTarget - k) / n;
        final double m0 = mixDry();
        final double bandSign = mixBand(1.0);
        final double m2 = mixLow();
        double gg = g;
        double kk = k;
        double s1 = ic1;
        double s2 = ic2;
        for (int i = off, end = off + n; i < end; i++) {
            gg += dg;
            kk += dk;
            double a1 = 1.0 / (1.0 + gg * (gg + kk));
            double v0 = scrub(buf[i]);
            double v3 = v0 - s2;
            double v1 = a1 * s1 + gg * a1 * v3;
            double v2 = s2 + gg * v1;
            s1 = 2.0 * v1 - s1;
            s2 = 2.0 * v2 - s2;
            buf[i] = (float) (m0 * v0 + bandSign * kk * v1 + m2 * v2);
        }
        g = gTarget;
        k = kTarget;
        ic1 = s1;
        ic2 = s2;
        checkState();
    }

    /** Output = m0 * input + m1 * band + m2 * low; these give the four modes. */
    private double mixDry() {
        return mode == Mode.HIGHPASS || mode == Mode.NOTCH ? 1.0 : 0.0;
    }

    private double mixBand(double kk) {
        switch (mode) {
            case BANDPASS:
                return kk;
            case HIGHPASS:
            case NOTCH:
                return -kk;
            default:
                return 0.0;
        }
    }

    private double mixLow() {
        switch (mode) {
            case LOWPASS:
                return 1.0;
            case HIGHPASS:
                return -1.0;
            default:
                return 0.0;
        }
    }

    private double mix(double v0, double v1, double v2) {
        return mixDry() * v0 + mixBand(k) * v1 + mixLow() * v2;
    }

    private static double scrub(float x) {
        if (x >= -INPUT_LIMIT && x <= INPUT_LIMIT) {
            return x;
        }
        return x > 0 ? INPUT_LIMIT : (x < 0 ? -INPUT_LIMIT : 0.0);
    }

    /** Resets a non-finite state, and flushes a decayed one before it reaches denormals. */
    private void checkState() {
        if (!Double.isFinite(ic1) || !Double.isFinite(ic2)
                || Math.abs(ic1) + Math.abs(ic2) < 1e-30) {
            ic1 = 0.0;
            ic2 = 0.0;
        }
    }

    /**
     * tan(x) for 0 <= x <= 0.45π by its [7/6] Padé approximant (relative error below 4e-9
     * there), several times cheaper than Math.tan.
     */
    static double fastTan(double x) {
        double x2 = x * x;
        return x * (135135.0 - x2 * (17325.0 - x2 * (378.0 - x2)))
                / (135135.0 - x2 * (62370.0 - x2 * (3150.0 - 28.0 * x2)));
    }

    /**
     * Returns the sample rate.
     *
     * @return sample rate in Hz
     */
    public double sampleRate() {
        return sampleRate;
    }
}
