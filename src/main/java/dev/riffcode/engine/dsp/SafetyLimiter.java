package dev.riffcode.engine.dsp;

/**
 * Last stage of every output, for ears and speakers: after
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
public final class SafetyLimiter {

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

    /**
     * The look-ahead delay and the chunk in one buffer per channel: {@code [0, latency)} holds the
     * last {@code latency} samples of the previous chunk, then come this chunk's DC-blocked samples.
     * Output frame {@code j} of a chunk is the sample at {@code j}, the one {@code latency} before
     * the new sample at {@code latency + j}.
     */
    private final double[] lookLeft;
    private final double[] lookRight;
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
    /** Frames per pass: the DC blockers run over a chunk before the gain stage reads it. */
    private static final int CHUNK = 512;
    private double lastMinGain = 1.0;

    /**
     * Creates a limiter with a -0.3 dBFS ceiling, 1.5 ms look-ahead and 80 ms release.
     *
     * @param sampleRate sample rate in Hz
     */
    public SafetyLimiter(double sampleRate) {
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
    public SafetyLimiter(double sampleRate, double ceilingDb, double lookaheadMs,
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
        lookLeft = new double[latency + CHUNK];
        lookRight = new double[latency + CHUNK];
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
        java.util.Arrays.fill(lookLeft, 0.0);
        java.util.Arrays.fill(lookRight, 0.0);
        java.util.Arrays.fill(box, 1.0);
        boxSum = window;
        pos = 0;
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
     * <p>The DC blockers run first over a chunk. When the chunk stays below the ceiling and no
     * sample in the look-ahead window needs a reduction, the window's minimum is 1 throughout: at
     * rest (the release settled) the gain is a constant and the chunk only passes through the
     * look-ahead delay; while the gain is still coming back up only the release and the box run.
     * Otherwise every sample takes the full look-ahead path. All three give exactly the same samples.
     *
     * @param left left channel
     * @param right right channel
     * @param off first index
     * @param n number of samples
     */
    public void process(float[] left, float[] right, int off, int n) {
        double minGain = 1.0;
        for (int at = off, end = off + n; at < end; ) {
            int count = Math.min(end - at, CHUNK);
            double peak = dcBlock(left, right, at, count);
            double chunkMin;
            if (peak > ceilingD || !windowNeedsNoReduction()) {
                chunkMin = limit(left, right, at, count);
            } else if (atRest()) {
                chunkMin = passAtRest(left, right, at, count);
            } else {
                chunkMin = recover(left, right, at, count);
            }
            shiftLookAhead(count);
            minGain = Math.min(minGain, chunkMin);
            at += count;
        }
        lastMinGain = minGain;
    }

    /** Scrubs and DC-blocks {@code count} frames into the look-ahead buffers after the delay; returns their peak. */
    private double dcBlock(float[] left, float[] right, int at, int count) {
        final int d = latency;
        for (int j = 0; j < count; j++) {
            lookLeft[d + j] = scrub(left[at + j]);
            lookRight[d + j] = scrub(right[at + j]);
        }
        DcBlocker.nextDoubles(dcLeft, lookLeft, dcRight, lookRight, d, count);
        double peak = 0.0;
        for (int j = d, end = d + count; j < end; j++) {
            // compared, not Math.max: the samples are finite by now, and this form is several times faster
            double a = Math.abs(lookLeft[j]) > Math.abs(lookRight[j]) ? Math.abs(lookLeft[j]) : Math.abs(lookRight[j]);
            peak = a > peak ? a : peak;
        }
        return peak;
    }

    /** Keeps the chunk's last {@code latency} samples as the next chunk's delay. */
    private void shiftLookAhead(int count) {
        System.arraycopy(lookLeft, count, lookLeft, 0, latency);
        System.arraycopy(lookRight, count, lookRight, 0, latency);
    }

    /** True when no sample in the look-ahead window needs a gain below 1 (the deque's head is its minimum). */
    private boolean windowNeedsNoReduction() {
        return dqHead == dqTail || dqValue[dqHead & dqMask] == 1.0;
    }

    /**
     * True when a chunk whose every sample needs no reduction would leave the limiter's state as it
     * is: the release has settled on its fixed point and the box holds only that value.
     */
    private boolean atRest() {
        double r = released;
        double next = 1.0 < r ? 1.0 : r + (1.0 - r) * releaseCoeff;
        if (next != r) {
            return false;
        }
        for (double v : box) {
            if (v != r) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rest state's shortcut: the gain is {@code boxSum / w}, which only changes where the box
     * is re-summed, so the chunk is the look-ahead delay times that gain.
     */
    private double passAtRest(float[] left, float[] right, int at, int count) {
        final int w = window;
        double minGain = 1.0;
        int j = 0;
        while (j < count) {
            int run = Math.min(count - j, w - pos);
            double gain = Math.min(1.0, boxSum / w);
            minGain = Math.min(minGain, gain);
            for (int k = 0; k < run; k++, j++) {
                emit(left, right, at + j, j, gain);
            }
            pos += run;
            if (pos == w) {
                pos = 0;
                resum();
            }
        }
        heldAtOne(count);
        return minGain;
    }

    /**
     * A chunk below the ceiling while the gain is still coming back up after a reduction: the full path
     * with a held minimum of 1 on every sample (so no deque work and no division for the needed gain).
     */
    private double recover(float[] left, float[] right, int at, int count) {
        final double rc = releaseCoeff;
        double minGain = 1.0;
        double r = released;
        for (int j = 0; j < count; j++) {
            r = 1.0 < r ? 1.0 : r + (1.0 - r) * rc;
            double gain = boxGain(r);
            minGain = Math.min(minGain, gain);
            emit(left, right, at + j, j, gain);
        }
        released = r;
        heldAtOne(count);
        return minGain;
    }

    /** What the full path leaves in the sliding-minimum deque after {@code count} needed gains of 1. */
    private void heldAtOne(int count) {
        sampleIndex += count;
        dqHead = 0;
        dqValue[0] = 1.0;
        dqIndex[0] = sampleIndex - 1;
        dqTail = 1;
    }

    /** The full look-ahead path, sample by sample, over frames already DC-blocked. */
    private double limit(float[] left, float[] right, int at, int count) {
        final int w = window;
        final double c = ceilingD;
        final double rc = releaseCoeff;
        double minGain = 1.0;
        for (int j = 0; j < count; j++) {
            double l = lookLeft[latency + j];
            double r = lookRight[latency + j];

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

            double gain = boxGain(released);

            // Out goes the sample from w - 1 samples ago: the oldest sample every gain in the box
            // was computed for.
            minGain = Math.min(minGain, gain);
            emit(left, right, at + j, j, gain);
        }
        return minGain;
    }

    /** Box filter: puts a smoothed gain in, returns the mean of the last w (at most 1). */
    private double boxGain(double smoothed) {
        boxSum += smoothed - box[pos];
        box[pos] = smoothed;
        double gain = Math.min(1.0, boxSum / window);
        if (++pos == window) {
            pos = 0;
            resum();
        }
        return gain;
    }

    /** Output frame {@code i}: the delayed sample at {@code j} times the gain, clamped to the ceiling. */
    private void emit(float[] left, float[] right, int i, int j, double gain) {
        left[i] = clamp((float) (lookLeft[j] * gain), ceiling);
        if (right != left) {
            right[i] = clamp((float) (lookRight[j] * gain), ceiling);
        }
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
        if (x >= -INPUT_CLAMP && x <= INPUT_CLAMP) {
            return x; // the usual case, in one comparison pair
        }
        if (!Float.isFinite(x)) {
            return 0.0;
        }
        return x > 0 ? INPUT_CLAMP : -INPUT_CLAMP;
    }

    private static float clamp(float x, float c) {
        // The comparison form also maps a NaN (impossible here, but cheap to rule out) to 0.
        if (x >= -c && x <= c) {
            return x;
        }
        return x > c ? c : (x < -c ? -c : 0f);
    }
}
