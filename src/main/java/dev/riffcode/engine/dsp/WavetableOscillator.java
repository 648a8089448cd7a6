package dev.riffcode.engine.dsp;

/**
 * Band-limited oscillator reading the mip-mapped {@link Wavetables} with linear interpolation.
 *
 * <p>Phase is a 32-bit integer that wraps for free; the top bits index the table and the rest
 * give the interpolation fraction. Frequency resolution is {@code sampleRate / 2^32}
 * (about 10 µHz at 44.1 kHz). The table band is chosen once per {@link #setFrequency} call,
 * or per sample in {@link #processModulated}. All waveforms start at 0 at phase 0.
 *
 * <p>The per-block methods never allocate. Not thread-safe: one oscillator per voice.
 */
public final class WavetableOscillator {

    /** Oscillator waveforms. */
    public enum Shape {
        /** Pure sine. */
        SINE,
        /** Rising sawtooth, zero at phase 0, falling edge at phase 0.5; harmonics 1/n. */
        SAW,
        /** Square, +1 for the first half cycle; odd harmonics 1/n. */
        SQUARE,
        /** Triangle, rising from 0 at phase 0; odd harmonics 1/n². */
        TRIANGLE,
        /**
         * Variable-width pulse built from two saw reads (twice the cost of the others).
         * Zero mean: high level {@code 2 - 2w} for a fraction {@code w} of the cycle, low
         * level {@code -2w} otherwise; {@code w = 0.5} is a ±1 square.
         */
        PULSE
    }

    private static final double TWO_POW_32 = 4294967296.0;
    private static final int MAX_INCREMENT = Integer.MAX_VALUE;

    private final Wavetables wavetables;
    private final double sampleRate;
    private final double incrementPerHz;

    private Shape shape;
    private Wavetables.Table[] bands;
    private Wavetables.Table table;
    private double frequency;
    private int increment;
    private int phase;
    private double pulseWidth = 0.5;
    private int pulseOffset = 1 << 31;

    /**
     * Creates an oscillator on the shared tables.
     *
     * @param sampleRate sample rate in Hz
     * @param shape initial waveform
     */
    public WavetableOscillator(double sampleRate, Shape shape) {
        this(Wavetables.shared(), sampleRate, shape);
    }

    /**
     * Creates an oscillator on a given table set.
     *
     * @param wavetables tables to read
     * @param sampleRate sample rate in Hz, must be positive
     * @param shape initial waveform
     */
    public WavetableOscillator(Wavetables wavetables, double sampleRate, Shape shape) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.wavetables = wavetables;
        this.sampleRate = sampleRate;
        this.incrementPerHz = TWO_POW_32 / sampleRate;
        setShape(shape);
        setFrequency(440.0);
    }

    /**
     * Sets the waveform; the phase is kept, so switching is click-free only at zero crossings.
     *
     * @param shape new waveform
     */
    public void setShape(Shape shape) {
        this.shape = shape;
        this.bands = wavetables.tables(shape);
        this.table = bands[wavetables.bandFor(increment)];
    }

    /**
     * Returns the waveform.
     *
     * @return current shape
     */
    public Shape shape() {
        return shape;
    }

    /**
     * Sets the frequency. NaN and negative values become 0 Hz (the oscillator holds still);
     * values at or above Nyquist are clamped just below it, where only a sine remains.
     *
     * @param hz frequency in Hz
     */
    public void setFrequency(double hz) {
        increment = toIncrement(hz);
        frequency = increment / incrementPerHz;
        table = bands[wavetables.bandFor(increment)];
    }

    /**
     * Returns the frequency actually in use, after clamping and quantisation.
     *
     * @return frequency in Hz
     */
    public double frequency() {
        return frequency;
    }

    /**
     * Sets the phase, in cycles; values outside 0..1 wrap, NaN or infinite become 0.
     *
     * @param phase new phase
     */
    public void setPhase(double phase) {
        if (!Double.isFinite(phase)) {
            phase = 0.0;
        }
        double frac = phase - Math.floor(phase);
        this.phase = (int) (long) (frac * TWO_POW_32);
    }

    /**
     * Returns the current phase in cycles, 0 (inclusive) to 1 (exclusive).
     *
     * @return phase
     */
    public double phase() {
        return Integer.toUnsignedLong(phase) / TWO_POW_32;
    }

    /**
     * Sets the pulse width used by {@link Shape#PULSE}, clamped to 0.01..0.99 (NaN gives 0.5).
     *
     * @param width fraction of the cycle spent high
     */
    public void setPulseWidth(double width) {
        if (Double.isNaN(width)) {
            width = 0.5;
        }
        pulseWidth = Math.max(0.01, Math.min(0.99, width));
        pulseOffset = (int) (long) (pulseWidth * TWO_POW_32);
    }

    /**
     * Returns the pulse width.
     *
     * @return width, 0.01..0.99
     */
    public double pulseWidth() {
        return pulseWidth;
    }

    /**
     * Returns the sample rate.
     *
     * @return sample rate in Hz
     */
    public double sampleRate() {
        return sampleRate;
    }

    /**
     * Renders one sample and advances the phase.
     *
     * @return the sample
     */
    public float next() {
        Wavetables.Table t = table;
        float v = read(t, phase);
        if (shape == Shape.PULSE) {
            v -= read(t, phase + pulseOffset);
        }
        phase += increment;
        return v;
    }

    /**
     * Writes {@code n} samples into {@code out}, replacing its contents.
     *
     * @param out destination
     * @param off first index written
     * @param n number of samples
     */
    public void process(float[] out, int off, int n) {
        java.util.Arrays.fill(out, off, off + n, 0f);
        processAdd(out, off, n, 1f);
    }

    /**
     * Adds {@code gain} times {@code n} samples to {@code out}: the hot path for summing many
     * oscillators into one bus.
     *
     * @param out destination, added to
     * @param off first index written
     * @param n number of samples
     * @param gain amplitude factor
     */
    public void processAdd(float[] out, int off, int n, float gain) {
        if (shape == Shape.PULSE) {
            addPulse(out, off, n, gain);
            return;
        }
        final Wavetables.Table t = table;
        final float[] d = t.data;
        final int shift = t.shift;
        final int mask = t.fracMask;
        final float scale = t.fracScale;
        final int inc = increment;
        int p = phase;
        for (int i = off, end = off + n; i < end; i++) {
            int idx = p >>> shift;
            float a = d[idx];
            out[i] += gain * (a + (d[idx + 1] - a) * ((p & mask) * scale));
            p += inc;
        }
        phase = p;
    }

    /**
     * Writes {@code n} samples with a per-sample frequency (audio-rate FM, glides, vibrato),
     * replacing the contents of {@code out}. Each frequency is clamped like
     * {@link #setFrequency} and picks its own band, so sweeps stay alias-free.
     * {@link #frequency()} is not changed.
     *
     * @param out destination
     * @param off first index written
     * @param n number of samples
     * @param freqHz frequencies in Hz
     * @param freqOff index in {@code freqHz} of the frequency for {@code out[off]}
     */
    public void processModulated(float[] out, int off, int n, float[] freqHz, int freqOff) {
        java.util.Arrays.fill(out, off, off + n, 0f);
        processModulatedAdd(out, off, n, freqHz, freqOff, 1f);
    }

    /**
     * Like {@link #processModulated} but adds {@code gain} times the signal to {@code out}.
     *
     * @param out destination, added to
     * @param off first index written
     * @param n number of samples
     * @param freqHz frequencies in Hz
     * @param freqOff index in {@code freqHz} of the frequency for {@code out[off]}
     * @param gain amplitude factor
     */
    public void processModulatedAdd(float[] out, int off, int n, float[] freqHz, int freqOff,
            float gain) {
        final Wavetables.Table[] tabs = bands;
        final Wavetables w = wavetables;
        final boolean pulse = shape == Shape.PULSE;
        final int pw = pulseOffset;
        int p = phase;
        for (int i = 0; i < n; i++) {
            int inc = toIncrement(freqHz[freqOff + i]);
            Wavetables.Table t = tabs[w.bandFor(inc)];
            float v = read(t, p);
            if (pulse) {
                v -= read(t, p + pw);
            }
            out[off + i] += gain * v;
            p += inc;
        }
        phase = p;
    }

    private void addPulse(float[] out, int off, int n, float gain) {
        final Wavetables.Table t = table;
        final float[] d = t.data;
        final int shift = t.shift;
        final int mask = t.fracMask;
        final float scale = t.fracScale;
        final int inc = increment;
        final int pw = pulseOffset;
        int p = phase;
        for (int i = off, end = off + n; i < end; i++) {
            int q = p + pw;
            int ia = p >>> shift;
            int ib = q >>> shift;
            float a = d[ia];
            float b = d[ib];
            float sa = a + (d[ia + 1] - a) * ((p & mask) * scale);
            float sb = b + (d[ib + 1] - b) * ((q & mask) * scale);
            out[i] += gain * (sa - sb);
            p += inc;
        }
        phase = p;
    }

    private static float read(Wavetables.Table t, int p) {
        int idx = p >>> t.shift;
        float a = t.data[idx];
        return a + (t.data[idx + 1] - a) * ((p & t.fracMask) * t.fracScale);
    }

    /** Converts Hz to a phase increment; the comparison form also maps NaN to 0. */
    private int toIncrement(double hz) {
        if (!(hz > 0.0)) {
            return 0;
        }
        double inc = Math.rint(hz * incrementPerHz);
        return inc < MAX_INCREMENT ? (int) inc : MAX_INCREMENT;
    }
}
