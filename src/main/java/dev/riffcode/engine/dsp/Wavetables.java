package dev.riffcode.engine.dsp;

import java.util.EnumMap;
import java.util.Map;

/**
 * Immutable, band-limited, mip-mapped single-cycle wavetables shared by all
 * {@link WavetableOscillator}s.
 *
 * <p>Layout: the frequency axis is cut into bands of a third of an octave, defined on the
 * <em>normalised</em> frequency {@code f / sampleRate}, so one set of tables serves every
 * sample rate. Band {@code b} covers normalised frequencies in
 * {@code (0.5 * 2^-(b+1)/3, 0.5 * 2^-b/3]} and holds {@code floor(2^(b/3))} harmonics, so that
 * even at the top of its range the highest harmonic is at or below Nyquist: nothing aliases.
 * At the bottom of a band the highest harmonic sits at {@code 2^-1/3} of Nyquist (17.5 kHz
 * at 44.1 kHz), so switching bands only changes content above that; no crossfade is needed.
 * The lowest band holds {@link #MAX_HARMONICS} harmonics (full bandwidth down to
 * {@code sampleRate / 2048}, 21.5 Hz at 44.1 kHz) and also serves everything below.
 *
 * <p>Table lengths are powers of two from 2048 to 16384. Linear interpolation leaves images
 * whose power, for an H-harmonic saw in an N-point table, is about {@code H^3 / (3 N^4)} of
 * the fundamental's, so each table gets the shortest length keeping that near -81 dB; the
 * measured worst case for saw and square is about -80 dB (at 20 Hz), -81 dB from 30 Hz up,
 * and better than -100 dB above 1.5 kHz. Shorter tables keep the cache footprint of many
 * voices small (all tables together take 1.7 MB). Each table has one guard point equal to its first so interpolation
 * never wraps. Harmonic amplitudes are those of the ideal waveform, not normalised per
 * table, so loudness does not jump between bands. Because of the Gibbs overshoot saw and
 * square peak at about 1.18, and a square high enough to keep only its fundamental is a
 * sine of amplitude 4/π ≈ 1.27.
 *
 * <p>Tables are built once, on first use (about 0.1 s on a cold JVM, so call {@link #shared()}
 * at startup rather than on the audio thread), and never change.
 */
public final class Wavetables {

    /** Harmonics in the richest (lowest) band. */
    public static final int MAX_HARMONICS = 1024;

    /** Number of bands per octave. */
    public static final int BANDS_PER_OCTAVE = 3;

    /**
     * Bound on {@code H^3 / (3 N^4)}, the power of the linear-interpolation images of an
     * H-harmonic 1/k spectrum in an N-point table relative to its fundamental. 6e-9 measures as
     * about -81 dB of aliasing relative to the total.
     */
    private static final double IMAGE_POWER_LIMIT = 6e-9;
    private static final int MIN_LOG2 = 11;
    private static final int MAX_LOG2 = 14;

    /** One band's table plus the constants that turn a 32-bit phase into an index. */
    static final class Table {
        /** Samples of one cycle plus one guard point. */
        final float[] data;
        /** Right shift from 32-bit phase to table index. */
        final int shift;
        /** Mask for the phase bits below the index. */
        final int fracMask;
        /** Scale from masked phase bits to a 0..1 fraction. */
        final float fracScale;
        /** Number of harmonics stored. */
        final int harmonics;

        Table(float[] data, int log2Length, int harmonics) {
            this.data = data;
            this.shift = 32 - log2Length;
            this.fracMask = (1 << shift) - 1;
            this.fracScale = 1.0f / (1 << shift);
            this.harmonics = harmonics;
        }
    }

    /** Holder idiom: built on first use, thread-safe, immutable afterwards. */
    private static final class Holder {
        static final Wavetables SHARED = new Wavetables();
    }

    private final int bandCount;
    /** Inclusive top of each band as an unsigned 32-bit phase increment (extra entries for lookup). */
    private final long[] bandTop;
    private final Map<WavetableOscillator.Shape, Table[]> tables =
            new EnumMap<>(WavetableOscillator.Shape.class);

    /** A fresh set; {@link #shared()} is the one to use (tests build their own to check what the build makes). */
    Wavetables() {
        int count = 0;
        while (harmonicsForBand(count) < MAX_HARMONICS) {
            count++;
        }
        bandCount = count + 1;
        // bandFor() may look up to 3 bands past the octave it lands in.
        bandTop = new long[3 * 33 + 4];
        for (int b = 0; b < bandTop.length; b++) {
            bandTop[b] = (long) Math.floor(Math.pow(2.0, 31.0 - b / 3.0));
        }
        for (WavetableOscillator.Shape shape : WavetableOscillator.Shape.values()) {
            if (shape == WavetableOscillator.Shape.PULSE) {
                continue;
            }
            tables.put(shape, build(shape));
        }
        // A pulse is the difference of two phase-shifted saws.
        tables.put(WavetableOscillator.Shape.PULSE, tables.get(WavetableOscillator.Shape.SAW));
    }

    /**
     * Returns the shared, immutable table set.
     *
     * @return the tables, built on the first call
     */
    public static Wavetables shared() {
        return Holder.SHARED;
    }

    /**
     * Returns the number of bands (mip-map levels).
     *
     * @return band count; band 0 is the highest-pitched (fewest harmonics)
     */
    public int bandCount() {
        return bandCount;
    }

    /**
     * Returns the number of harmonics stored for a waveform in a band.
     *
     * @param shape waveform
     * @param band band index, {@code 0 <= band < bandCount()}
     * @return highest harmonic number present in the table
     */
    public int harmonics(WavetableOscillator.Shape shape, int band) {
        return tables.get(shape)[band].harmonics;
    }

    /**
     * Returns the band an oscillator uses at a given frequency.
     *
     * @param frequencyHz frequency in Hz
     * @param sampleRate sample rate in Hz
     * @return band index
     */
    public int bandForFrequency(double frequencyHz, double sampleRate) {
        double inc = frequencyHz / sampleRate * 4294967296.0;
        return bandFor((int) Math.max(0.0, Math.min(inc, Integer.MAX_VALUE)));
    }

    Table[] tables(WavetableOscillator.Shape shape) {
        return tables.get(shape);
    }

    /**
     * Maps a non-negative 32-bit phase increment to its band without logarithms: the leading
     * zero count gives the octave, two comparisons give the third. At exact band edges it picks
     * the band with fewer harmonics, which is the safe side.
     */
    int bandFor(int phaseIncrement) {
        int lz = Integer.numberOfLeadingZeros(phaseIncrement);
        int b = 3 * (lz - 1);
        if (b >= bandCount - 1 || lz == 0) {
            return lz == 0 ? 0 : bandCount - 1;
        }
        if (phaseIncrement <= bandTop[b + 1]) {
            b++;
        }
        if (phaseIncrement <= bandTop[b + 1]) {
            b++;
        }
        return Math.min(b, bandCount - 1);
    }

    /** Harmonic count of band b: the most that stay below Nyquist at the band's top. */
    private static int harmonicsForBand(int band) {
        return Math.min(MAX_HARMONICS, (int) Math.floor(Math.pow(2.0, band / 3.0) + 1e-9));
    }

    /** log2 of the shortest table (2048 or more) whose interpolation images stay in budget. */
    private static int tableLog2(int h) {
        int log2 = MIN_LOG2;
        double h3 = (double) h * h * h;
        while (log2 < MAX_LOG2 && h3 / (3.0 * Math.pow(2.0, 4.0 * log2)) > IMAGE_POWER_LIMIT) {
            log2++;
        }
        return log2;
    }

    /** Sine-series amplitude of harmonic k (1-based) for each shape, all starting at phase 0. */
    private static double amplitude(WavetableOscillator.Shape shape, int k) {
        switch (shape) {
            case SINE:
                return k == 1 ? 1.0 : 0.0;
            case SAW:
                // Rising ramp through zero at phase 0, jump at phase 0.5.
                return ((k & 1) == 1 ? 2.0 : -2.0) / (Math.PI * k);
            case SQUARE:
                return (k & 1) == 1 ? 4.0 / (Math.PI * k) : 0.0;
            case TRIANGLE:
                if ((k & 1) == 0) {
                    return 0.0;
                }
                double a = 8.0 / (Math.PI * Math.PI * k * k);
                return ((k >> 1) & 1) == 0 ? a : -a;
            default:
                throw new IllegalArgumentException(shape.toString());
        }
    }

    /**
     * Builds all bands of one shape. Bands whose highest non-zero harmonic is the same share
     * one array. Each table is made with one FFT: for real amplitudes {@code a_k},
     * {@code sum a_k sin(2 pi k i / L)} is minus the imaginary part of the forward DFT of
     * {@code a}, so a table costs {@code L log L} instead of {@code L * harmonics}.
     */
    private Table[] build(WavetableOscillator.Shape shape) {
        Table[] result = new Table[bandCount];
        Table previous = null;
        for (int band = 0; band < bandCount; band++) {
            int h = harmonicsForBand(band);
            int top = 0;
            for (int k = h; k >= 1; k--) {
                if (amplitude(shape, k) != 0.0) {
                    top = k;
                    break;
                }
            }
            if (previous != null && previous.harmonics == top) {
                result[band] = previous;
                continue;
            }
            int log2 = tableLog2(top);
            int len = 1 << log2;
            double[] re = new double[len];
            double[] im = new double[len];
            for (int k = 1; k <= top; k++) {
                re[k] = amplitude(shape, k);
            }
            fft(re, im);
            float[] data = new float[len + 1];
            for (int i = 0; i < len; i++) {
                data[i] = (float) -im[i];
            }
            data[len] = data[0];
            previous = new Table(data, log2, top);
            result[band] = previous;
        }
        return result;
    }

    private static final int TWIDDLE_SIZE = 1 << MAX_LOG2;
    private static final double[] TWIDDLE_COS = new double[TWIDDLE_SIZE / 2];
    private static final double[] TWIDDLE_SIN = new double[TWIDDLE_SIZE / 2];

    static {
        for (int i = 0; i < TWIDDLE_SIZE / 2; i++) {
            TWIDDLE_COS[i] = Math.cos(2.0 * Math.PI * i / TWIDDLE_SIZE);
            TWIDDLE_SIN[i] = Math.sin(2.0 * Math.PI * i / TWIDDLE_SIZE);
        }
    }

    /** In-place iterative radix-2 forward FFT (e^-i convention); length is a power of two. */
    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            while ((j & bit) != 0) {
                j ^= bit;
                bit >>= 1;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            // Twiddle e^(-2 pi i k / len) read from the shared quarter-resolution tables.
            int stride = TWIDDLE_SIZE / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < half; k++) {
                    double wr = TWIDDLE_COS[k * stride];
                    double wi = -TWIDDLE_SIN[k * stride];
                    int a = i + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
