package dev.riffcode.engine.dsp;

/**
 * The safety limiter as it was before its block fast path ({@link SafetyLimiter}), kept unchanged as the
 * reference the fast one is compared with sample by sample (EngineReferenceTest, SafetyLimiterTest).
 *
 * <p>Last stage of every output, for ears and speakers: after
 * {@link #process(float[], float[], int, int)} no sample's magnitude exceeds the ceiling,
 * whatever the input (NaN, infinities, 1e30, DC, +40 dB square waves).
 *
 * <p>Signal path, per stereo-linked sample:
 * <ol>
 * <li>Scrub: NaN and infinities become 0; finite input is clamped to ±{@value #INPUT_CLAMP}
 *     (+48 dBFS), so one absurd sample cannot drive the DC blocker into a long tail that
 *     would mute the output for seconds.</li>
 * <li>DC blocker (first-order high-pass at 5 Hz, -0.07 dB at 40 Hz), state reset if it is ever
 *     non-finite.</li>
 * <li>Look-ahead brick-wall limiter. The gain each sample needs is
 *     {@code min(1, ceiling / max(|L|, |R|))}. Its minimum over a window of {@code W} samples
 *     (a monotonic deque, O(1) per sample) is passed through a release smoother that only
 *     slows rises (time constant {@code releaseMs}), then averaged by a {@code W}-sample box
 *     filter. The audio is delayed by {@code W - 1} samples, so every gain in the box already
 *     covers the sample about to leave: the gain is fully down when a peak arrives, and the
 *     attack is a smooth ramp lasting the look-ahead.</li>
 * <li>Hard clamp to ±ceiling: the guarantee, which should only ever touch rounding errors.</li>
 * </ol>
 *
 * <p>Signals whose peaks stay below the ceiling get a gain of exactly 1: they pass unchanged
 * apart from the DC blocker and the {@link #latencySamples()} delay. Never allocates.
 */
public final class ReferenceSafetyLimiter {

    /** Default ceiling: -0.3 dBFS. */
    public static final double DEFAULT_CEILING_DB = -0.3;
    /** Default look-ahead in milliseconds. */
    public static final double DEFAULT_LOOKAHEAD_MS = 1.5;
    /** Default release time constant in milliseconds. */
    public static final double DEFAULT_RELEASE_MS = 80.0;
    /** DC blocker corner in Hz. */
    public static final double DC_CUTOFF_HZ = 5.0;
    /** Finite inputs are clamped to this magnitude before anything else. */
    public static final double INPUT_CLAMP = 256.0;

    private final DcBlocker dcLeft;
    private final DcBlocker dcRight;
    private final int window;
    private final int latency;
    private final double releaseCoeff;
    private float ceiling;
    private double ceilingD;

    /** Look-ahead delay for the audio, ring of {@code latency} samples. */
    private final double[] delayLeft;
    private final double[] delayRight;
    private int delayPos;
    /** Box filter over the smoothed gain. */
    private final double[] box;
    private double boxSum;
    private int pos;

    /** Sliding-minimum deque: values and sample indices, ring of power-of-two size. */
    private final double[] dqValue;
    private final long[] dqIndex;
    private final int dqMask;
    private int dqHead;
    private int dqTail;
    private long sampleIndex;

    private double released = 1.0;
    private double lastMinGain = 1.0;

    /**
     * Creates a limiter with a -0.3 dBFS ceiling, 1.5 ms look-ahead and 80 ms release.
     *
     * @param sampleRate sample rate in Hz
     */
    public ReferenceSafetyLimiter(double sampleRate) {
        this(sampleRate, DEFAULT_CEILING_DB, DEFAULT_LOOKAHEAD_MS, DEFAULT_RELEASE_MS);
    }

    /**
     * Creates a limiter.
     *
     * @param sampleRate sample rate in Hz
     * @param ceilingDb output ceiling in dBFS (clamped to -60..0; NaN gives the default)
     * @param lookaheadMs look-ahead in ms (clamped to 0.1..20); also the attack time
     * @param releaseMs release time constant in ms (clamped to 1..5000)
     */
    public ReferenceSafetyLimiter(double sampleRate, double ceilingDb, double lookaheadMs,
            double releaseMs) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        dcLeft = new DcBlocker(sampleRate, DC_CUTOFF_HZ);
        dcRight = new DcBlocker(sampleRate, DC_CUTOFF_HZ);
        double la = Double.isNaN(lookaheadMs) ? DEFAULT_LOOKAHEAD_MS
                : Math.max(0.1, Math.min(20.0, lookaheadMs));
        latency = Math.max(1, (int) Math.round(la * 1e-3 * sampleRate));
        window = latency + 1;
        double rel = Double.isNaN(releaseMs) ? DEFAULT_RELEASE_MS
                : Math.max(1.0, Math.min(5000.0, releaseMs));
        releaseCoeff = 1.0 - Math.exp(-1.0 / (rel * 1e-3 * sampleRate));
        delayLeft = new double[latency];
        delayRight = new double[latency];
        box = new double[window];
        int dq = Integer.highestOneBit(window) << 1;
        dqValue = new double[dq];
        dqIndex = new long[dq];
        dqMask = dq - 1;
        setCeilingDb(ceilingDb);
        reset();
    }

    /**
     * Sets the ceiling.
     *
     * @param db ceiling in dBFS, clamped to -60..0 (NaN gives -0.3)
     */
    public void setCeilingDb(double db) {
        double d = Double.isNaN(db) ? DEFAULT_CEILING_DB : Math.max(-60.0, Math.min(0.0, db));
        ceiling = (float) Math.pow(10.0, d / 20.0);
        ceilingD = ceiling;
    }

    /**
     * Returns the ceiling as a linear amplitude (0.966 for -0.3 dBFS).
     *
     * @return the largest magnitude the output can have
     */
    public float ceiling() {
        return ceiling;
    }

    /**
     * Returns the delay the limiter adds, so the renderer can compensate.
     *
     * @return latency in samples
     */
    public int latencySamples() {
        return latency;
    }

    /**
     * Returns the largest gain reduction applied during the last {@code process} call.
     *
     * @return reduction in dB, 0 when nothing was limited, positive otherwise
     */
    public double lastGainReductionDb() {
        return -20.0 * Math.log10(Math.max(lastMinGain, 1e-30));
    }

    /** Clears all state: silence in the look-ahead, gain 1, DC blockers reset. */
    public void reset() {
        dcLeft.reset();
        dcRight.reset();
        java.util.Arrays.fill(delayLeft, 0.0);
        java.util.Arrays.fill(delayRight, 0.0);
        java.util.Arrays.fill(box, 1.0);
        boxSum = window;
        pos = 0;
        delayPos = 0;
        dqHead = 0;
        dqTail = 0;
        sampleIndex = 0;
        released = 1.0;
        lastMinGain = 1.0;
    }

    /**
     * Processes a stereo block in place. Afterwards every sample in
     * {@code left[off .. off+n)} and {@code right[off .. off+n)} is finite and within
     * ±{@link #ceiling()}. For mono, pass the same array twice.
     *
     * @param left left channel
     * @param right right channel
     * @param off first index
     * @param n number of samples
     */
    public void process(float[] left, float[] right, int off, int n) {
        final int w = window;
        final double c = ceilingD;
        final double rc = releaseCoeff;
        final float cf = ceiling;
        double minGain = 1.0;
        for (int i = off, end = off + n; i < end; i++) {
            double l = dcLeft.nextDouble(scrub(left[i]));
            double r = dcRight.nextDouble(scrub(right[i]));

            double peak = Math.max(Math.abs(l), Math.abs(r));
            double need = peak > c ? c / peak : 1.0;

            // Sliding minimum of the needed gain over the last w samples.
            long idx = sampleIndex++;
            while (dqTail != dqHead && dqValue[(dqTail - 1) & dqMask] >= need) {
                dqTail--;
            }
            dqValue[dqTail & dqMask] = need;
            dqIndex[dqTail & dqMask] = idx;
            dqTail++;
            if (dqIndex[dqHead & dqMask] <= idx - w) {
                dqHead++;
            }
            double held = dqValue[dqHead & dqMask];

            // Release: follow drops at once, rises slowly; never above the held minimum.
            released = held < released ? held : released + (held - released) * rc;

            // Box filter: the mean of the last w smoothed gains.
            boxSum += released - box[pos];
            box[pos] = released;
            double gain = Math.min(1.0, boxSum / w);

            if (++pos == w) {
                pos = 0;
                resum();
            }

            // Swap the new sample into the look-ahead ring and take out the one from
            // w - 1 samples ago: the oldest sample every gain in the box was computed for.
            double outL = delayLeft[delayPos];
            double outR = delayRight[delayPos];
            delayLeft[delayPos] = l;
            delayRight[delayPos] = r;
            if (++delayPos == latency) {
                delayPos = 0;
            }

            minGain = Math.min(minGain, gain);
            left[i] = clamp((float) (outL * gain), cf);
            if (right != left) {
                right[i] = clamp((float) (outR * gain), cf);
            }
        }
        lastMinGain = minGain;
    }

    /** Recomputes the box sum exactly once per lap so rounding cannot drift. */
    private void resum() {
        double s = 0.0;
        for (double v : box) {
            s += v;
        }
        boxSum = s;
    }

    private static double scrub(float x) {
        if (!Float.isFinite(x)) {
            return 0.0;
        }
        return Math.max(-INPUT_CLAMP, Math.min(INPUT_CLAMP, x));
    }

    private static float clamp(float x, float c) {
        // The comparison form also maps a NaN (impossible here, but cheap to rule out) to 0.
        if (x >= -c && x <= c) {
            return x;
        }
        return x > c ? c : (x < -c ? -c : 0f);
    }
}
