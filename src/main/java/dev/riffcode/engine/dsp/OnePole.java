package dev.riffcode.engine.dsp;

/**
 * First-order (6 dB/octave) low-pass or high-pass: cheap parameter smoothing, tone shaping,
 * DC removal. The low-pass is {@code y += a * (x - y)} with {@code a = 1 - exp(-2 pi fc / sr)}
 * (the impulse-invariant one-pole, whose time constant is exactly {@code 1 / (2 pi fc)}); the
 * high-pass is {@code x - lowpass(x)}.
 *
 * <p>Cutoff is clamped to {@code [0.01 Hz, 0.49 * sampleRate]}; NaN or infinite inputs are
 * treated as 0 and inputs beyond ±1e30 clamped, so the output is always finite. Never
 * allocates.
 */
public final class OnePole {

    /** Filter responses. */
    public enum Mode {
        /** Low-pass (smoothing). */
        LOWPASS,
        /** High-pass (complement of the low-pass). */
        HIGHPASS
    }

    private final double sampleRate;
    private Mode mode;
    private double cutoff;
    private double a;
    private double y;

    /**
     * Creates a filter.
     *
     * @param sampleRate sample rate in Hz
     * @param mode low-pass or high-pass
     * @param cutoffHz cutoff in Hz
     */
    public OnePole(double sampleRate, Mode mode, double cutoffHz) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.mode = mode;
        setCutoff(cutoffHz);
    }

    /**
     * Creates a smoother whose step response reaches 63% after {@code seconds}.
     *
     * @param sampleRate sample rate in Hz
     * @param seconds time constant
     * @return a low-pass one-pole
     */
    public static OnePole smoother(double sampleRate, double seconds) {
        double s = seconds > 1e-6 ? seconds : 1e-6;
        return new OnePole(sampleRate, Mode.LOWPASS, 1.0 / (2.0 * Math.PI * s));
    }

    /**
     * Sets the cutoff, clamped to {@code [0.01 Hz, 0.49 * sampleRate]}; NaN is ignored.
     *
     * @param hz cutoff in Hz
     */
    public void setCutoff(double hz) {
        if (Double.isNaN(hz)) {
            return;
        }
        cutoff = Math.max(0.01, Math.min(0.49 * sampleRate, hz));
        a = 1.0 - Math.exp(-2.0 * Math.PI * cutoff / sampleRate);
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
     * Sets the response type.
     *
     * @param mode low-pass or high-pass
     */
    public void setMode(Mode mode) {
        this.mode = mode;
    }

    /** Clears the state to 0. */
    public void reset() {
        y = 0.0;
    }

    /**
     * Sets the low-pass state, e.g. to start a smoother at its target without a glide.
     *
     * @param value new state
     */
    public void reset(float value) {
        y = Float.isFinite(value) ? value : 0.0;
    }

    /**
     * Filters one sample.
     *
     * @param x input
     * @return output
     */
    public float next(float x) {
        double in = scrub(x);
        y += a * (in - y);
        if (!Double.isFinite(y) || Math.abs(y) < 1e-30) {
            y = 0.0; // also keeps decaying tails out of denormals
        }
        return (float) (mode == Mode.LOWPASS ? y : in - y);
    }

    /**
     * Filters {@code buf[off .. off+n)} in place.
     *
     * @param buf audio
     * @param off first index
     * @param n number of samples
     */
    public void process(float[] buf, int off, int n) {
        final double aa = a;
        final double bb = 1.0 - a;
        final boolean low = mode == Mode.LOWPASS;
        double s = y;
        for (int i = off, end = off + n; i < end; i++) {
            double in = scrub(buf[i]);
            // s = b s + a x: only one fused multiply-add on the recursive path.
            s = Math.fma(bb, s, aa * in);
            buf[i] = (float) (low ? s : in - s);
        }
        y = Double.isFinite(s) && Math.abs(s) >= 1e-30 ? s : 0.0;
    }

    private static double scrub(float x) {
        if (x >= -1e30f && x <= 1e30f) {
            return x;
        }
        return x > 0 ? 1e30 : (x < 0 ? -1e30 : 0.0);
    }
}
