package dev.riffcode.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.Onsets;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.audio.Yin;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import dev.riffcode.testing.SharedRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts play sample files through the sandbox and the engine; every option is checked by analysing the rendered
 * audio (pitch, length, onsets, level, channels), and every refusal names the problem and the script's line.
 */
class SamplePlaybackTest {

    private static final int SR = 44_100;

    @TempDir
    static Path dir;
    private static Studio studio;
    private static RenderOptions options;

    @BeforeAll
    static void files() throws IOException {
        int rate = 48_000;   // not the engine's: every file goes through the resampler
        write("tone440.wav", fade(SampleDecodingTest.sine(440, 0.5, 1.0, rate), rate), rate);
        float[] ramp = SampleDecodingTest.sine(440, 1, 1.0, rate);
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] *= 0.8f * i / ramp.length;
        }
        write("ramp.wav", ramp, rate);
        float[] halves = new float[rate];
        System.arraycopy(SampleDecodingTest.sine(440, 0.5, 0.5, rate), 0, halves, 0, rate / 2);
        System.arraycopy(SampleDecodingTest.sine(660, 0.5, 0.5, rate), 0, halves, rate / 2, rate / 2);
        write("halves.wav", halves, rate);
        // A hit at the start of a 0.45 s file: at 120 bpm a loop fits it to one beat (0.5 s).
        float[] hit = new float[(int) (0.45 * rate)];
        float[] burst = fade(SampleDecodingTest.sine(1200, 0.8, 0.03, rate), rate);
        System.arraycopy(burst, 0, hit, 0, burst.length);
        write("drums/hit.wav", hit, rate);
        WavWriter.writeAtomically(dir.resolve("lr.wav"), new AudioClip(rate, new float[][] {
            SampleDecodingTest.sine(440, 0.5, 1, rate), SampleDecodingTest.sine(660, 0.5, 1, rate)}), WavFormat.PCM_16);
        Files.writeString(dir.resolve("broken.wav"), "not a wav file");
        Path library = dir;
        studio = new Studio(SharedRunner.get(), new PipesBackend());
        options = RenderOptions.defaults().withSamples(SampleLibrary.of(List.of(library)));
    }

    private static void write(String name, float[] x, int rate) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        WavWriter.writeAtomically(p, AudioClip.mono(rate, x), WavFormat.FLOAT_32);
    }

    private static float[] fade(float[] x, int rate) {
        int n = rate / 500;
        for (int i = 0; i < n; i++) {
            x[i] *= i / (float) n;
            x[x.length - 1 - i] *= i / (float) n;
        }
        return x;
    }

    private static AudioClip render(String code, double seconds) {
        Studio.Outcome out = studio.renderToMemory("s.py", code, options.withSeconds(seconds));
        assertTrue(out.ok(), () -> out.error().format() + "\n" + code);
        return new AudioClip(SR, out.audio());
    }

    private static ScriptError error(String code) {
        Studio.Outcome out = studio.renderToMemory("s.py", code, options.withSeconds(2));
        assertFalse(out.ok(), "expected an error from\n" + code);
        return out.error();
    }

    private static double pitchAt(float[] x, double second) {
        Yin.Pitch p = new Yin(SR).detect(x, (int) (second * SR), 4096);
        assertTrue(p.isPeriodic(), "no pitch at " + second + " s");
        return p.frequency();
    }

    /** Seconds from the start to the last sample above -40 dBFS. */
    private static double soundingUntil(float[] x) {
        int last = x.length - 1;
        while (last > 0 && Math.abs(x[last]) < 0.01) {
            last--;
        }
        return last / (double) SR;
    }

    private static double rmsDb(float[] x, double from, double to) {
        return Levels.toDb(Levels.rms(Arrays.copyOfRange(x, (int) (from * SR), (int) (to * SR))));
    }

    @Test
    void rateMovesPitchAndLengthTogether() {
        for (double rate : new double[] {1, 2, 0.5, 1.5}) {
            float[] x = render("sample(\"tone440\", rate=" + rate + ")\n", 2.5).channels()[0];
            double length = 1.0 / rate;
            assertEquals(440 * rate, pitchAt(x, length / 3), 440 * rate * 0.003, "pitch at rate " + rate);
            assertEquals(length, soundingUntil(x), 0.005, "length at rate " + rate);
        }
    }

    @Test
    void theBuiltInBellIsAC4AndRateTwoMakesItAC5() {
        assertEquals(261.63, pitchAt(render("sample(\"builtin/bell_c4\")\n", 1).toMono(), 0.2), 0.5);
        assertEquals(523.25, pitchAt(render("sample(\"builtin/bell_c4\", rate=2)\n", 1).toMono(), 0.2), 1);
        assertEquals(392.0, pitchAt(render("sample(\"builtin/bell_c4\", rate=1.4983)\n", 1).toMono(), 0.2), 1);
    }

    @Test
    void aNegativeRatePlaysBackwards() {
        float[] forward = render("sample(\"ramp\")\n", 1.2).toMono();
        float[] backward = render("sample(\"ramp\", rate=-1)\n", 1.2).toMono();
        assertTrue(rmsDb(forward, 0.8, 0.95) - rmsDb(forward, 0.05, 0.2) > 10, "forward grows");
        assertTrue(rmsDb(backward, 0.05, 0.2) - rmsDb(backward, 0.8, 0.95) > 10, "backward fades");
        assertEquals(440, pitchAt(backward, 0.3), 1.5);
    }

    @Test
    void startAndFinishPlayPartOfTheFile() {
        float[] second = render("sample(\"halves\", start=0.5)\n", 1.2).toMono();
        assertEquals(660, pitchAt(second, 0.1), 2);
        assertEquals(0.5, soundingUntil(second), 0.005);
        float[] first = render("sample(\"halves\", finish=0.5, rate=0.5)\n", 1.2).toMono();
        assertEquals(220, pitchAt(first, 0.4), 1);
        assertEquals(1.0, soundingUntil(first), 0.005);
    }

    @Test
    void hitsStartOnTheirBeats() {
        float[] x = render("""
                use_bpm(120)
                sample("drums/hit")
                sleep(1)
                sample("drums/hit")
                sleep(1.5)
                sample("drums/hit", amp=0.5)
                sleep(1.5)
                sample("drums/hit")
                """, 3).toMono();
        double[] onsets = Onsets.detect(x, SR);
        double[] expected = {0, 0.5, 1.25, 2.0};
        assertEquals(expected.length, onsets.length, Arrays.toString(onsets));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], onsets[i], 0.008, "onset " + i + " of " + Arrays.toString(onsets));
        }
    }

    @Test
    void aLoopRepeatsOnEveryBeatForItsBeatsAndStops() {
        // The 0.45 s file is fitted to one beat (0.5 s at 120 bpm): 8 passes, each starting on a beat.
        float[] x = render("use_bpm(120)\nsample(\"drums/hit\", loop=8)\n", 5).toMono();
        double[] onsets = Onsets.detect(x, SR);
        assertEquals(8, onsets.length, Arrays.toString(onsets));
        for (int i = 0; i < 8; i++) {
            assertEquals(i * 0.5, onsets[i], 0.008, Arrays.toString(onsets));
        }
        assertTrue(rmsDb(x, 4.05, 5) < -90, "silent after the loop's 8 beats");
        // A long loop does not drift: pass 64 is still on its beat.
        float[] longer = render("use_bpm(240)\nsample(\"drums/hit\", loop=64)\n", 16.5).toMono();
        double[] more = Onsets.detect(longer, SR);
        assertEquals(32, more.length, "passes of 2 beats at 240 bpm (the 0.45 s file is nearest 2 beats)");
        assertEquals(15.5, more[31], 0.008);
    }

    @Test
    void theBuiltInLoopKeepsItsBarAtAnotherTempo() {
        // One bar at 120 bpm is 4 beats; at 90 bpm it is 3 beats long, fitted to 4 (the nearest power of two):
        // every eighth note of it lands on an eighth note of the new tempo.
        float[] x = render("use_bpm(90)\nsample(\"builtin/loop_beat\", loop=8)\n", 5.4).toMono();
        double[] onsets = Onsets.detect(x, SR);
        double eighth = 60.0 / 90 / 2;
        for (int k = 0; k < 16; k++) {
            double t = k * eighth;
            assertTrue(Arrays.stream(onsets).anyMatch(o -> Math.abs(o - t) < 0.01),
                    "an eighth-note hat at " + t + " s: " + Arrays.toString(onsets));
        }
    }

    @Test
    void beatStretchFitsThePartToItsBeats() {
        // The 1 s tone stretched to 3 beats at 120 bpm lasts 1.5 s, so it sounds 1/1.5 as high.
        float[] x = render("use_bpm(120)\nsample(\"tone440\", beat_stretch=3)\n", 2).toMono();
        assertEquals(1.5, soundingUntil(x), 0.005);
        assertEquals(440 / 1.5, pitchAt(x, 0.5), 1);
        // With rate=2 it lasts half that; with loop=6 it plays twice, one repeat every 3 beats.
        float[] fast = render("use_bpm(120)\nsample(\"tone440\", beat_stretch=3, rate=2)\n", 2).toMono();
        assertEquals(0.75, soundingUntil(fast), 0.005);
        float[] looped = render("use_bpm(120)\nsample(\"drums/hit\", beat_stretch=3, loop=6)\n", 4).toMono();
        double[] onsets = Onsets.detect(looped, SR);
        assertEquals(2, onsets.length, Arrays.toString(onsets));
        assertEquals(1.5, onsets[1], 0.008);
    }

    @Test
    void ampAndPanSetLevelAndSide() {
        AudioClip full = render("sample(\"tone440\")\n", 1);
        AudioClip half = render("sample(\"tone440\", amp=0.5)\n", 1);
        assertEquals(-6.02, rmsDb(half.channels()[0], 0.2, 0.8) - rmsDb(full.channels()[0], 0.2, 0.8), 0.1);
        // amp=1 plays the file at its own level: centred, each side is -3 dB of it (equal power).
        assertEquals(Levels.toDb(0.5 / Math.sqrt(2)) - 3.01, rmsDb(full.channels()[0], 0.2, 0.8), 0.1);
        AudioClip left = render("sample(\"tone440\", pan=-1)\n", 1);
        assertTrue(rmsDb(left.channels()[1], 0.2, 0.8) < -100, "nothing on the right");
        assertEquals(Levels.toDb(0.5 / Math.sqrt(2)), rmsDb(left.channels()[0], 0.2, 0.8), 0.1);
        // A stereo file keeps its channels; pan to the right fades the left away.
        AudioClip stereo = render("sample(\"lr\")\n", 1);
        assertEquals(440, pitchAt(stereo.channels()[0], 0.3), 1);
        assertEquals(660, pitchAt(stereo.channels()[1], 0.3), 1.5);
        AudioClip right = render("sample(\"lr\", pan=1)\n", 1);
        assertTrue(rmsDb(right.channels()[0], 0.2, 0.8) < -100);
        assertEquals(660, pitchAt(right.channels()[1], 0.3), 1.5);
    }

    @Test
    void neverAbove0dBFSHoweverLoud() {
        AudioClip x = render("for i in range(16):\n    sample(\"tone440\", amp=20, loop=2)\n", 2.5);
        double peak = Levels.peak(x);
        assertTrue(peak <= 0.97, "peak " + peak);
        assertEquals(0, Levels.countNonFinite(x));
        assertTrue(Levels.rmsDbfs(x) > -10, "still loud: " + Levels.rmsDbfs(x));
    }

    @Test
    void samplesGoThroughEffectsAndLiveLoops() {
        float[] dry = render("sample(\"drums/hit\")\n", 2).toMono();
        float[] wet = render("with with_fx(\"echo\", phase=0.5, decay=4, mix=0.5):\n    sample(\"drums/hit\")\n", 2)
                .toMono();
        assertTrue(rmsDb(dry, 0.45, 0.6) < -90, "dry: nothing at 0.5 s");
        assertTrue(rmsDb(wet, 0.48, 0.55) > -40, "echo: a repeat at 0.5 s");
        float[] loop = render("""
                use_bpm(120)
                @live_loop
                def beat():
                    sample("drums/hit")
                    sleep(1)
                """, 2.1).toMono();
        double[] onsets = Onsets.detect(loop, SR);
        assertEquals(5, onsets.length, Arrays.toString(onsets));
        assertEquals(2.0, onsets[4], 0.008);
    }

    @Test
    void aPieceLastsAsLongAsItsSamplesSound() {
        Studio.Outcome out = studio.renderToMemory("s.py", "sample(\"tone440\", rate=0.5)\n", options);
        assertTrue(out.ok(), () -> out.error().format());
        assertEquals(2.0, out.score().lengthSeconds(), 0.01);
        assertEquals(2.0, soundingUntil(new AudioClip(SR, out.audio()).toMono()), 0.01);
    }

    @Test
    void refusedAndUnknownNamesAreErrorsAtTheirLine() {
        ScriptError up = error("play(60)\nsleep(1)\nsample(\"../secret\")\n");
        assertEquals(3, up.line());
        assertTrue(up.message().contains("'..' is refused: a sample name cannot leave its sample folder"),
                up.message());
        ScriptError abs = error("x = 1\nsample('/etc/passwd')\n");
        assertEquals(2, abs.line());
        assertTrue(abs.message().contains("absolute paths are refused"), abs.message());
        ScriptError typo = error("\n\n\n\nsample(\"tone44\", rate=2)\n");
        assertEquals(5, typo.line());
        assertTrue(typo.message().contains("no sample named 'tone44'; did you mean 'tone440'?"), typo.message());
        ScriptError inLoop = error("for i in range(3):\n    sample('drums/hti')\n");
        assertEquals(2, inLoop.line());
        assertTrue(inLoop.message().contains("did you mean 'drums/hit'?"), inLoop.message());
    }

    @Test
    void aFileThatDoesNotDecodeIsAnErrorAtTheLineThatPlayedIt() {
        ScriptError e = error("sample('tone440')\nsleep(1)\n\nsample('broken')\n");
        assertEquals(4, e.line());
        assertEquals(ScriptError.Category.SCRIPT, e.category());
        assertTrue(e.message().contains("cannot decode 'broken'") && e.message().contains("not a RIFF/WAVE file"),
                e.message());
        assertTrue(e.format().startsWith("s.py:4:"), e.format());
    }

    @Test
    void badOptionsSayWhatIsAllowed() {
        assertTrue(error("sample('tone440', rate=0)\n").message().contains("rate must be at least 0.01 from 0"));
        assertTrue(error("sample('tone440', start=0.8, finish=0.2)\n").message()
                .contains("start (0.8) must be less than finish (0.2)"));
        ScriptError opt = error("\nsample('tone440', release=2)\n");
        assertEquals(2, opt.line());
        assertTrue(opt.message().contains("a sample file has no option 'release'"), opt.message());
        assertTrue(error("sample('tone440', loop=0)\n").message().contains("loop is a number of beats"));
        assertTrue(error("sample('bd_haus', rate=2)\n").message().contains("is a built-in drum"));
    }
}
