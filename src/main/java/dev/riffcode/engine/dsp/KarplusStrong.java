package dev.riffcode.engine.dsp;

/**
 * Karplus-Strong plucked string: a delay line fed back through a damping low-pass and a
 * first-order all-pass for fractional tuning, excited by a seeded noise burst.
 *
 * <p>Tuning: the loop must delay by exactly {@code sampleRate / f} samples at the fundamental.
 * The damping filter {@code (1 - S) + S z^-1} and the all-pass both delay by amounts that
 * depend on frequency, so both are evaluated exactly at the fundamental: the integer part goes
 * to the delay line and the all-pass coefficient is solved in closed form for the remaining
 * 0.5..1.5 samples ({@code eta = sin(w(1-d)/2) / sin(w(1+d)/2)}). Pitch is accurate to a small
 * fraction of a cent from 40 Hz to 2 kHz.
 *
 * <p>Brightness 0..1 sets {@code S} from 0.5 (the classic two-point average, dark) to 0.05
 * (bright), and also colours the excitation burst. Decay is the time for the fundamental to
 * fall 60 dB; the loop gain is compensated for the damping filter's loss at the fundamental,
 * but kept below 1 at DC, so very long decays on dark high notes come out shorter than asked.
 *
 * <p>Never allocates after construction; flushes tiny values to 0 to avoid slow denormals.
 */
public final class KarplusStrong {

    private final double sampleRate;
    private final double minFrequency;
    private final float[] line;
    private final int mask;
    private final Noise noise;

    private double frequency;
    private double brightness = 0.5;
    private double decaySeconds = 2.0;

    private int delay;
    private float s;
    private float eta;
    private float gain;

    private int write;
    private float prev;
    private float apIn;
    private float apOut;
    private float lastPeak;

    /**
     * Creates a string.
     *
     * @param sampleRate sample rate in Hz
     * @param minFrequencyHz lowest frequency the string will play (sizes the delay line;
     *     at least 10 Hz)
     * @param seed seed for the excitation noise
     */
    public KarplusStrong(double sampleRate, double minFrequencyHz, long seed) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.minFrequency = Double.isNaN(minFrequencyHz) ? 20.0 : Math.max(10.0, minFrequencyHz);
        int needed = (int) Math.ceil(sampleRate / minFrequency) + 4;
        int size = Integer.highestOneBit(needed - 1) << 1;
        this.line = new float[size];
        this.mask = size - 1;
        this.noise = new Noise(Noise.Color.WHITE, seed);
        setFrequency(Math.max(minFrequency, 220.0));
    }

    /**
     * Sets the pitch, clamped to {@code [minFrequency, sampleRate / 8]}; NaN is ignored.
     *
     * @param hz fundamental in Hz
     */
    public void setFrequency(double hz) {
        if (Double.isNaN(hz)) {
            return;
        }
        frequency = Math.max(minFrequency, Math.min(sampleRate / 8, hz));
        update();
    }

    /**
     * Returns the pitch after clamping.
     *
     * @return fundamental in Hz
     */
    public double frequency() {
        return frequency;
    }

    /**
     * Sets the brightness: 0 is dark and mellow, 1 is bright and metallic (clamped; NaN
     * ignored).
     *
     * @param b brightness, 0..1
     */
    public void setBrightness(double b) {
        if (Double.isNaN(b)) {
            return;
        }
        brightness = Math.max(0.0, Math.min(1.0, b));
        update();
    }

    /**
     * Sets the decay time: seconds for the fundamental to fall 60 dB, clamped to 0.01..60.
     *
     * @param seconds T60 of the fundamental
     */
    public void setDecay(double seconds) {
        if (Double.isNaN(seconds)) {
            return;
        }
        decaySeconds = Math.max(0.01, Math.min(60.0, seconds));
        update();
    }

    /**
     * Plucks the string: replaces its contents with one period of zero-mean noise whose peak
     * is {@code amplitude}, coloured by the brightness. The noise continues from the seed, so
     * a run of plucks is reproducible.
     *
     * @param amplitude peak of the excitation (NaN gives 0)
     */
    public void pluck(float amplitude) {
        float amp = amplitude == amplitude ? amplitude : 0f;
        java.util.Arrays.fill(line, 0f);
        int start = (write - delay) & mask;
        // A darker pluck starts from smoother noise.
        float c = (float) (0.15 + 0.85 * brightness);
        float y = 0f;
        double sum = 0;
        for (int i = 0; i < delay; i++) {
            y += c * (noise.next() - y);
            line[(start + i) & mask] = y;
            sum += y;
        }
        float mean = (float) (sum / delay);
        float peak = 1e-9f;
        for (int i = 0; i < delay; i++) {
            int k = (start + i) & mask;
            line[k] -= mean;
            peak = Math.max(peak, Math.abs(line[k]));
        }
        float scale = amp / peak;
        for (int i = 0; i < delay; i++) {
            line[(start + i) & mask] *= scale;
        }
        prev = 0f;
        apIn = 0f;
        apOut = 0f;
        lastPeak = Math.abs(amp);
    }

    /**
     * Returns true when the last processed block peaked below -100 dBFS (the voice can stop).
     *
     * @return whether the string has died away
     */
    public boolean isSilent() {
        return lastPeak < 1e-5f;
    }

    /**
     * Renders one sample.
     *
     * @return the sample
     */
    public float next() {
        float v = tick();
        lastPeak = Math.max(lastPeak * 0.9999f, Math.abs(v));
        return v;
    }

    /**
     * Writes {@code n} samples, replacing the contents of {@code out}.
     *
     * @param out destination
     * @param off first index
     * @param n number of samples
     */
    public void process(float[] out, int off, int n) {
        java.util.Arrays.fill(out, off, off + n, 0f);
        processAdd(out, off, n, 1f);
    }

    /**
     * Adds {@code gain} times {@code n} samples to {@code out}.
     *
     * @param out destination, added to
     * @param off first index
     * @param n number of samples
     * @param outGain amplitude factor
     */
    public void processAdd(float[] out, int off, int n, float outGain) {
        float peak = 0f;
        for (int i = off, end = off + n; i < end; i++) {
            float v = tick();
            peak = Math.max(peak, Math.abs(v));
            out[i] += outGain * v;
        }
        lastPeak = peak;
    }

    /** One trip round the loop: read, damp, fine-tune, scale, write back. */
    private float tick() {
        float x = line[(write - delay) & mask];
        float damped = (1f - s) * x + s * prev;
        prev = x;
        float y = eta * (damped - apOut) + apIn;
        apIn = damped;
        apOut = y;
        float v = gain * y;
        if (Math.abs(v) < 1e-20f) {
            v = 0f; // keep denormals out of the loop
        }
        line[write] = v;
        write = (write + 1) & mask;
        return x;
    }

    /** Solves the loop for the current pitch, brightness and decay. */
    private void update() {
        double sd = 0.5 - 0.45 * brightness;
        double w = 2.0 * Math.PI * frequency / sampleRate;
        double re = (1.0 - sd) + sd * Math.cos(w);
        double im = sd * Math.sin(w);
        double dampDelay = Math.atan2(im, re) / w;
        double dampGain = Math.hypot(re, im);
        double rest = sampleRate / frequency - dampDelay;
        int n = (int) Math.floor(rest - 0.5);
        n = Math.max(1, Math.min(n, mask - 2));
        double d = rest - n;
        delay = n;
        s = (float) sd;
        eta = (float) (Math.sin(w * (1.0 - d) / 2.0) / Math.sin(w * (1.0 + d) / 2.0));
        double g = Math.pow(10.0, -3.0 / (frequency * decaySeconds)) / dampGain;
        gain = (float) Math.min(g, 0.99999);
    }
}
