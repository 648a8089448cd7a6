package dev.riffcode.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpectrumTest {
    private final Spectrum spectrum = new Spectrum(4096, Signals.RATE);

    @ParameterizedTest
    @ValueSource(doubles = {55, 100, 440, 440.3, 1234.5, 5000, 15000})
    void strongestPeakFindsSineFrequencyAndAmplitude(double freq) {
        double[] mags = spectrum.magnitudes(Signals.sine(freq, 0.5, 0.2), 1000);
        Spectrum.Peak peak = spectrum.strongestPeak(mags, 20, 20000);
        // Interpolation is good to a small fraction of the 10.8 Hz bin.
        assertEquals(freq, peak.frequency(), 0.05 * spectrum.binHz());
        assertEquals(0.5, peak.magnitude(), 0.5 * 0.03);
    }

    @Test
    void rangeSelectsAmongSeveralPeaks() {
        float[] x = Signals.sine(440, 0.5, 0.2);
        Signals.mixInto(x, Signals.sine(1000, 0.1, 0.2), 0);
        double[] mags = spectrum.magnitudes(x, 0);
        assertEquals(440, spectrum.strongestPeak(mags, 20, 20000).frequency(), 0.5);
        assertEquals(1000, spectrum.strongestPeak(mags, 800, 1200).frequency(), 0.5);
        assertEquals(0.1, spectrum.strongestPeak(mags, 800, 1200).magnitude(), 0.003);
        assertNull(spectrum.strongestPeak(new double[spectrum.bins()], 20, 20000));
    }

    @Test
    void bandPowerOfSineIsHalfItsSquaredAmplitude() {
        double[] mags = spectrum.magnitudes(Signals.sine(1000, 0.4, 0.2), 500);
        assertEquals(0.08, spectrum.bandPower(mags, 900, 1100), 0.08 * 0.01);
        assertTrue(spectrum.bandPower(mags, 2000, 20000) < 1e-8);
    }

    @Test
    void bandPowerOfWhiteNoiseFollowsBandwidth() {
        float[] noise = new float[4096];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.1 * rnd.nextGaussian()); // variance 0.01
        }
        double[] mags = spectrum.magnitudes(noise, 0);
        assertEquals(0.01, spectrum.bandPower(mags, 0, 22050), 0.001);
        assertEquals(0.005, spectrum.bandPower(mags, 0, 11025), 0.001);
    }

    @Test
    void framePastTheEndIsZeroPadded() {
        float[] x = Signals.sine(440, 0.5, 0.05); // 2205 samples, shorter than the frame
        Spectrum.Peak p = spectrum.strongestPeak(spectrum.magnitudes(x, 0), 20, 20000);
        assertEquals(440, p.frequency(), 2);
    }

    @Test
    void sizeMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new Spectrum(1000, 44100));
        assertEquals(2049, spectrum.bins());
        assertEquals(44100 / 4096.0, spectrum.binHz(), 1e-12);
    }
}
