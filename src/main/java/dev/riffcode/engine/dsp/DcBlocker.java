package dev.riffcode.engine.dsp;

/**
 * DC blocker: the classic one-zero, one-pole high-pass {@code y = x - x[n-1] + R * y[n-1]},
 * with {@code R = exp(-2 pi fc / sr)} and a default corner of 10 Hz (-0.26 dB at 40 Hz, under
 * 0.07 dB above 80 Hz). State is kept in double precision. NaN or infinite inputs are treated
 * as 0 and inputs beyond ±1e30 are clamped, so the output is always finite. Never allocates.
 */
public final class DcBlocker {

    /** Default corner frequency in Hz. */
    public static final double DEFAULT_CUTOFF_HZ = 10.0;

    private static final double LIMIT = 1e30;

    private final double r;
    private double x1;
    private double y1;

    /**
     * Creates a DC blocker with a 10 Hz corner.
     *
     * @param sampleRate sample rate in Hz
     */
    public DcBlocker(double sampleRate) {
        this(sampleRate, DEFAULT_CUTOFF_HZ);
    }

    /**
     * Creates a DC blocker.
     *
     * @param sampleRate sample rate in Hz
     * @param cutoffHz corner frequency in Hz, clamped to 0.1 Hz .. sampleRate / 4
     */
    public DcBlocker(double sampleRate, double cutoffHz) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        double fc = Double.isNaN(cutoffHz) ? DEFAULT_CUTOFF_HZ
                : Math.max(0.1, Math.min(sampleRate / 4, cutoffHz));
        r = Math.exp(-2.0 * Math.PI * fc / sampleRate);
    }

    /** Clears the state. */
    public void reset() {
        x1 = 0.0;
        y1 = 0.0;
    }

    /**
     * Filters one sample.
     *
     * @param x input
     * @return output
     */
    public float next(float x) {
        return (float) nextDouble(x);
    }

    /**
     * Filters one sample in double precision (used by {@link SafetyLimiter}).
     *
     * @param x input; NaN or infinite is treated as 0
     * @return output
     */
    public double nextDouble(double x) {
        double in = scrub(x);
        double y = in - x1 + r * y1;
        x1 = in;
        y1 = Math.abs(y) < 1e-30 ? 0.0 : y; // decaying tails must not reach denormals
        if (!Double.isFinite(y)) {
            reset();
            return 0.0;
        }
        return y;
    }

    /**
     * Filters two channels in place, {@code n} samples each, exactly as {@code n} calls of
     * {@link #nextDouble} on each would, with the state kept in registers and the two channels'
     * recursions side by side (used by {@link SafetyLimiter}, once per chunk).
     *
     * @param a first channel's blocker
     * @param bufA first channel, replaced by its output
     * @param b second channel's blocker
     * @param bufB second channel, replaced by its output
     * @param off first index in both buffers
     * @param n number of samples
     */
    static void nextDoubles(DcBlocker a, double[] bufA, DcBlocker b, double[] bufB, int off, int n) {
        final double ra = a.r;
        final double rb = b.r;
        double xa = a.x1;
        double ya = a.y1;
        double xb = b.x1;
        double yb = b.y1;
        for (int i = off, end = off + n; i < end; i++) {
            double inA = scrub(bufA[i]);
            double inB = scrub(bufB[i]);
            double outA = inA - xa + ra * ya;
            double outB = inB - xb + rb * yb;
            xa = inA;
            xb = inB;
            ya = Math.abs(outA) < 1e-30 ? 0.0 : outA; // decaying tails must not reach denormals
            yb = Math.abs(outB) < 1e-30 ? 0.0 : outB;
            if (!Double.isFinite(outA)) {
                xa = 0.0;
                ya = 0.0;
                outA = 0.0;
            }
            if (!Double.isFinite(outB)) {
                xb = 0.0;
                yb = 0.0;
                outB = 0.0;
            }
            bufA[i] = outA;
            bufB[i] = outB;
        }
        a.x1 = xa;
        a.y1 = ya;
        b.x1 = xb;
        b.y1 = yb;
    }

    /**
     * Filters {@code buf[off .. off+n)} in place.
     *
     * @param buf audio
     * @param off first index
     * @param n number of samples
     */
    public void process(float[] buf, int off, int n) {
        final double rr = r;
        double px = x1;
        double py = y1;
        for (int i = off, end = off + n; i < end; i++) {
            double in = scrub(buf[i]);
            // Only the fused multiply-add depends on the previous output.
            double y = Math.fma(rr, py, in - px);
            px = in;
            py = y;
            buf[i] = (float) y;
        }
        x1 = px;
        y1 = Math.abs(py) < 1e-30 ? 0.0 : py; // decaying tails must not reach denormals
        if (!Double.isFinite(py) || !Double.isFinite(px)) {
            reset();
        }
    }

    /** NaN and infinities become 0; the clamp keeps even the float cast of the output finite. */
    private static double scrub(double x) {
        if (x >= -LIMIT && x <= LIMIT) {
            return x;
        }
        return x > LIMIT ? LIMIT : (x < -LIMIT ? -LIMIT : 0.0);
    }
}
