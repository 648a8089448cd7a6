package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.riffcode.engine.dsp.WavetableOscillator.Shape;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What the table build makes, read back from the tables themselves: each band holds the ideal
 * waveform's harmonics up to its limit, with the ideal amplitudes, and nothing above. The ideal
 * amplitudes are measured here from the waveforms as {@link Shape} describes them, not taken from
 * the build's own formulas. A fresh table set is built, since the shared one is built once per JVM.
 */
class WavetablesTest {

    /** Points per cycle for measuring the ideal waveforms: its own aliasing error stays near 2e-6. */
    private static final int IDEAL_POINTS = 1 << 18;

    private final Wavetables tables = new Wavetables();

    @Test
    void eachBandHoldsTheIdealHarmonicsUpToItsLimitAndNothingAbove() {
        for (Shape shape : new Shape[] {Shape.SINE, Shape.SAW, Shape.SQUARE, Shape.TRIANGLE}) {
            double[] ideal = sineSeries(ideal(shape), IDEAL_POINTS, Wavetables.MAX_HARMONICS + 8);
            for (int band : new int[] {0, 1, 7, 16, tables.bandCount() - 1}) {
                Wavetables.Table t = tables.tables(shape)[band];
                int length = t.data.length - 1;
                assertEquals(t.data[0], t.data[length], shape + " band " + band + ": the guard point repeats the first");
                int limit = (int) Math.floor(Math.pow(2, band / 3.0) + 1e-9);
                double[] held = sineSeries(i -> t.data[(int) Math.round(i * length)], length,
                        Math.min(length / 2 - 1, Math.min(limit, Wavetables.MAX_HARMONICS) + 8));
                for (int k = 1; k < held.length; k++) {
                    double expected = k <= limit ? ideal[k] : 0;
                    assertEquals(expected, held[k], 1e-5, shape + " band " + band + " (" + limit + " harmonics) harmonic " + k);
                }
            }
        }
    }

    @Test
    void aPulseReadsTheSawTables() {
        assertSame(tables.tables(Shape.SAW), tables.tables(Shape.PULSE));
    }

    @Test
    void theLowestBandIsFullBandwidthAndTheHighestOnlyTheFundamental() {
        assertEquals(1, tables.harmonics(Shape.SAW, 0));
        assertEquals(Wavetables.MAX_HARMONICS, tables.harmonics(Shape.SAW, tables.bandCount() - 1));
        // A square and a triangle have only odd harmonics: their top is the largest odd one allowed.
        assertEquals(Wavetables.MAX_HARMONICS - 1, tables.harmonics(Shape.SQUARE, tables.bandCount() - 1));
        assertEquals(Wavetables.MAX_HARMONICS - 1, tables.harmonics(Shape.TRIANGLE, tables.bandCount() - 1));
    }

    /** The waveforms as {@link Shape} documents them, over one cycle {@code 0 <= phase < 1}; jumps take their midpoint. */
    private static DoubleUnaryOperator ideal(Shape shape) {
        return switch (shape) {
            case SINE -> p -> Math.sin(2 * Math.PI * p);
            case SAW -> p -> p == 0.5 ? 0 : p < 0.5 ? 2 * p : 2 * p - 2;
            case SQUARE -> p -> p == 0 || p == 0.5 ? 0 : p < 0.5 ? 1 : -1;
            case TRIANGLE -> p -> p <= 0.25 ? 4 * p : p <= 0.75 ? 2 - 4 * p : 4 * p - 4;
            default -> throw new IllegalArgumentException(shape.toString());
        };
    }

    /** Sine-series amplitudes b_1..b_(count-1) of one cycle sampled at {@code points} points (a power of two). */
    private static double[] sineSeries(DoubleUnaryOperator wave, int points, int count) {
        double[] x = new double[points];
        double[] sin = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = wave.applyAsDouble((double) i / points);
            sin[i] = Math.sin(2 * Math.PI * i / points);
        }
        double[] b = new double[count];
        for (int k = 1; k < count; k++) {
            double sum = 0;
            for (int i = 0; i < points; i++) {
                sum += x[i] * sin[(int) (((long) k * i) & (points - 1))];
            }
            b[k] = 2 * sum / points;
        }
        return b;
    }
}
