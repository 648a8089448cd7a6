package dev.riffcode.engine.dsp;

/**
 * Delay line with linear interpolation between samples, for echoes, chorus/flanger-style
 * modulation, and a unit-level Delay effect.
 *
 * <p>Convention: {@code y[n] = x[n - d]}, so a delay of 0 passes the input straight through
 * and fractional delays interpolate. Delays are clamped to {@code 0 .. maxDelay()} (NaN gives
 * 0); with feedback the minimum is 1 sample, since a loop needs at least one sample of delay.
 *
 * <p>Never allocates after construction; the feedback path flushes tiny values to 0 to keep
 * denormals out, and NaN/infinite input is treated as 0 so one bad sample cannot poison the
 * buffer.
 */
public final class DelayLine {

    /** Largest accepted feedback magnitude; keeps the loop strictly decaying. */
    public static final float MAX_FEEDBACK = 0.99f;

    private final float[] buf;
    private final int mask;
    private final int maxDelay;
    private int write;
    /** Delay used at the end of the last feedback block, for a smooth glide to the next. */
    private float lastDelay = -1f;

    /**
     * Creates a delay line.
     *
     * @param maxDelaySamples longest delay that will be asked for, in samples (at least 1)
     */
    public DelayLine(int maxDelaySamples) {
        if (maxDelaySamples < 1 || maxDelaySamples > (1 << 28)) {
            throw new IllegalArgumentException("max delay out of range: " + maxDelaySamples);
        }
        maxDelay = maxDelaySamples;
        // One spare slot for interpolation, rounded up to a power of two for cheap wrapping.
        int size = Integer.highestOneBit(maxDelaySamples + 1) << 1;
        buf = new float[size];
        mask = size - 1;
    }

    /**
     * Returns the longest supported delay.
     *
     * @return delay in samples
     */
    public int maxDelay() {
        return maxDelay;
    }

    /** Clears the contents to silence. */
    public void clear() {
        java.util.Arrays.fill(buf, 0f);
    }

    /**
     * Writes one sample, then reads the delayed output: {@code x[n - delaySamples]}.
     *
     * @param x input sample
     * @param delaySamples delay in samples, fractional allowed
     * @return delayed sample
     */
    public float tick(float x, float delaySamples) {
        write(x);
        return read(delaySamples);
    }

    /**
     * Pushes one sample into the line.
     *
     * @param x input sample (NaN or infinite is stored as 0)
     */
    public void write(float x) {
        write = (write + 1) & mask;
        buf[write] = Float.isFinite(x) ? x : 0f;
    }

    /**
     * Reads relative to the most recently written sample: 0 returns it, 1 the one before.
     *
     * @param delaySamples delay in samples, fractional allowed
     * @return interpolated sample
     */
    public float read(float delaySamples) {
        return readAt(write, clamp(delaySamples, 0f));
    }

    /**
     * Delays {@code buf[off .. off+n)} in place by a fixed amount.
     *
     * @param io audio, replaced by the delayed signal
     * @param off first index
     * @param n number of samples
     * @param delaySamples delay in samples, fractional allowed
     */
    public void process(float[] io, int off, int n, float delaySamples) {
        float d = clamp(delaySamples, 0f);
        for (int i = off, end = off + n; i < end; i++) {
            write(io[i]);
            io[i] = readAt(write, d);
        }
    }

    /**
     * Delays in place with a per-sample delay time (chorus, flanger, vibrato).
     *
     * @param io audio, replaced by the delayed signal
     * @param off first index
     * @param n number of samples
     * @param delaySamples delay per sample, in samples
     * @param delayOff index in {@code delaySamples} of the delay for {@code io[off]}
     */
    public void processModulated(float[] io, int off, int n, float[] delaySamples, int delayOff) {
        for (int i = 0; i < n; i++) {
            write(io[off + i]);
            io[off + i] = readAt(write, clamp(delaySamples[delayOff + i], 0f));
        }
    }

    /**
     * Feedback echo in place: {@code out = dry * x + wet * echo}, where the echo is the line's
     * output and the line is fed {@code x + feedback * echo}. When the delay time changes it
     * glides linearly across this block from the previous value (tape-like pitch bend rather
     * than a click).
     *
     * @param io audio, replaced by the mix
     * @param off first index
     * @param n number of samples
     * @param delaySamples echo time in samples (at least 1)
     * @param feedback fraction fed back, clamped to ±{@link #MAX_FEEDBACK} (NaN gives 0)
     * @param dry level of the input in the output
     * @param wet level of the echo in the output
     */
    public void processFeedback(float[] io, int off, int n, float delaySamples, float feedback,
            float dry, float wet) {
        float target = clamp(delaySamples, 1f);
        float d = lastDelay < 0f ? target : lastDelay;
        float step = n > 0 ? (target - d) / n : 0f;
        float fb = feedback == feedback ? Math.max(-MAX_FEEDBACK, Math.min(MAX_FEEDBACK, feedback)) : 0f;
        for (int i = off, end = off + n; i < end; i++) {
            d += step;
            // The slot about to be written is one sample "newer" than the current one.
            int next = (write + 1) & mask;
            float echo = readAt(next, d);
            float x = io[i];
            float in = Float.isFinite(x) ? x : 0f;
            float v = in + fb * echo;
            if (Math.abs(v) < 1e-20f) {
                v = 0f;
            }
            write = next;
            buf[next] = v;
            io[i] = dry * in + wet * echo;
        }
        lastDelay = target;
    }

    /** Linear interpolation between the two samples around {@code pos - d}. */
    private float readAt(int pos, float d) {
        int whole = (int) d;
        float frac = d - whole;
        float a = buf[(pos - whole) & mask];
        float b = buf[(pos - whole - 1) & mask];
        return a + (b - a) * frac;
    }

    private float clamp(float d, float min) {
        if (!(d >= min)) {
            return min; // also NaN
        }
        return Math.min(d, maxDelay);
    }
}
