package dev.riffcode.audio;

import static dev.riffcode.audio.Signals.faded;
import static dev.riffcode.audio.Signals.hz;
import static dev.riffcode.audio.Signals.mixInto;
import static dev.riffcode.audio.Signals.saw;
import static dev.riffcode.audio.Signals.silence;
import static dev.riffcode.audio.Signals.triangle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PitchClassAnalyzerTest {
    private static final int C = 0, CS = 1, D = 2, E = 4, F = 5, FS = 6, G = 7, A = 9, B = 11;
    private static final double MIN_SHARE = 0.03;
    /** The scale of the melody tests: A, B, C#, F#, G. */
    private static final Set<Integer> SCALE = Set.of(A, B, CS, FS, G);

    private final PitchClassAnalyzer analyzer = new PitchClassAnalyzer();

    private PitchClassAnalyzer.Result analyze(String what, float[] mono) {
        PitchClassAnalyzer.Result r = analyzer.analyze(Signals.clip(mono));
        System.out.println("PitchClasses " + what + ": " + r + "  notes " + r.noteEnergy());
        return r;
    }

    /** The MIDI note with the most energy. */
    private static int loudestNote(PitchClassAnalyzer.Result r) {
        return Collections.max(r.noteEnergy().entrySet(), Map.Entry.comparingByValue()).getKey();
    }

    private static void assertOnly(int midi, PitchClassAnalyzer.Result r) {
        int pc = midi % 12;
        assertTrue(r.share()[pc] > 0.9, "share of " + PitchClassAnalyzer.name(pc) + ": " + r);
        assertEquals(Set.of(pc), r.pitchClasses(MIN_SHARE), r.toString());
        assertEquals(midi, loudestNote(r), "octave: " + r.noteEnergy());
    }

    @ParameterizedTest
    @ValueSource(ints = {48, 57, 64, 69, 72, 81, 96})
    void sineNotes(int midi) {
        assertOnly(midi, analyze("sine " + midi, Signals.sine(hz(midi), 0.3, 1)));
    }

    /** A saw's 3rd and 5th harmonics sit on the fifth and the major third: not played notes. */
    @ParameterizedTest
    @ValueSource(ints = {45, 57, 64, 40, 76, 88})
    void sawNotesReportOnlyTheirOwnPitchClass(int midi) {
        assertOnly(midi, analyze("saw " + midi, saw(hz(midi), 0.3, 1)));
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 50, 67})
    void squareAndTriangleNotes(int midi) {
        assertOnly(midi, analyze("square " + midi, Signals.square(hz(midi), 0.3, 1)));
        assertOnly(midi, analyze("triangle " + midi, triangle(hz(midi), 0.3, 1)));
    }

    @Test
    void lowBassNotes() {
        assertOnly(33, analyze("A1 saw", saw(55, 0.4, 1)));
        assertOnly(28, analyze("E1 saw", saw(hz(28), 0.4, 1)));
        assertOnly(33, analyze("A1 triangle", triangle(55, 0.4, 1)));
    }

    @Test
    void chordOfThreeSaws() {
        float[] x = saw(hz(57), 0.2, 1);
        mixInto(x, saw(hz(61), 0.2, 1), 0);
        mixInto(x, saw(hz(64), 0.2, 1), 0);
        PitchClassAnalyzer.Result r = analyze("A3 C#4 E4 saws", x);
        assertEquals(Set.of(A, CS, E), r.pitchClasses(MIN_SHARE), r.toString());
        for (int pc : new int[] {A, CS, E}) {
            assertEquals(1 / 3.0, r.share()[pc], 0.1, PitchClassAnalyzer.name(pc));
        }
        assertEquals(Set.of(57, 61, 64), notesAbove(r, 0.05));
    }

    @Test
    void seventhChordWithBassAndDetunedVoices() {
        float[] x = silence(1);
        for (int midi : new int[] {43, 59, 62, 65}) { // G2 B3 D4 F4
            // Two saws 8 cents either side, like a chorus or supersaw.
            mixInto(x, saw(hz(midi) * Math.pow(2, 8 / 1200.0), 0.1, 1), 0);
            mixInto(x, saw(hz(midi) / Math.pow(2, 8 / 1200.0), 0.1, 1), 0);
        }
        PitchClassAnalyzer.Result r = analyze("G7 detuned saws", x);
        assertEquals(Set.of(G, B, D, F), r.pitchClasses(MIN_SHARE), r.toString());
    }

    @Test
    void octaveAboveIsFoundThroughSharedPartials() {
        float[] x = saw(hz(57), 0.2, 1);
        mixInto(x, saw(hz(76), 0.2, 1), 0); // E5: its partials all coincide with A3's
        PitchClassAnalyzer.Result r = analyze("A3 + E5 saws", x);
        assertEquals(Set.of(A, E), r.pitchClasses(MIN_SHARE), r.toString());
        assertEquals(Set.of(57, 76), notesAbove(r, 0.05));
    }

    @Test
    void melodyInScaleReportsOnlyScaleTones() {
        PitchClassAnalyzer.Result r = analyze("melody", melody(false));
        Set<Integer> found = r.pitchClasses(MIN_SHARE);
        assertTrue(SCALE.containsAll(found), r.toString());
        assertTrue(found.containsAll(Set.of(A, B, CS, FS, G)), r.toString());
    }

    @Test
    void wrongNoteShowsUp() {
        PitchClassAnalyzer.Result clean = analyze("melody", melody(false));
        PitchClassAnalyzer.Result wrong = analyze("melody with a C", melody(true));
        assertEquals(0, clean.share()[C], 0.005);
        assertTrue(wrong.share()[C] > 0.04, wrong.toString());
        assertTrue(wrong.pitchClasses(MIN_SHARE).contains(C));
        Set<Integer> offScale = new java.util.HashSet<>(wrong.pitchClasses(MIN_SHARE));
        offScale.removeAll(SCALE);
        assertEquals(Set.of(C), offScale);
    }

    @Test
    void drumsAddNoPitchClasses() {
        float[] music = melody(false);
        PitchClassAnalyzer.Result clean = analyzer.analyze(Signals.clip(music));
        float[] withDrums = music.clone();
        for (int i = 0; i < 16; i++) { // kick on the beat, hi-hat or snare noise off the beat
            mixInto(withDrums, Signals.kick(0.8), i * 0.5);
            mixInto(withDrums, Signals.noiseBurst(i % 2 == 0 ? 0.5 : 0.3, 0.2, 0.04, i),
                    i * 0.5 + 0.25);
        }
        PitchClassAnalyzer.Result r = analyze("melody with drums", withDrums);
        assertTrue(SCALE.containsAll(r.pitchClasses(MIN_SHARE)), r.toString());
        // Shares move a little: a kick's sweep through 55 Hz over the A2 bass reads as A1, which
        // adds to A (a pitch class already played), but nothing new appears.
        for (int pc = 0; pc < 12; pc++) {
            assertEquals(clean.share()[pc], r.share()[pc], 0.05, PitchClassAnalyzer.name(pc));
        }
    }

    @Test
    void unpitchedSoundsGiveNothing() {
        float[] drums = silence(4);
        for (int i = 0; i < 8; i++) {
            mixInto(drums, Signals.kick(0.8), i * 0.5);
            mixInto(drums, Signals.noiseBurst(0.5, 0.2, 0.05, i), i * 0.5 + 0.25);
        }
        PitchClassAnalyzer.Result r = analyze("drums only", drums);
        assertEquals(Set.of(), r.pitchClasses(0.0));
        assertEquals(-1, r.strongest());
        PitchClassAnalyzer.Result quiet = analyze("silence", silence(1));
        assertEquals(0, java.util.Arrays.stream(quiet.share()).sum());
    }

    @Test
    void stereoAndOtherSampleRate() {
        int rate = 48000;
        float[] left = saw(hz(50), 0.3, 1, rate); // D3
        float[] right = saw(hz(54), 0.3, 1, rate); // F#3
        PitchClassAnalyzer.Result r = analyzer.analyze(
                new AudioClip(rate, new float[][] {left, right}));
        assertEquals(Set.of(D, FS), r.pitchClasses(MIN_SHARE), r.toString());
        assertEquals(Set.of(50, 54), notesAbove(r, 0.05));
    }

    @Test
    void notesAreSummarisedWithRoughTimes() {
        int[] midi = {57, 60, 64, 67};
        float[] x = silence(2.2);
        for (int i = 0; i < midi.length; i++) {
            mixInto(x, faded(saw(hz(midi[i]), 0.3, 0.5)), 0.1 + i * 0.5);
        }
        List<PitchClassAnalyzer.DetectedNote> notes = analyzer.analyze(Signals.clip(x)).notes();
        for (int i = 0; i < midi.length; i++) {
            int m = midi[i];
            PitchClassAnalyzer.DetectedNote n = notes.stream().filter(d -> d.midi() == m)
                    .max((a, b) -> Double.compare(a.energy(), b.energy())).orElseThrow();
            // Frames are 186 ms long, so times are good to about a frame.
            assertEquals(0.1 + i * 0.5, n.startSec(), 0.12, "start of " + m);
            assertEquals(0.6 + i * 0.5, n.endSec(), 0.15, "end of " + m);
            assertEquals(m % 12, n.pitchClass());
        }
    }

    @Test
    void names() {
        assertEquals("C", PitchClassAnalyzer.name(0));
        assertEquals("C#", PitchClassAnalyzer.name(13));
        assertEquals("B", PitchClassAnalyzer.name(-1));
    }

    /** MIDI notes holding at least {@code minShare} of all detected note energy. */
    private static Set<Integer> notesAbove(PitchClassAnalyzer.Result r, double minShare) {
        double total = r.noteEnergy().values().stream().mapToDouble(Double::doubleValue).sum();
        Set<Integer> out = new java.util.TreeSet<>();
        r.noteEnergy().forEach((m, e) -> {
            if (e >= minShare * total) {
                out.add(m);
            }
        });
        return out;
    }

    /**
     * Eight beats at 120 bpm in A, B, C#, F#, G: a saw melody over a triangle bass, with a saw
     * fifth-above harmony on some beats. With {@code wrongNote} the sixth melody note is a C.
     */
    private static float[] melody(boolean wrongNote) {
        int[] tune = {69, 71, 73, 78, 79, wrongNote ? 72 : 78, 73, 71};
        int[] bass = {45, 45, 42, 42, 43, 43, 45, 47};
        float[] x = silence(8 * 0.5 + 0.1);
        for (int i = 0; i < tune.length; i++) {
            mixInto(x, faded(saw(hz(tune[i]), 0.2, 0.5)), i * 0.5);
            mixInto(x, faded(triangle(hz(bass[i]), 0.3, 0.5)), i * 0.5);
        }
        // A second voice: triangle counter-melody in the upper octave on two half-notes.
        mixInto(x, faded(triangle(hz(85), 0.15, 1.0)), 1.0); // C#6
        mixInto(x, faded(triangle(hz(83), 0.15, 1.0)), 2.0); // B5
        return x;
    }
}
