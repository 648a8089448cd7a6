package dev.riffcode.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NotesTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "C4, 60", "c4, 60", "A4, 69", "a4, 69", "C-1, 0", "G9, 127",
        "C#4, 61", "Cs4, 61", "C♯4, 61", "cs4, 61", "Db4, 61", "Df4, 61", "D♭4, 61",
        "Eb3, 51", "eb3, 51", "EB3, 51", "Bb, 70", "bb, 70", "Bb3, 58",
        "Cb4, 59", "B#3, 60", "E#4, 65", "Fb4, 64",
        "C##4, 62", "Dbb4, 60", "Css4, 62", "E♭♭4, 62",
        "C, 60", "A, 69", "F#, 66", "B0, 23", "A0, 21", "C8, 108",
        "'  D4  ', 62",
    })
    void parsesNoteNames(String name, int expected) {
        assertEquals(expected, Notes.midi(name));
        assertEquals(OptionalInt.of(expected), Notes.tryMidi(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "X", "4", "#4", "C#b4", "C###4", "Cx4", "C 4", "C4.5", "Do4", "C-", "c#-"})
    void rejectsMalformedNames(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notes.midi(name));
        assertTrue(e.getMessage().contains("like \"C#4\""), e.getMessage());
        assertTrue(e.getMessage().contains(name.strip()), e.getMessage());
        assertEquals(OptionalInt.empty(), Notes.tryMidi(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsMissingNames(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notes.midi(name));
        assertTrue(e.getMessage().contains("A–G"), e.getMessage());
        assertEquals(OptionalInt.empty(), Notes.tryMidi(name));
    }

    @Test
    void unknownLetterMessageIsHelpful() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notes.midi("H2"));
        assertEquals("unknown note name 'H2': use a letter A–G, then an optional # or b"
                + " (or s/f/♯/♭, doubled for double sharps/flats), then an optional octave -1..9"
                + " (default 4), like \"C#4\", \"Eb3\", \"A4\"", e.getMessage());
    }

    @Test
    void mixedAccidentalsAreNamedAsTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notes.midi("C#b4"));
        assertTrue(e.getMessage().contains("mixes sharps and flats"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"C10", "C-2", "A99999999999"})
    void rejectsOctavesOutsideMinusOneToNine(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notes.midi(name));
        assertTrue(e.getMessage().contains("-1..9"), e.getMessage());
        assertTrue(e.getMessage().startsWith("octave"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"G#9, 128", "A9, 129", "Cb-1, -1", "Dbb-1, 0"})
    void enforcesMidiRange(String name, int wouldBe) {
        if (wouldBe >= 0 && wouldBe <= 127) {
            assertEquals(wouldBe, Notes.midi(name));
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notes.midi(name));
        assertTrue(e.getMessage().contains("0..127"), e.getMessage());
        assertTrue(e.getMessage().contains("MIDI " + wouldBe), e.getMessage());
        assertFalse(Notes.tryMidi(name).isPresent());
    }

    @ParameterizedTest(name = "midi {0} = {1} Hz")
    @CsvSource({"69, 440.0", "81, 880.0", "57, 220.0", "60, 261.6255653", "0, 8.1757989", "127, 12543.8539514"})
    void convertsMidiToHz(double midi, double hz) {
        assertEquals(hz, Notes.hz(midi), 1e-6);
        assertEquals(midi, Notes.midiFromHz(hz), 1e-6);
    }

    @Test
    void fractionalMidiIsCents() {
        // A quarter-tone above A4.
        assertEquals(440.0 * Math.pow(2, 0.5 / 12), Notes.hz(69.5), 1e-9);
        assertEquals(69.5, Notes.midiFromHz(Notes.hz(69.5)), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsNonPositiveFrequencies(double hz) {
        assertThrows(IllegalArgumentException.class, () -> Notes.midiFromHz(hz));
    }

    @Test
    void rejectsNonFiniteMidiForHz() {
        assertThrows(IllegalArgumentException.class, () -> Notes.hz(Double.NaN));
    }

    @ParameterizedTest(name = "{0} → {1} / {2}")
    @CsvSource({
        "60, C4, C4", "61, C#4, Db4", "69, A4, A4", "0, C-1, C-1", "127, G9, G9",
        "70, A#4, Bb4", "59, B3, B3", "66, F#4, Gb4", "11, B-1, B-1", "63, D#4, Eb4",
    })
    void namesMidiNotes(int midi, String sharpName, String flatName) {
        assertEquals(sharpName, Notes.name(midi));
        assertEquals(sharpName, Notes.name(midi, false));
        assertEquals(flatName, Notes.name(midi, true));
    }

    @Test
    void nameAndMidiRoundTripOverTheWholeRange() {
        for (int midi = 0; midi <= 127; midi++) {
            assertEquals(midi, Notes.midi(Notes.name(midi)));
            assertEquals(midi, Notes.midi(Notes.name(midi, true)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 128})
    void nameRejectsOutOfRangeMidi(int midi) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notes.name(midi));
        assertTrue(e.getMessage().contains("0..127"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, C, C", "1, C#, Db", "6, F#, Gb", "10, A#, Bb", "11, B, B", "13, C#, Db", "-1, B, B", "-12, C, C"})
    void namesPitchClassesModulo12(int pc, String sharp, String flat) {
        assertEquals(sharp, Notes.pitchClassName(pc));
        assertEquals(flat, Notes.pitchClassName(pc, true));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "C, 0", "c, 0", "F#, 6", "Gb, 6", "Fs, 6", "G♭, 6", "Cb, 11", "B#, 0", "E#, 5", "Fb, 4",
        "A, 9", "Bb, 10", "bb, 10", "C##, 2", "Cbb, 10", "B##, 1",
    })
    void parsesPitchClasses(String name, int pc) {
        assertEquals(pc, Notes.pitchClass(name));
        assertEquals(OptionalInt.of(pc), Notes.tryPitchClass(name));
    }

    @Test
    void pitchClassRejectsOctaves() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notes.pitchClass("C4"));
        assertTrue(e.getMessage().contains("must not include an octave"), e.getMessage());
        assertEquals(OptionalInt.empty(), Notes.tryPitchClass("C4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"H", "", "C#b", "Xb"})
    void pitchClassRejectsMalformedNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> Notes.pitchClass(name));
        assertEquals(OptionalInt.empty(), Notes.tryPitchClass(name));
    }

    @Test
    void pitchClassRejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Notes.pitchClass(null));
        assertEquals(OptionalInt.empty(), Notes.tryPitchClass(null));
    }
}
