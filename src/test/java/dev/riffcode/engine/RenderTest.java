package dev.riffcode.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.Onsets;
import dev.riffcode.audio.Spectrum;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.Yin;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.Score;
import dev.riffcode.score.UnitGraph;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.Scripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine, checked by analysing what it renders. */
class RenderTest {

    private static final int SR = 44_100;

    private static NoteEvent note(double time, String synth, double midi, double amp, double sustain) {
        return new NoteEvent(time, synth, midi, amp, 0, 0.001, 0, sustain, 1, 0.05, 0, 0.1, 0, Map.of());
    }

    private static Score notes(NoteEvent... events) {
        double end = 0;
        for (NoteEvent e : events) {
            end = Math.max(end, e.end());
        }
        return new Score(List.of(events), List.of(), UnitGraph.EMPTY, end, List.of());
    }

    @Test
    void notesStartOnTheirExactFrame() {
        double[] times = {0.25, 0.5, 1.0, 1.37, 1.9999};
        List<NoteEvent> events = new ArrayList<>();
        for (double t : times) {
            events.add(note(t, "square", 69, 1, 0.05));
        }
        AudioClip clip = Render.score(notes(events.toArray(NoteEvent[]::new)), 2.5);
        float[] mono = clip.toMono();
        int search = 0;
        for (double t : times) {
            long expected = Math.round(t * SR);
            int first = search;
            while (Math.abs(mono[first]) < 1e-4f) {
                first++;
            }
            assertTrue(first >= expected && first <= expected + 2,
                    "note at " + t + " s should start at frame " + expected + ", starts at " + first);
            search = (int) expected + (int) (0.15 * SR); // past this note and its release
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sine", "saw", "square", "tri", "pluck", "supersaw", "pad"})
    void everyPitchedSynthPlaysItsNote(String synth) {
        AudioClip clip = Render.score(notes(note(0, synth, 57, 1, 1)), 1.2);
        float[] mono = clip.toMono();
        Yin.Pitch p = new Yin(SR).detect(mono, (int) (0.2 * SR), 4096);
        assertTrue(p.isPeriodic(), synth + " should be periodic");
        assertEquals(220, p.frequency(), 220 * 0.01, synth + " A3 should be 220 Hz");
    }

    @Test
    void fmWithAWholeNumberRatioPlaysItsNote() {
        NoteEvent fm = new NoteEvent(0, "fm", 57, 1, 0, 0.001, 0, 1, 1, 0.05, 0, 0.1, 0, Map.of("divisor", 1.0, "depth", 1.0));
        float[] mono = Render.score(notes(fm), 1.2).toMono();
        assertEquals(220, new Yin(SR).detect(mono, (int) (0.2 * SR), 4096).frequency(), 2.2);
    }

    @Test
    void pitchIsRightAt48kHzToo() {
        AudioClip clip = Render.score(notes(note(0, "saw", 69, 1, 1)), OptionalDouble.of(1.2), 48_000);
        assertEquals(440, new Yin(48_000).detect(clip.toMono(), 9600, 4096).frequency(), 2);
    }

    @Test
    void noSampleEverExceedsTheCeilingWhateverTheScoreAsks() {
        List<NoteEvent> loud = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            loud.add(note(0.01 * i, i % 2 == 0 ? "saw" : "square", 30 + i, 20, 2));
        }
        AudioClip clip = Render.score(notes(loud.toArray(NoteEvent[]::new)), 3);
        assertEquals(0, Levels.countNonFinite(clip));
        assertTrue(Levels.peak(clip) <= 0.9661, "peak " + Levels.peak(clip));
        assertTrue(Levels.peak(clip) > 0.9, "the limiter should hold the peak near the ceiling, not squash it");
    }

    @Test
    void hugeUnitAmplitudesAndDcAreTamed() {
        Score s = Scripts.score("""
                osc = SquareOscillatorBL(frequency=100, amplitude=1000000)
                dc = MultiplyAdd(inputA=0, inputB=0, inputC=5)
                mix = Add()
                osc.output.connect(mix.inputA)
                dc.output.connect(mix.inputB)
                out(mix, amp=20)
                sleep(3)
                """);
        AudioClip clip = Render.score(s, 3);
        assertEquals(0, Levels.countNonFinite(clip));
        assertTrue(Levels.peak(clip) <= 0.9661);
        float[] tail = Render.excerpt(clip, 2, 2.9);
        assertTrue(Math.abs(Levels.dcOffset(tail)) < 0.05, "DC should be blocked: " + Levels.dcOffset(tail));
    }

    @Test
    void rendersAreRepeatable() {
        Score s = Scripts.score("use_synth('noise')\nplay(60)\nsleep(0.5)\nsample('snare')\nplay(50, synth='pluck')\n");
        assertArrayEquals(Render.score(s, 1.5).toMono(), Render.score(s, 1.5).toMono());
    }

    @Test
    void withoutALengthTheRenderStopsWhenTheTailIsSilent() {
        Score dry = Scripts.score("play(60, release=0.5)\n");
        Score wet = Scripts.score("with with_fx('reverb', room=0.95, mix=0.6):\n    play(60, release=0.5)\n");
        double dryLength = Render.score(dry, OptionalDouble.empty(), SR).durationSeconds();
        double wetLength = Render.score(wet, OptionalDouble.empty(), SR).durationSeconds();
        assertTrue(dryLength < 1.0, "a dry note ends soon after its release: " + dryLength);
        assertTrue(wetLength > dryLength + 0.5, "the reverb tail rings on: " + wetLength + " vs " + dryLength);
        assertTrue(wetLength <= 0.51 + OfflineRender.MAX_TAIL_SECONDS + 0.01);
    }

    @Test
    void echoRepeatsAtItsPhase() {
        AudioClip clip = Render.script("with with_fx('echo', phase=0.5, decay=4, mix=0.7):\n    play(72, synth='square', release=0.05)\n", 2.2);
        double[] onsets = Onsets.detect(clip);
        assertTrue(onsets.length >= 4, "expected the note and its echoes: " + java.util.Arrays.toString(onsets));
        for (int k = 0; k < 4; k++) {
            final int i = k;
            assertTrue(java.util.Arrays.stream(onsets).anyMatch(t -> Math.abs(t - 0.5 * i) < 0.02),
                    "an onset near " + 0.5 * k + " s: " + java.util.Arrays.toString(onsets));
        }
    }

    @Test
    void lowPassEffectRemovesHighs() {
        String note = "play(45, synth='saw', sustain=1, cutoff=130)\n";
        double open = highShare(Render.script(note, 1));
        double closed = highShare(Render.script("with with_fx('lpf', cutoff=60):\n    " + note, 1));
        assertTrue(closed < open / 10, "lpf: high-band share " + closed + " vs open " + open);
    }

    @Test
    void distortionAddsHarmonics() {
        String note = "play(57, synth='sine', sustain=1, amp=0.8)\n";
        double clean = highShare(Render.script(note, 1));
        double driven = highShare(Render.script("with with_fx('distortion', distort=0.9):\n    " + note, 1));
        assertTrue(driven > clean * 10 && driven > 1e-3, "distortion: " + driven + " vs clean " + clean);
    }

    @Test
    void cutoffShapesTheSynth() {
        double dark = highShare(Render.script("play(45, synth='saw', sustain=1, cutoff=50)\n", 1));
        double bright = highShare(Render.script("play(45, synth='saw', sustain=1, cutoff=120)\n", 1));
        assertTrue(bright > dark * 10, "cutoff: bright " + bright + " vs dark " + dark);
    }

    @Test
    void rampSweepsAUnitFilterAndGatesShapeTheSound() {
        AudioClip clip = Render.script("""
                saw = SawtoothOscillatorBL(frequency=110, amplitude=0.5)
                lp = FilterLowPass(frequency=200, Q=1)
                env = EnvelopeDAHDSR(attack=0.01, decay=0.1, sustain=0.8, release=0.05)
                vca = Multiply()
                saw.output.connect(lp.input)
                lp.output.connect(vca.inputA)
                env.output.connect(vca.inputB)
                out(vca)
                env.input.on()
                lp.frequency.ramp(8000, 2)
                sleep(2)
                env.input.off()
                sleep(1)
                """, 3);
        double early = highShare(Render.excerpt(clip, 0.2, 0.6));
        double late = highShare(Render.excerpt(clip, 1.5, 1.95));
        assertTrue(late > early * 5, "the ramp opens the filter: " + early + " -> " + late);
        assertTrue(Levels.rms(Render.excerpt(clip, 1.0, 1.9)) > 0.02, "sound while the gate is on");
        assertTrue(Levels.rms(Render.excerpt(clip, 2.5, 2.95)) < 1e-3, "silence after the release");
    }

    @ParameterizedTest
    @ValueSource(strings = {"16", "24", "32f"})
    void writesEveryWavFormat(String bits, @TempDir Path dir) throws IOException {
        Path wav = dir.resolve("out.wav");
        OfflineRender render = new OfflineRender(new PipesBackend(), RenderSettings.of(SR));
        OfflineRender.Result r = render.toWav(notes(note(0, "sine", 69, 1, 0.5)), OptionalDouble.of(1), wav,
                WavFormat.fromCliName(bits), f -> { });
        AudioClip back = WavReader.read(wav);
        assertEquals(SR, back.sampleRate());
        assertEquals(2, back.channelCount());
        assertEquals(SR, back.frames());
        assertEquals(r.peak(), Levels.peak(back), 1e-3);
        assertEquals(440, new Yin(SR).detect(back.toMono(), 4410, 4096).frequency(), 1);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp files are left behind");
        }
    }

    /**
     * The audio kept beside a WAV is what the file gives back, sample for sample (hearing it from memory hears the
     * file); a sound loud enough to reach the ceiling and a quiet tail test the rounding at both ends.
     */
    @ParameterizedTest
    @ValueSource(strings = {"16", "24", "32f"})
    void theAudioKeptBesideAWavIsWhatTheFileHolds(String bits, @TempDir Path dir) throws IOException {
        Path wav = dir.resolve("kept.wav");
        OfflineRender render = new OfflineRender(new PipesBackend(), RenderSettings.of(SR));
        Score score = notes(note(0, "saw", 45, 4, 0.3), note(0.4, "sine", 81, 0.001, 0.3));
        OfflineRender.InMemory kept = render.toWavAndMemory(score, OptionalDouble.empty(), wav,
                WavFormat.fromCliName(bits), f -> { });
        AudioClip back = WavReader.read(wav);
        assertEquals(back.frames(), kept.audio()[0].length, "as long as the file");
        assertEquals(kept.result().frames(), back.frames());
        assertArrayEquals(back.channels()[0], kept.audio()[0], "left");
        assertArrayEquals(back.channels()[1], kept.audio()[1], "right");
    }

    /** Fraction of spectral power above 3 kHz. */
    private static double highShare(AudioClip clip) {
        return highShare(Render.excerpt(clip, 0.1, Math.min(clip.durationSeconds(), 0.9)));
    }

    private static double highShare(float[] x) {
        Spectrum spectrum = new Spectrum(8192, SR);
        double[] mags = spectrum.magnitudes(x, 0);
        double all = spectrum.bandPower(mags, 20, 20_000);
        return spectrum.bandPower(mags, 3_000, 20_000) / all;
    }
}
