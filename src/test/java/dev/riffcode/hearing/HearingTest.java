package dev.riffcode.hearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.WavReader;
import dev.riffcode.engine.MasterSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each measure of the hearing report on audio whose answer is known by construction: sines of a
 * known level and frequency, clicks at a known rate, channels with a known relation, silences at
 * known places. The expected loudness is computed here from BS.1770's own definition (its published
 * 48 kHz K-weighting coefficients), not from the code under test.
 */
public class HearingTest {

    private static final int RATE = 48_000;

    @TempDir
    Path dir;

    // ---- loudness -----------------------------------------------------------------------------

    /**
     * The K-weighting's power gain at {@code hz}, from the two biquads ITU-R BS.1770-4 publishes for
     * 48 kHz (Tables 1 and 2): a high shelf and a high-pass.
     */
    static double kWeightingPowerGain48k(double hz) {
        double[] shelfB = {1.53512485958697, -2.69169618940638, 1.19839281085285};
        double[] shelfA = {1.0, -1.69065929318241, 0.73248077421585};
        double[] highPassB = {1.0, -2.0, 1.0};
        double[] highPassA = {1.0, -1.99004745483398, 0.99007225036621};
        double w = 2 * Math.PI * hz / 48_000;
        return power(shelfB, w) / power(shelfA, w) * power(highPassB, w) / power(highPassA, w);
    }

    /** |c0 + c1 e^-jw + c2 e^-2jw|^2. */
    private static double power(double[] c, double w) {
        double re = c[0] + c[1] * Math.cos(w) + c[2] * Math.cos(2 * w);
        double im = -c[1] * Math.sin(w) - c[2] * Math.sin(2 * w);
        return re * re + im * im;
    }

    /**
     * BS.1770's loudness of a steady sine of peak {@code dbfs} at {@code hz} in {@code channels}
     * channels of weight 1: -0.691 + 10 log10(sum over channels of the K-weighted mean square). A
     * sine's mean square is half its peak squared.
     */
    public static double expectedSineLufs(double dbfs, double hz, int channels) {
        double amp = Math.pow(10, dbfs / 20);
        return -0.691 + 10 * Math.log10(channels * amp * amp / 2 * kWeightingPowerGain48k(hz));
    }

    @Test
    void oneKilohertzSineAtMinus20dBFSReadsWhatTheStandardDefines() {
        double expectedStereo = expectedSineLufs(-20, 1000, 2);
        double expectedMono = expectedSineLufs(-20, 1000, 1);
        // The standard's figures: 1 kHz gains +0.691 dB (which its -0.691 takes back), so a
        // -20 dBFS sine (-23 dB mean square) in one channel is about -23 LUFS and in two about -20.
        assertEquals(-20.0, expectedStereo, 0.02, "the derivation itself");
        HearingReport stereo = Hearing.analyze(sine(1000, -20, 10, true));
        HearingReport mono = Hearing.analyze(sine(1000, -20, 10, false));
        assertEquals(expectedStereo, stereo.integratedLufs(), 0.1, "stereo 1 kHz sine at -20 dBFS");
        assertEquals(expectedMono, mono.integratedLufs(), 0.1, "mono 1 kHz sine at -20 dBFS");
        assertEquals(-20.0, stereo.truePeakDbtp(), 0.05, "true peak of a -20 dBFS sine");
        assertEquals(-20.0, stereo.samplePeakDbfs(), 0.05, "sample peak of a -20 dBFS sine at 1/48 of the rate");
    }

    @Test
    void theShelfLiftsHighSinesByTheStandardsOwnGain() {
        for (double hz : new double[] {100, 4000, 10_000}) {
            assertEquals(expectedSineLufs(-23, hz, 2), Loudness.integrated(sine(hz, -23, 10, true)), 0.1,
                    hz + " Hz sine at -23 dBFS");
        }
    }

    @Test
    void aSoxMadeSineReadsTheSame() throws Exception {
        Path wav = dir.resolve("sine.wav");
        assumeTrue(sox("-n", "-r", "48000", "-c", "2", "-b", "24", wav.toString(), "synth", "10", "sine", "1000",
                "gain", "-20"), "sox is not installed (./riffcode test installs it)");
        AudioClip clip = WavReader.read(wav);
        assertEquals(-20.0, Levels.peakDbfs(clip), 0.05, "sox's sine peaks at full scale before the gain");
        assertEquals(expectedSineLufs(-20, 1000, 2), Hearing.analyze(clip).integratedLufs(), 0.1);
    }

    // ---- loudness normalisation ---------------------------------------------------------------

    @Test
    void normalisingAQuietSineReachesTheTargetByGainAlone() {
        AudioClip quiet = sine(1000, -30, 10, true);
        LoudnessNormalizer.Result r = LoudnessNormalizer.normalize(quiet.channels(), RATE, -14);
        double after = Loudness.integrated(new AudioClip(RATE, r.audio()));
        assertEquals(-14, after, 0.1, "the measured loudness after normalising");
        assertTrue(r.reached() && !r.limited(), r.describe());
        // A sine's loudness and level move together: -14 LUFS stereo at 1 kHz is a peak of -14 dBFS.
        assertEquals(-14 - expectedSineLufs(0, 1000, 2), Levels.peakDbfs(new AudioClip(RATE, r.audio())), 0.15);
    }

    @Test
    void normalisingAPeakyPieceNeverPassesTheCeiling() {
        // Short clicks near full scale over a tone at -18 dBFS: -14 LUFS needs more gain than the
        // clicks' headroom, so the limiter must hold them at the ceiling.
        AudioClip peaky = sine(200, -18, 8, true);
        for (float[] ch : peaky.channels()) {
            for (int i = RATE / 4; i < ch.length; i += 2 * RATE) {
                for (int k = 0; k < 100; k++) {
                    ch[i + k] += (float) (0.85 * Math.sin(2 * Math.PI * 3000 * k / RATE));
                }
            }
        }
        LoudnessNormalizer.Result r = LoudnessNormalizer.normalize(peaky.channels(), RATE, -14);
        AudioClip out = new AudioClip(RATE, r.audio());
        double ceiling = new MasterSection(RATE).ceiling();
        assertTrue(r.limited(), "the clicks needed limiting: " + r.describe());
        assertTrue(Levels.peak(out) <= ceiling + 1e-6,
                "sample peak " + Levels.peakDbfs(out) + " dBFS passed the -0.3 dBFS ceiling");
        assertEquals(-14, Loudness.integrated(out), 0.1, r.describe());
        assertTrue(r.reached(), r.describe());
    }

    // ---- brightness ---------------------------------------------------------------------------

    @Test
    void theCentroidOfASineIsItsFrequency() {
        for (double hz : new double[] {300, 1000, 4000}) {
            HearingReport r = Hearing.analyze(sine(hz, -12, 3, true));
            assertEquals(hz, r.centroidHz(), hz * 0.05, "centroid of a " + hz + " Hz sine");
        }
        assertEquals("dark", Hearing.analyze(sine(300, -12, 3, true)).brightness());
        assertEquals("bright", Hearing.analyze(sine(4000, -12, 3, true)).brightness());
    }

    @Test
    void twoEqualSinesCentreBetweenThem() {
        AudioClip a = sine(500, -12, 3, true);
        AudioClip b = sine(2500, -12, 3, true);
        float[][] sum = {add(a.channels()[0], b.channels()[0]), add(a.channels()[1], b.channels()[1])};
        assertEquals(1500, Hearing.analyze(new AudioClip(RATE, sum)).centroidHz(), 60);
    }

    // ---- stereo width -------------------------------------------------------------------------

    @Test
    void stereoWidthOfMonoUnrelatedAndOppositeChannels() {
        Random random = new Random(7);
        float[] l = noise(random, RATE * 3);
        float[] r = noise(random, RATE * 3);
        float[] minusL = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            minusL[i] = -l[i];
        }
        HearingReport same = Hearing.analyze(new AudioClip(RATE, new float[][] {l, l.clone()}));
        HearingReport unrelated = Hearing.analyze(new AudioClip(RATE, new float[][] {l, r}));
        HearingReport opposite = Hearing.analyze(new AudioClip(RATE, new float[][] {l, minusL}));
        assertEquals(0, same.stereoWidth(), 1e-6);
        assertEquals(1.0, same.stereoCorrelation(), 1e-6);
        assertEquals(0.5, unrelated.stereoWidth(), 0.02);
        assertEquals(0, unrelated.stereoCorrelation(), 0.03);
        assertEquals(1, opposite.stereoWidth(), 1e-6);
        assertEquals(-1, opposite.stereoCorrelation(), 1e-6);
        assertNull(Hearing.analyze(AudioClip.mono(RATE, l)).stereoCorrelation(), "mono has no L/R correlation");
    }

    // ---- onsets, tempo from clicks, silences --------------------------------------------------

    @Test
    void clicksAtAKnownRateGiveTheirDensityAndTempo() {
        // A 2 kHz blip every 0.4 s (150 bpm) for 12 s.
        AudioClip clip = blips(12, 0.4, 1, 0);
        HearingReport r = Hearing.analyze(clip);
        assertEquals(30, r.onsets(), 1, "30 blips");
        assertEquals(2.5, r.onsetsPerSecond(), 0.1);
        assertEquals(150, r.tempoBpm(), 150 * 0.01);
        assertTrue(r.tempoConfidence() > 0.8, "a metronome is steady: " + r.tempoConfidence());
        assertEquals("moderately busy", r.density());
    }

    @Test
    void accentsEveryThirdBeatMakeABarInThree() {
        // 120 bpm; every third blip twice as loud: a waltz. The same with every fourth: a bar in four.
        HearingReport three = Hearing.analyze(blips(16, 0.5, 3, 0));
        HearingReport four = Hearing.analyze(blips(16, 0.5, 4, 0));
        assertEquals(120, three.tempoBpm(), 1.2);
        assertEquals(3, three.beatsPerBar(), "accent every 3rd beat");
        assertEquals(120, four.tempoBpm(), 1.2);
        assertEquals(4, four.beatsPerBar(), "accent every 4th beat");
    }

    @Test
    void noiseHasNoSteadyBeat() {
        Random random = new Random(3);
        float[] x = new float[RATE * 8];
        // Blips at random times: onsets, but no period.
        for (int n = 0; n < 40; n++) {
            int at = random.nextInt(x.length - 2000);
            for (int k = 0; k < 1500; k++) {
                x[at + k] += (float) (0.5 * Math.exp(-k / 300.0) * Math.sin(2 * Math.PI * 2000 * k / RATE));
            }
        }
        HearingReport r = Hearing.analyze(AudioClip.mono(RATE, x));
        assertTrue(r.tempoBpm() == null || r.tempoConfidence() < 0.3,
                "random blips read as " + r.tempoBpm() + " bpm with confidence " + r.tempoConfidence());
    }

    @Test
    void longSilencesAreFoundWhereTheyAre() {
        // Tone 0-3 s, silence 3-6.5 s, tone 6.5-8 s, a short gap 8-9 s (too short to report), tone 9-10 s.
        float[] x = new float[RATE * 10];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) RATE;
            boolean on = t < 3 || (t >= 6.5 && t < 8) || t >= 9;
            x[i] = on ? (float) (0.3 * Math.sin(2 * Math.PI * 440 * t)) : 0f;
        }
        HearingReport r = Hearing.analyze(new AudioClip(RATE, new float[][] {x, x.clone()}));
        assertEquals(1, r.silences().size(), "one silence of 2 s or more: " + r.silences());
        assertEquals(3.0, r.silences().get(0).start(), 0.06);
        assertEquals(6.5, r.silences().get(0).end(), 0.06);
        assertEquals(10.0, r.seconds(), 1e-9);
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("silences") && l.contains("3.0-6.5 s")), r.lines().toString());
    }

    @Test
    void silenceIsReportedAsSuch() {
        HearingReport r = Hearing.analyze(new AudioClip(RATE, new float[2][RATE * 3]));
        assertNull(r.integratedLufs());
        assertNull(r.truePeakDbtp());
        assertNull(r.centroidHz());
        assertNull(r.tempoBpm());
        assertTrue(r.pitchClasses().isEmpty());
        assertEquals(List.of(new HearingReport.Silence(0, 3)), r.silences());
    }

    @Test
    void theReportSurvivesJson() throws Exception {
        HearingReport r = Hearing.analyze(blips(6, 0.5, 4, 440));
        HearingReport back = ReportJson.read(ReportJson.bytes(r));
        assertEquals(r.lines(), back.lines());
        assertTrue(ReportJson.write(r).contains("\"integratedLufs\""));
    }

    // ---- signals ------------------------------------------------------------------------------

    static AudioClip sine(double hz, double dbfs, double seconds, boolean stereo) {
        float[] x = new float[(int) Math.round(seconds * RATE)];
        double amp = Math.pow(10, dbfs / 20);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return stereo ? new AudioClip(RATE, new float[][] {x, x.clone()}) : AudioClip.mono(RATE, x);
    }

    /**
     * Decaying 2 kHz blips every {@code every} seconds, each {@code accentEvery}-th one twice as loud,
     * over a steady sine of {@code droneHz} (0 for none).
     */
    public static AudioClip blips(double seconds, double every, int accentEvery, double droneHz) {
        float[] x = new float[(int) Math.round(seconds * RATE)];
        int n = 0;
        for (double t = 0.05; t < seconds - 0.1; t += every, n++) {
            int at = (int) Math.round(t * RATE);
            double amp = n % accentEvery == 0 ? 0.6 : 0.3;
            for (int k = 0; k < RATE / 20 && at + k < x.length; k++) {
                x[at + k] += (float) (amp * Math.exp(-k / 400.0) * Math.sin(2 * Math.PI * 2000 * k / RATE));
            }
        }
        if (droneHz > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (0.1 * Math.sin(2 * Math.PI * droneHz * i / RATE));
            }
        }
        return new AudioClip(RATE, new float[][] {x, x.clone()});
    }

    private static float[] noise(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.1 * random.nextGaussian());
        }
        return x;
    }

    private static float[] add(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private boolean sox(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "sox";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return false;
        }
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sox did not finish");
        assertEquals(0, p.exitValue(), "sox failed");
        return Files.isRegularFile(dir.resolve("sine.wav"));
    }
}
