package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.engine.dsp.WavetableOscillator.Shape;
import org.junit.jupiter.api.Test;

class WavetableOscillatorTest {

    static final double SR = 44100;
    static final int N = 65536;

    static float[] render(WavetableOscillator osc, int n) {
        float[] out = new float[n];
        for (int off = 0; off < n; off += 256) {
            osc.process(out, off, Math.min(256, n - off));
        }
        return out;
    }

    /** Saw at the exact-bin frequency nearest 3520 Hz (3519.85 Hz); see Analysis. */
    static double sawAliasingDb(double sampleRate) {
        int bin = (int) Math.round(3520.0 * N / sampleRate);
        WavetableOscillator osc = new WavetableOscillator(sampleRate, Shape.SAW);
        osc.setFrequency(sampleRate * bin / N);
        return Analysis.aliasingDbExactBins(render(osc, N), bin);
    }

    @Test
    void frequencyIsAccurate() {
        for (Shape shape : new Shape[] {Shape.SINE, Shape.SAW, Shape.SQUARE, Shape.TRIANGLE}) {
            WavetableOscillator osc = new WavetableOscillator(SR, shape);
            osc.setFrequency(440);
            assertEquals(440.0, osc.frequency(), 1e-4);
            double f = Analysis.zeroCrossingFrequency(render(osc, (int) SR), SR);
            assertEquals(440.0, f, 0.1, shape.toString());
        }
        WavetableOscillator osc = new WavetableOscillator(SR, Shape.SINE);
        osc.setFrequency(27.5);
        assertEquals(27.5, Analysis.zeroCrossingFrequency(render(osc, (int) SR * 2), SR), 0.01);
    }

    @Test
    void measurementMethodReproducesKnownFigures() {
        // Naive ramp about -10 dB, 2-point PolyBLEP about -26.5 dB: validates the analysis.
        int bin = (int) Math.round(3520.0 * N / SR);
        double inc = (double) bin / N;
        float[] naive = new float[N];
        float[] blep = new float[N];
        double ph = 0;
        for (int i = 0; i < N; i++) {
            naive[i] = (float) (2 * ph - 1);
            double t = ph;
            double v = 2 * t - 1;
            if (t < inc) {
                double u = t / inc;
                v -= u + u - u * u - 1;
            } else if (t > 1 - inc) {
                double u = (t - 1) / inc;
                v -= u * u + u + u + 1;
            }
            blep[i] = (float) v;
            ph += inc;
            if (ph >= 1) {
                ph -= 1;
            }
        }
        // Remove DC so bin 0 does not count (it is excluded anyway).
        assertEquals(-10.0, Analysis.aliasingDbExactBins(naive, bin), 1.5);
        assertEquals(-26.5, Analysis.aliasingDbExactBins(blep, bin), 1.5);
    }

    @Test
    void saw3520AliasingIsFarBelowMinus60Db() {
        double db = sawAliasingDb(SR);
        System.out.println("saw 3520 Hz aliasing: " + db + " dB");
        assertTrue(db < -100, "aliasing " + db);
    }

    @Test
    void aliasingStaysLowAcrossTheRangeForAllShapes() {
        for (Shape shape : Shape.values()) {
            double worst = -999;
            // Odd bins, so the table index step is never an integer (that would hide errors).
            for (double fb = 43; fb < 27000; fb *= 1.25) {
                int bin = ((int) fb) | 1;
                WavetableOscillator osc = new WavetableOscillator(SR, shape);
                osc.setFrequency(SR * bin / N);
                double db = Analysis.aliasingDbExactBins(render(osc, N), bin);
                worst = Math.max(worst, db);
            }
            System.out.println(shape + " worst aliasing 30 Hz..18 kHz: " + worst + " dB");
            assertTrue(worst < -75, shape + " " + worst);
        }
    }

    @Test
    void sawHarmonicsFallAsOneOverN() {
        int bin = 320; // 215.3 Hz, exact bin
        WavetableOscillator osc = new WavetableOscillator(SR, Shape.SAW);
        osc.setFrequency(SR * bin / N);
        double[] p = Analysis.powerSpectrum(render(osc, N));
        double a1 = Math.sqrt(p[bin]) * 2 / N;
        assertEquals(2 / Math.PI, a1, 1e-3);
        for (int k = 2; k <= 60; k++) {
            double ak = Math.sqrt(p[k * bin]) * 2 / N;
            assertEquals(0.0, Analysis.db(ak * k / a1), 0.05, "harmonic " + k);
        }
    }

    @Test
    void squareAndTriangleHaveOddHarmonics() {
        int bin = 320;
        for (Shape shape : new Shape[] {Shape.SQUARE, Shape.TRIANGLE}) {
            WavetableOscillator osc = new WavetableOscillator(SR, shape);
            osc.setFrequency(SR * bin / N);
            double[] p = Analysis.powerSpectrum(render(osc, N));
            double a1 = Math.sqrt(p[bin]);
            for (int k = 2; k <= 15; k++) {
                double rel = Math.sqrt(p[k * bin]) / a1;
                double expected = k % 2 == 0 ? 0 : (shape == Shape.SQUARE ? 1.0 / k : 1.0 / (k * k));
                assertEquals(expected, rel, 1e-4, shape + " harmonic " + k);
            }
        }
    }

    @Test
    void pulseWidthSetsDutyCycleWithZeroMean() {
        WavetableOscillator osc = new WavetableOscillator(SR, Shape.PULSE);
        osc.setFrequency(100);
        for (double w : new double[] {0.1, 0.25, 0.5, 0.8}) {
            osc.setPulseWidth(w);
            float[] x = render(osc, 44100);
            double high = 1 - w;
            int above = 0;
            for (float v : x) {
                if (v > high - 1) { // midpoint between levels 2-2w and -2w
                    above++;
                }
            }
            assertEquals(w, above / 44100.0, 0.01, "width " + w);
            assertEquals(0.0, Analysis.mean(x, 0, 44100), 1e-3);
        }
    }

    @Test
    void badFrequenciesAreClampedSafely() {
        WavetableOscillator osc = new WavetableOscillator(SR, Shape.SAW);
        for (double f : new double[] {Double.NaN, -100, 0, Double.POSITIVE_INFINITY, 1e12, 22050,
            Double.NEGATIVE_INFINITY}) {
            osc.setFrequency(f);
            assertTrue(osc.frequency() >= 0 && osc.frequency() < SR / 2, "f=" + f);
            float[] x = render(osc, 4096);
            assertTrue(Analysis.allFinite(x));
            assertTrue(Analysis.peak(x, 0, x.length) < 1.25);
        }
        osc.setPhase(Double.NaN);
        assertEquals(0.0, osc.phase());
        osc.setPhase(1.25);
        assertEquals(0.25, osc.phase(), 1e-9);
    }

    @Test
    void bandsNeverExceedNyquistAndKeepHighHarmonics() {
        Wavetables w = Wavetables.shared();
        for (double f = 20; f < 20000; f *= 1.01) {
            int band = w.bandForFrequency(f, SR);
            int h = w.harmonics(Shape.SAW, band);
            assertTrue(h * f <= SR / 2, "f=" + f);
            if (band < w.bandCount() - 1) {
                // The next harmonic would have aliased; the top one is at least 17.5 kHz-ish.
                assertTrue((h + 1) * f > SR / 2 * Math.pow(2, -1.0 / 3) - 1e-6, "f=" + f);
            }
        }
    }

    @Test
    void allRenderingPathsAgree() {
        for (Shape shape : Shape.values()) {
            WavetableOscillator a = new WavetableOscillator(SR, shape);
            WavetableOscillator b = new WavetableOscillator(SR, shape);
            WavetableOscillator c = new WavetableOscillator(SR, shape);
            WavetableOscillator d = new WavetableOscillator(SR, shape);
            for (WavetableOscillator o : new WavetableOscillator[] {a, b, c, d}) {
                o.setFrequency(331.7);
                o.setPhase(0.3);
                o.setPulseWidth(0.3);
            }
            float[] x1 = new float[1000];
            a.process(x1, 0, 1000);
            float[] x2 = new float[1000];
            for (int i = 0; i < 1000; i++) {
                x2[i] = b.next();
            }
            float[] freq = new float[1000];
            java.util.Arrays.fill(freq, 331.7f);
            float[] x3 = new float[1000];
            c.processModulated(x3, 0, 1000, freq, 0);
            float[] x4 = new float[1000];
            java.util.Arrays.fill(x4, 1f);
            d.processAdd(x4, 0, 1000, 0.5f);
            for (int i = 0; i < 1000; i++) {
                x4[i] = (x4[i] - 1f) * 2f;
            }
            assertArrayEquals(x1, x2, 0f, shape.toString());
            assertArrayEquals(x1, x3, 1e-4f, shape.toString());
            assertArrayEquals(x1, x4, 1e-5f, shape.toString());
        }
    }

    @Test
    void modulatedSweepIsBoundedAndFinite() {
        WavetableOscillator osc = new WavetableOscillator(SR, Shape.SQUARE);
        int n = 88200;
        float[] freq = new float[n];
        for (int i = 0; i < n; i++) {
            freq[i] = (float) (20 * Math.pow(1000, i / (double) n));
        }
        freq[100] = Float.NaN;
        freq[200] = Float.POSITIVE_INFINITY;
        freq[300] = -5000;
        float[] out = new float[n];
        osc.processModulated(out, 0, n, freq, 0);
        assertTrue(Analysis.allFinite(out));
        // A square near Nyquist is its bare fundamental, amplitude 4/pi.
        assertTrue(Analysis.peak(out, 0, n) < 1.3);
    }

    @Test
    void sweepFrequencyTracksModulation() {
        // 1 s at 440 Hz via the modulated path gives the same zero-crossing pitch.
        WavetableOscillator osc = new WavetableOscillator(SR, Shape.SINE);
        float[] freq = new float[44100];
        java.util.Arrays.fill(freq, 440f);
        float[] out = new float[44100];
        osc.processModulated(out, 0, 44100, freq, 0);
        assertEquals(440.0, Analysis.zeroCrossingFrequency(out, SR), 0.1);
    }

    @Test
    void aNewOscillatorPlaysItsShapeAtFourHundredFortyHertz() {
        WavetableOscillator osc = new WavetableOscillator(SR, WavetableOscillator.Shape.SQUARE);
        assertEquals(WavetableOscillator.Shape.SQUARE, osc.shape());
        assertEquals(SR, osc.sampleRate());
        assertEquals(0.5, osc.pulseWidth(), "a pulse starts square");
        float[] x = render(osc, 44100);
        assertEquals(440, Analysis.peakFrequency(x, 0, 44100, 400, 480, SR), 0.5);
        assertThrows(IllegalArgumentException.class, () -> new WavetableOscillator(0, WavetableOscillator.Shape.SINE));
    }

    @Test
    void writingPathsReplaceWhatWasInTheBuffer() {
        WavetableOscillator clean = new WavetableOscillator(SR, WavetableOscillator.Shape.SAW);
        WavetableOscillator dirty = new WavetableOscillator(SR, WavetableOscillator.Shape.SAW);
        float[] freq = new float[512];
        java.util.Arrays.fill(freq, 330f);
        float[] expected = new float[512];
        clean.process(expected, 0, 256);
        clean.processModulated(expected, 256, 256, freq, 256);
        float[] x = new float[512];
        java.util.Arrays.fill(x, 0.75f); // what an earlier voice left
        dirty.process(x, 0, 256);
        dirty.processModulated(x, 256, 256, freq, 256);
        assertArrayEquals(expected, x);
    }
}
