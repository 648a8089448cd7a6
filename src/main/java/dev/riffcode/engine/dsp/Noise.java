package dev.riffcode.engine.dsp;

/**
 * Deterministic noise source: white (uniform in [-1, 1)) from a 32-bit xorshift generator, or
 * pink (-3 dB/octave) from white through Paul Kellet's "refined" filter (a sum of first-order
 * low-passes, accurate to about ±0.05 dB from 9 Hz to Nyquist at 44.1 kHz).
 *
 * <p>The same seed always gives the same samples. White noise has mean 0 and RMS
 * {@code 1/sqrt(3) ≈ 0.577}; pink noise is scaled to an RMS of about 0.2 (peaks stay below 1
 * in practice, but are not bounded by construction). Not thread-safe; never allocates.
 */
public final class Noise {

    /** Noise colours. */
    public enum Color {
        /** Flat spectrum, uniform amplitude distribution. */
        WHITE,
        /** -3 dB per octave. */
        PINK
    }

    /** Brings the Kellet filter's output (gain about 5 for uniform white) to an RMS near 0.2. */
    private static final float PINK_SCALE = 0.11f;
    private static final float INT_TO_UNIT = 1.0f / (1 << 23);

    private final Color color;
    private int state;
    private float b0;
    private float b1;
    private float b2;
    private float b3;
    private float b4;
    private float b5;
    private float b6;

    /**
     * Creates a noise source.
     *
     * @param color white or pink
     * @param seed any value; equal seeds give equal output
     */
    public Noise(Color color, long seed) {
        this.color = color;
        setSeed(seed);
    }

    /**
     * Restarts the sequence from a seed and clears the pink filter.
     *
     * @param seed any value
     */
    public void setSeed(long seed) {
        // SplitMix64 finaliser spreads similar seeds apart; xorshift needs a non-zero state.
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        int s = (int) (z ^ (z >>> 32));
        state = s != 0 ? s : 0x6D2B79F5;
        b0 = b1 = b2 = b3 = b4 = b5 = b6 = 0f;
    }

    /**
     * Returns the colour.
     *
     * @return colour
     */
    public Color color() {
        return color;
    }

    /**
     * Returns the next sample.
     *
     * @return noise sample
     */
    public float next() {
        float w = nextWhite();
        return color == Color.PINK ? pink(w) : w;
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
     * @param gain amplitude factor
     */
    public void processAdd(float[] out, int off, int n, float gain) {
        if (color == Color.PINK) {
            for (int i = off, end = off + n; i < end; i++) {
                out[i] += gain * pink(nextWhite());
            }
            return;
        }
        int s = state;
        for (int i = off, end = off + n; i < end; i++) {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            out[i] += gain * ((s >> 8) * INT_TO_UNIT);
        }
        state = s;
    }

    /** xorshift32 (13, 17, 5); the top 24 bits as a signed value give [-1, 1). */
    private float nextWhite() {
        int s = state;
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        state = s;
        return (s >> 8) * INT_TO_UNIT;
    }

    /** Paul Kellet's refined pink filter (published coefficients). */
    private float pink(float white) {
        b0 = 0.99886f * b0 + white * 0.0555179f;
        b1 = 0.99332f * b1 + white * 0.0750759f;
        b2 = 0.96900f * b2 + white * 0.1538520f;
        b3 = 0.86650f * b3 + white * 0.3104856f;
        b4 = 0.55000f * b4 + white * 0.5329522f;
        b5 = -0.7616f * b5 - white * 0.0168980f;
        float out = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362f;
        b6 = white * 0.115926f;
        return out * PINK_SCALE;
    }
}
