package dev.riffcode.hearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Integrated loudness against the EBU Tech 3341 test cases that are made of sines (Table 1, cases
 * 1 to 5, synthesised here at 48 kHz as the EBU's files are), and true peak against its true-peak
 * cases 15 to 19. Tolerances are the EBU's: ±0.1 LU, and +0.2/-0.4 dB for true peak.
 */
class LoudnessTest {

    private static final int RATE = 48_000;

    /** A stereo 1 kHz sine, the same in both channels, made of (dBFS peak, seconds) segments. */
    private static AudioClip tones(int rate, double... levelAndSeconds) {
        int total = 0;
        for (int i = 1; i < levelAndSeconds.length; i += 2) {
            total += (int) Math.round(levelAndSeconds[i] * rate);
        }
        float[] x = new float[total];
        int at = 0;
        for (int i = 0; i < levelAndSeconds.length; i += 2) {
            double amp = Math.pow(10, levelAndSeconds[i] / 20);
            int n = (int) Math.round(levelAndSeconds[i + 1] * rate);
            for (int k = 0; k < n; k++, at++) {
                x[at] = (float) (amp * Math.sin(2 * Math.PI * 1000 * at / rate));
            }
        }
        return new AudioClip(rate, new float[][] {x, x.clone()});
    }

    @Test
    void case1StereoSineAtMinus23dBFSReadsMinus23Lufs() {
        assertEquals(-23.0, Loudness.integrated(tones(RATE, -23, 20)), 0.1);
    }

    @Test
    void case2StereoSineAtMinus33dBFSReadsMinus33Lufs() {
        assertEquals(-33.0, Loudness.integrated(tones(RATE, -33, 20)), 0.1);
    }

    @Test
    void case3RelativeGateDropsTheQuietTails() {
        assertEquals(-23.0, Loudness.integrated(tones(RATE, -36, 10, -23, 60, -36, 10)), 0.1);
    }

    @Test
    void case4AbsoluteAndRelativeGates() {
        assertEquals(-23.0, Loudness.integrated(tones(RATE, -72, 10, -36, 10, -23, 60, -36, 10, -72, 10)), 0.1);
    }

    @Test
    void case5NothingGatedWhenLevelsAreClose() {
        assertEquals(-23.0, Loudness.integrated(tones(RATE, -26, 20, -20, 20.1, -26, 20)), 0.1);
    }

    @Test
    void sameReadingAt44100() {
        assertEquals(-23.0, Loudness.integrated(tones(44_100, -23, 10)), 0.1);
        assertEquals(-23.0, Loudness.integrated(tones(44_100, -26, 20, -20, 20.1, -26, 20)), 0.1);
    }

    @Test
    void oneChannelCountsOnce() {
        // BS.1770 sums channels: a mono sine is 3 dB quieter than the same sine in both channels,
        // so a -20 dBFS mono sine reads -23.0 LUFS.
        AudioClip stereo = tones(RATE, -20, 10);
        AudioClip mono = AudioClip.mono(RATE, stereo.channels()[0]);
        assertEquals(-23.0, Loudness.integrated(mono), 0.1);
        assertEquals(-20.0, Loudness.integrated(stereo), 0.1);
    }

    @Test
    void kWeightingLiftsHighsAndCutsDeepLows() {
        // The shelf adds about 4 dB well above 1.5 kHz (1 kHz gets +0.691 dB, which the -0.691
        // offset takes back); the high-pass takes away a lot at 20 Hz.
        assertEquals(-23 + 4.0 - 0.691, Loudness.integrated(sine(10_000, -23, 10)), 0.1);
        assertTrue(Loudness.integrated(sine(20, -23, 10)) < -23 - 10);
    }

    @Test
    void silenceAndShortClipsHaveNoLoudness() {
        assertEquals(Double.NEGATIVE_INFINITY, Loudness.integrated(new AudioClip(RATE, new float[2][RATE * 2])));
        assertEquals(Double.NEGATIVE_INFINITY, Loudness.integrated(tones(RATE, -10, 0.35)));
        assertEquals(Double.NEGATIVE_INFINITY, Loudness.integrated(tones(RATE, -75, 5)), "below the absolute gate");
    }

    @Test
    void whiteNoiseReadsItsPowerPlusTheShelf() {
        // Not an EBU case, a plausibility check: white noise at -20 dBFS RMS in both channels is
        // louder than a sine of the same RMS, because most of its power lies above the shelf.
        Random random = new Random(1);
        float[] l = new float[RATE * 10];
        float[] r = new float[RATE * 10];
        double sigma = Math.pow(10, -20 / 20.0);
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) (sigma * random.nextGaussian());
            r[i] = (float) (sigma * random.nextGaussian());
        }
        double lufs = Loudness.integrated(new AudioClip(RATE, new float[][] {l, r}));
        assertTrue(lufs > -20 + 3 - 0.691 + 1 && lufs < -20 + 3 - 0.691 + 4, "noise read " + lufs);
    }

    // ---- true peak ---------------------------------------------------------------------------

    /**
     * A stereo sine of frequency rate/divisor, peak amplitude amp, starting at phase degrees, faded
     * in and out over 20 ms: a sine that starts at full level is a step, whose ringing is a real
     * inter-sample peak but not the one under test.
     */
    private static AudioClip fraction(int divisor, double amp, double phaseDegrees) {
        float[] x = new float[RATE * 2];
        double phase = Math.toRadians(phaseDegrees);
        int fade = RATE / 50;
        for (int i = 0; i < x.length; i++) {
            double edge = Math.min(1, Math.min(i, x.length - 1 - i) / (double) fade);
            x[i] = (float) (amp * edge * Math.sin(2 * Math.PI * i / divisor + phase));
        }
        return new AudioClip(RATE, new float[][] {x, x.clone()});
    }

    private static void assertTruePeak(double expectedDb, AudioClip clip, String what) {
        double tp = TruePeak.dbtp(clip);
        assertTrue(tp >= expectedDb - 0.4 && tp <= expectedDb + 0.2, what + " read " + tp + " dBTP");
    }

    @Test
    void case15QuarterRateSineInPhaseWithTheSamples() {
        assertTruePeak(-6.0, fraction(4, 0.5, 0), "fs/4, 0°");
    }

    @Test
    void case16QuarterRateSinePeakingBetweenSamples() {
        AudioClip clip = fraction(4, 0.5, 45);
        // The samples miss the peak by 3 dB; the true peak must not.
        assertEquals(-9.03, 20 * Math.log10(dev.riffcode.audio.Levels.peak(clip)), 0.01);
        assertTruePeak(-6.0, clip, "fs/4, 45°");
    }

    @Test
    void cases17And18() {
        assertTruePeak(-6.0, fraction(6, 0.5, 60), "fs/6, 60°");
        assertTruePeak(-6.0, fraction(8, 0.5, 67.5), "fs/8, 67.5°");
    }

    @Test
    void case19AboveFullScaleBetweenSamples() {
        AudioClip clip = fraction(4, 1.41, 45);
        assertTrue(dev.riffcode.audio.Levels.peak(clip) <= 1.0);
        assertTruePeak(3.0, clip, "fs/4, 1.41 FFS, 45°");
    }

    @Test
    void truePeakIsNeverBelowTheSamplePeak() {
        float[] x = new float[1000];
        x[500] = 0.8f; // a lone click: the interpolation rings, but the sample itself is the peak
        AudioClip clip = AudioClip.mono(RATE, x);
        assertTrue(TruePeak.linear(clip) >= 0.8);
        assertEquals(Double.NEGATIVE_INFINITY, TruePeak.dbtp(AudioClip.mono(RATE, new float[100])));
    }

    private static AudioClip sine(double hz, double db, double seconds) {
        float[] x = new float[(int) (seconds * RATE)];
        double amp = Math.pow(10, db / 20);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return new AudioClip(RATE, new float[][] {x, x.clone()});
    }
}
