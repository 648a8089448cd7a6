package dev.riffcode.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.Levels;
import dev.riffcode.audio.Spectrum;
import org.junit.jupiter.api.Test;

/** Audio → Riffusion picture → audio keeps pitch, level and spectral shape. */
class SpectrogramRoundTripTest {

    static float[] sine(double hz, double amplitude, int samples) {
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / SpectrogramParams.SAMPLE_RATE));
        }
        return x;
    }

    /** Frequency of the strongest peak between lo and hi, measured in the middle of the signal. */
    static double peakHz(float[] x, double lo, double hi) {
        Spectrum s = new Spectrum(65_536, SpectrogramParams.SAMPLE_RATE);
        double[] m = s.magnitudes(x, Math.max(0, x.length / 2 - 32_768));
        return s.strongestPeak(m, lo, hi).frequency();
    }

    @Test
    void aSineKeepsItsPitchAndLevelThroughAPicture() throws Exception {
        float[] in = sine(440, 0.5, SpectrogramParams.SEGMENT_SAMPLES);
        long t0 = System.nanoTime();
        float[][] mel = SpectrogramConverter.melFromAudio(in);
        long t1 = System.nanoTime();
        assertEquals(SpectrogramParams.SEGMENT_FRAMES, mel.length);
        byte[] png = SpectrogramImage.toPng(mel);
        SpectrogramImage.Decoded decoded = SpectrogramImage.read(png);
        assertTrue(decoded.tagged(), "the PNG carries Riffusion's max-value tag");
        long t2 = System.nanoTime();
        float[] out = SpectrogramConverter.audioFromMel(decoded.mel(), 32, 1, null);
        long t3 = System.nanoTime();
        System.out.printf("mel %.0f ms, png %.0f ms, decode (inverse mel + Griffin-Lim) %.0f ms%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        assertEquals(SpectrogramParams.SEGMENT_SAMPLES, out.length);
        double hz = peakHz(out, 100, 2000);
        System.out.printf("pitch %.2f Hz, rms in %.3f out %.3f, spectral convergence %.3f%n", hz, Levels.rms(in),
                Levels.rms(out), SpectrogramConverter.spectralConvergence(in, out));
        assertEquals(440, hz, 3);
    }
}
