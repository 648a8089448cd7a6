package dev.riffcode.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.music.Notes;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.Score;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.Scripts;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The pitch check listens, not only reads. Each script here has only in-key notes in its score, yet
 * its sound brings in other pitch classes (an oscillator tuned in Hz, FM sidebands, a wide detune),
 * so a check built from the score alone would pass them all. Each has a twin that differs only in
 * that one setting and must pass, so a failure is the setting's doing and not the melody's.
 */
class PitchCheckTest {

    private static final PitchCheck.Constraint C_MAJOR = PitchCheck.fromPrompt("a melody in C major").orElseThrow();
    private static final String MELODY = """
            use_bpm(120)
            for n in ['C4', 'E4', 'G4', 'A4', 'F4', 'D4', 'B3', 'C4']:
                play(n, synth='tri', sustain=0.3)
                sleep(0.5)
            """;

    @Test
    void anOscillatorTunedOutOfKeyInHertzFails() {
        // 370 Hz is F#4; the score only holds the in-key melody, the oscillator is no note.
        PitchCheck.Finding drone = check("out(SineOscillator(frequency=370, amplitude=0.2))\n" + MELODY);
        assertEquals(Set.of(Notes.pitchClass("F#")), drone.wrong(), "heard " + PitchCheck.names(drone.heard()));
        assertTrue(drone.wrongNotes().isEmpty(), "no note in the score is to blame: " + drone.wrongNotes());

        PitchCheck.Finding inKey = check("out(SineOscillator(frequency=hz('G4'), amplitude=0.2))\n" + MELODY);
        assertTrue(inKey.ok(), "a G drone is in C major: wrong " + PitchCheck.names(inKey.wrong()));
    }

    @Test
    void fmSidebandsOutOfKeyFail() {
        // A modulator at (sqrt 2 - 1) times the carrier puts the first upper sideband, carrier plus
        // modulator, a tritone above each note: F# over C and C# over G.
        String tritoneSidebands = fm("1 / (2 ** 0.5 - 1)");
        PitchCheck.Finding bell = check(tritoneSidebands);
        assertFalse(bell.ok());
        assertTrue(bell.wrong().containsAll(Set.of(Notes.pitchClass("F#"), Notes.pitchClass("C#"))),
                "tritone sidebands should be heard: wrong " + PitchCheck.names(bell.wrong()));
        assertTrue(bell.wrongNotes().isEmpty(), "no note in the score is to blame: " + bell.wrongNotes());

        // A whole-number ratio keeps every sideband on a harmonic of the note.
        PitchCheck.Finding harmonic = check(fm("2"));
        assertTrue(harmonic.ok(), "harmonic FM: wrong " + PitchCheck.names(harmonic.wrong()));
    }

    @Test
    void aVoiceDetunedBySemitonesFails() {
        // A supersaw spreads its saws over plus and minus detune semitones: at 1, the outer two sit
        // on the semitones either side of each note, which for C, E and G are mostly out of key.
        String wide = supersaw(1);
        Score score = Scripts.score(wide);
        Set<Integer> neighbours = new TreeSet<>();
        for (NoteEvent n : score.notes()) {
            neighbours.add(Math.floorMod((int) Math.round(n.note()) + 1, 12));
            neighbours.add(Math.floorMod((int) Math.round(n.note()) - 1, 12));
        }
        neighbours.removeAll(C_MAJOR.pitchClasses());
        PitchCheck.Finding detuned = check(wide);
        assertFalse(detuned.ok());
        assertTrue(neighbours.containsAll(detuned.wrong()), "only the outer saws' semitones are out of key: wrong "
                + PitchCheck.names(detuned.wrong()) + ", neighbours " + PitchCheck.names(neighbours));
        assertTrue(detuned.wrongNotes().isEmpty(), "no note in the score is to blame: " + detuned.wrongNotes());

        PitchCheck.Finding narrow = check(supersaw(0.2));
        assertTrue(narrow.ok(), "the default detune stays within a fifth of a semitone: wrong "
                + PitchCheck.names(narrow.wrong()));
    }

    @Test
    void theProblemSaysPlainlyWhatIsWrongAndWhatIsAllowed() {
        PitchCheck.Constraint folk = PitchCheck.fromPrompt("a folk song that only uses A, B, C#, F# and G").orElseThrow();
        assertEquals("plays C, which is not among the allowed notes (C#, F#, G, A, B)",
                folk.problem(Set.of(Notes.pitchClass("C"))));
        assertEquals("plays F# and G#, which are not in the key of C major (C, D, E, F, G, A, B)",
                C_MAJOR.problem(new TreeSet<>(List.of(Notes.pitchClass("G#"), Notes.pitchClass("F#")))));
        assertEquals("plays C, D and E, which are not among the allowed notes (C#, F#, G, A, B)",
                folk.problem(new TreeSet<>(List.of(0, 2, 4))));
    }

    @Test
    void partialsWrittenAsNotesAreTheTonesTimbreNotWrongNotes() {
        PitchCheck.Constraint onlyA = new PitchCheck.Constraint(Set.of(Notes.pitchClass("A")), Optional.empty());
        // Harmonics 1 to 6 of A3 struck together, each quieter than the last: one organ-like A,
        // though the 3rd and 5th harmonics are notes on E and C# in the score.
        PitchCheck.Finding organ = check(onlyA, additive("0.8 / k", 0));
        assertTrue(organ.ok(), "wrong " + PitchCheck.names(organ.wrong()) + ", notes " + organ.wrongNotes());

        // The same notes as a chord of equals, or one after another, are notes in their own right.
        for (String code : List.of(additive("0.3", 0), additive("0.8 / k", 0.25))) {
            PitchCheck.Finding notes = check(onlyA, code);
            assertTrue(notes.wrong().containsAll(Set.of(Notes.pitchClass("E"), Notes.pitchClass("C#"))),
                    "wrong " + PitchCheck.names(notes.wrong()) + " for\n" + code);
            assertTrue(notes.wrongNotes().stream().anyMatch(n -> n.startsWith("E5"))
                    && notes.wrongNotes().stream().anyMatch(n -> n.startsWith("C#6")), "named: " + notes.wrongNotes());
        }
    }

    /** Harmonics 1 to 6 of A3 as sine notes of the given amplitude, {@code apart} beats apart. */
    private static String additive(String amp, double apart) {
        return "import math\nfor k in range(1, 7):\n"
                + "    play(69 + 12 * math.log2(hz('A3') * k / 440), synth='sine', amp=" + amp + ", sustain=1.5)\n"
                + "    sleep(" + apart + ")\nsleep(2)\n";
    }

    private static String fm(String divisor) {
        return "use_bpm(120)\nfor n in ['C4', 'G4', 'C4', 'G4']:\n"
                + "    play(n, synth='fm', divisor=" + divisor + ", depth=1, sustain=0.8)\n    sleep(1)\n";
    }

    private static String supersaw(double detune) {
        return "use_bpm(120)\nfor n in ['C4', 'E4', 'G4', 'C5']:\n"
                + "    play(n, synth='supersaw', detune=" + detune + ", sustain=0.8)\n    sleep(1)\n";
    }

    /** Checks a script against C major, making sure first that its notes are all in the key. */
    private static PitchCheck.Finding check(String code) {
        Score score = Scripts.score(code);
        for (NoteEvent n : score.notes()) {
            assertTrue(C_MAJOR.pitchClasses().contains(Math.floorMod((int) Math.round(n.note()), 12)),
                    "the script's notes themselves must be in key: " + n);
        }
        return check(C_MAJOR, score);
    }

    private static PitchCheck.Finding check(PitchCheck.Constraint constraint, String code) {
        return check(constraint, Scripts.score(code));
    }

    /** Renders a score's pitched voices (the script ran in the sandbox) and checks them. */
    private static PitchCheck.Finding check(PitchCheck.Constraint constraint, Score score) {
        AudioClip pitched = Render.score(score.pitchedOnly(), OptionalDouble.empty(), 44_100);
        return PitchCheck.check(constraint, score, pitched);
    }
}
