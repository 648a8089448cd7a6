package dev.riffcode.hearing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffcode.audio.AudioClip;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The measures written for speed (taps written out, several sums at once) give the same bits as their plain form,
 * written here as a loop anyone can check: speed never changes a report.
 */
class SameBitsTest {

    @Test
    void truePeakIsTheLargestOfTheInterpolatedPointsComputedOneByOne() {
        Random random = new Random(7);
        for (int frames : new int[] {1, 15, 64, 65, 1000, 4801}) {
            float[] x = new float[frames];
            for (int i = 0; i < frames; i++) {
                // A quarter of the sample rate at 45 degrees: every sample at 0.71 of the crest, so the peak lies
                // between samples; loud everywhere, so no stretch is skipped and every point counts.
                x[i] = (float) (0.8 * Math.sin(Math.PI / 2 * i + Math.PI / 4) + 0.05 * random.nextGaussian());
            }
            assertEquals(pointByPoint(x), TruePeak.linear(AudioClip.mono(48_000, x)), 0.0, frames + " frames");
        }
    }

    /** Every point n + p/4, p = 1..3, as the sum over its taps in order; the samples themselves for p = 0. */
    private static double pointByPoint(float[] x) {
        double peak = 0;
        for (float s : x) {
            peak = Math.max(peak, Math.abs(s));
        }
        int half = TruePeak.HALF_TAPS;
        for (double[] phase : TruePeak.PHASES) {
            for (int n = 0; n < x.length; n++) {
                double sum = 0;
                for (int j = 0; j < phase.length; j++) {
                    int i = n - half + 1 + j;
                    sum += phase[j] * (i >= 0 && i < x.length ? x[i] : 0);
                }
                peak = Math.max(peak, Math.abs(sum));
            }
        }
        return peak;
    }

    @Test
    void theAutocorrelationIsEachLagsSumInOrder() {
        Random random = new Random(11);
        for (int n : new int[] {8, 9, 10, 11, 50, 1201}) {
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                e[i] = random.nextDouble() * (i % 7 == 0 ? 3 : 1);
            }
            for (int maxLag : new int[] {n / 2 - 1, n / 2, Math.min(n - 1, n / 2 + 3)}) {
                assertArrayEquals(lagByLag(e, maxLag), TempoEstimator.autocorrelation(e, maxLag), 0.0,
                        "n " + n + ", max lag " + maxLag);
            }
        }
    }

    private static double[] lagByLag(double[] e, int maxLag) {
        int n = e.length;
        double mean = 0;
        for (double v : e) {
            mean += v;
        }
        mean /= n;
        double[] r = new double[maxLag + 1];
        for (int lag = 0; lag <= maxLag; lag++) {
            double sum = 0;
            for (int i = 0; i + lag < n; i++) {
                sum += (e[i] - mean) * (e[i + lag] - mean);
            }
            r[lag] = sum / (n - lag);
        }
        double zero = r[0];
        for (int lag = 0; lag <= maxLag; lag++) {
            r[lag] /= zero;
        }
        return r;
    }
}
