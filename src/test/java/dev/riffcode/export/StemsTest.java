package dev.riffcode.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.Onsets;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.Yin;
import dev.riffcode.engine.MasterSection;
import dev.riffcode.engine.OfflineRender;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.runtime.Runner;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.score.Score;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import dev.riffcode.testing.SharedRunner;
import dev.riffcode.testing.StemSum;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stems from scripts run in the sandbox: one per part, each its part alone, adding up to the mix. */
class StemsTest {

    private static final int RATE = 44_100;

    /** Five parts, each with a sound of its own; a reverb shared by two of them, an echo and a unit graph. */
    static final String BAND = """
            use_bpm(120)
            with with_fx("reverb", room=0.7, mix=0.4):
                @live_loop
                def bass():
                    play("A2", synth="saw", release=0.4, amp=0.5)
                    sleep(1)
                @in_thread
                def lead():
                    with with_fx("echo", phase=0.5, decay=2):
                        for i in range(4):
                            play("E5", synth="pluck", release=0.3, amp=0.4)
                            sleep(2)
            @live_loop
            def drums():
                sample("bd_haus", amp=0.6)
                sleep(0.5)
                sample("builtin/hat", amp=0.5)
                sleep(0.5)
            @in_thread
            def pad():
                osc = SineOscillator(frequency=392, amplitude=0.15)
                out(osc)
                sleep(8)
            play("C4", synth="sine", sustain=3, release=1, amp=0.3)
            sleep(8)
            """;

    @TempDir
    Path dir;

    private final Studio studio = new Studio((Runner) SharedRunner.get(), new PipesBackend());
    private final RenderOptions options = RenderOptions.defaults().withSeconds(8);

    private Score run(String code) {
        RunResult run = studio.run("band.py", code, options);
        assertTrue(run.ok(), () -> run.error().format());
        return run.score();
    }

    private Map<String, AudioClip> writeStems(Score score, long frames, WavFormat format) throws IOException {
        OfflineRender render = new OfflineRender(new PipesBackend(), RenderSettings.of(RATE), options.samples());
        Map<String, AudioClip> stems = new TreeMap<>();
        for (Stems.Written w : Stems.write(render, score, frames, RATE, dir.resolve("stems"), format, x -> { })) {
            stems.put(w.stem().strand(), WavReader.read(w.file()));
        }
        return stems;
    }

    @Test
    void everyPartOfTheScriptIsAStemNamedAfterIt() {
        Score score = run(BAND);
        assertEquals(List.of("main", "bass", "drums", "lead", "pad"), score.strands(),
                "main first, then the live loops as defined, then the threads as heard");
        assertEquals(List.of("main.wav", "bass.wav", "drums.wav", "lead.wav", "pad.wav"),
                Stems.plan(score).stream().map(Stems.Stem::fileName).toList());
        assertTrue(score.samples().stream().allMatch(h -> h.strand().equals("drums")), "sample files know their part");
    }

    @Test
    void theStemsAddUpToTheMixWithinMinus60Db() throws IOException {
        Score score = run(BAND);
        OfflineRender render = new OfflineRender(new PipesBackend(), RenderSettings.of(RATE), options.samples());
        Path mixFile = dir.resolve("mix.wav");
        OfflineRender.Result mixed = render.toWav(score, OptionalDouble.of(8), mixFile, WavFormat.FLOAT_32, f -> { });
        float ceiling = new MasterSection(RATE).ceiling();
        assertTrue(mixed.inputPeak() < ceiling, "the mix stays under the ceiling, so its limiter is unity: "
                + mixed.inputPeak());
        AudioClip mix = WavReader.read(mixFile);
        Map<String, AudioClip> stems = writeStems(score, mixed.frames(), WavFormat.FLOAT_32);
        assertEquals(5, stems.size());
        double db = StemSum.residualDb(mix, stems.values());
        assertTrue(db < -60, "stems summed against the mix: " + db + " dB");
    }

    @Test
    void eachStemHoldsItsOwnPartAndNothingElse() throws IOException {
        Score score = run(BAND);
        Map<String, AudioClip> stems = writeStems(score, 8 * RATE, WavFormat.FLOAT_32);
        Yin yin = new Yin(RATE);
        // Each pitched part alone, listened to where it sounds (just after a note of it starts).
        Map<String, double[]> expect = Map.of(
                "main", new double[] {1.0, 261.63},
                "bass", new double[] {2.05, 110.0},
                "lead", new double[] {2.05, 659.26},
                "pad", new double[] {6.0, 392.0});
        for (var e : expect.entrySet()) {
            float[] mono = stems.get(e.getKey()).toMono();
            double hz = yin.detect(mono, (int) (e.getValue()[0] * RATE), 4096).frequency();
            assertEquals(e.getValue()[1], hz, e.getValue()[1] * 0.02, e.getKey() + " stem's pitch");
        }
        // The drums: the hats' onsets on the off beats (the detector hears the kick's low thump under the hat's tail
        // less well), and the kick's sound on the beats.
        AudioClip drums = stems.get("drums");
        double[] onsets = Onsets.detect(drums);
        assertTrue(onsets.length >= 15 && onsets.length <= 34, "drum onsets in 8 s: " + onsets.length);
        for (double t : onsets) {
            double beats = t / 0.25;
            assertTrue(Math.abs(beats - Math.rint(beats)) < 0.12, "drum onset off the grid at " + t);
        }
        for (double beat = 0.5; beat < 8; beat += 0.5) {
            assertTrue(Levels.rms(slice(drums, beat, beat + 0.05)) > 3 * Levels.rms(slice(drums, beat - 0.05, beat)),
                    "a kick at " + beat + " s");
        }
        // Before the pad's note starts nothing, and the main part is silent once its note has rung out.
        assertTrue(Levels.rms(slice(stems.get("main"), 4.5, 7.5)) < 1e-4, "main after its note");
        assertTrue(Levels.rms(slice(stems.get("bass"), 1.5, 1.9)) > 1e-3, "the bass rings in its reverb");
    }

    @Test
    void aLoudPartIsLimitedInItsOwnStemAndSaysSo() throws IOException {
        Score score = run("""
                @in_thread
                def loud():
                    play(48, synth="saw", amp=6, sustain=1)
                play(72, synth="sine", amp=0.2, sustain=1)
                sleep(1)
                """);
        OfflineRender render = new OfflineRender(new PipesBackend(), RenderSettings.of(RATE));
        List<Stems.Written> written = new ArrayList<>();
        Stems.write(render, score, RATE * 2L, RATE, dir, WavFormat.FLOAT_32, written::add);
        float ceiling = new MasterSection(RATE).ceiling();
        for (Stems.Written w : written) {
            double peak = Levels.peak(WavReader.read(w.file()));
            assertTrue(peak <= ceiling, w.stem() + " peaks at " + peak);
            assertEquals(w.stem().strand().equals("loud"), w.limited(), w.stem() + " limited");
        }
        assertTrue(written.get(1).result().inputPeak() > 1, "the loud part reached the master far over the ceiling");
    }

    @Test
    void aSharedDistortionIsNamedAndOneOfItsOwnIsNot() {
        Score shared = run("""
                with with_fx("distortion", distort=0.9):
                    @in_thread
                    def riff():
                        play(40, synth="saw")
                    play(52, synth="saw")
                sleep(1)
                """);
        List<String> said = Stems.sharedNonlinearEffects(shared);
        assertEquals(1, said.size());
        assertTrue(said.get(0).contains("distortion") && said.get(0).contains("main, riff"), said.get(0));
        Score own = run("""
                @in_thread
                def riff():
                    with with_fx("distortion", distort=0.9):
                        play(40, synth="saw")
                with with_fx("reverb"):
                    play(52, synth="saw")
                sleep(1)
                """);
        assertEquals(List.of(), Stems.sharedNonlinearEffects(own));
    }

    @Test
    void partNamesBecomeSafeUniqueFileNames() {
        Score score = run("""
                @live_loop("../up/and out")
                def a():
                    play(60)
                    sleep(1)
                @live_loop("Beat")
                def b():
                    play(64)
                    sleep(1)
                @live_loop("beat")
                def c():
                    play(67)
                    sleep(1)
                """);
        assertEquals(List.of("___up_and_out.wav", "Beat.wav", "beat-2.wav"),
                Stems.plan(score).stream().map(Stems.Stem::fileName).toList());
        assertFalse(Stems.safeName("-rf").startsWith("-"), "no name reads as an option");
    }

    private static float[] slice(AudioClip clip, double from, double to) {
        float[] mono = clip.toMono();
        return java.util.Arrays.copyOfRange(mono, (int) (from * RATE), (int) (to * RATE));
    }
}
