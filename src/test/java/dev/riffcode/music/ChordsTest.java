package dev.riffcode.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChordsTest {

    private static List<Integer> ints(String spaced) {
        return Arrays.stream(spaced.trim().split("\\s+")).map(Integer::valueOf).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "C4 {0} = {1}")
    @CsvSource({
        "major, 60 64 67", "M, 60 64 67", "maj, 60 64 67",
        "minor, 60 63 67", "m, 60 63 67", "min, 60 63 67",
        "dim, 60 63 66", "diminished, 60 63 66",
        "aug, 60 64 68", "augmented, 60 64 68",
        "7, 60 64 67 70", "dom7, 60 64 67 70",
        "major7, 60 64 67 71", "maj7, 60 64 67 71", "M7, 60 64 67 71",
        "minor7, 60 63 67 70", "m7, 60 63 67 70", "min7, 60 63 67 70",
        "dim7, 60 63 66 69",
        "m7b5, 60 63 66 70", "m7-5, 60 63 66 70", "half-diminished, 60 63 66 70",
        "sus2, 60 62 67", "sus4, 60 65 67", "7sus4, 60 65 67 70",
        "6, 60 64 67 69", "M6, 60 64 67 69", "m6, 60 63 67 69",
        "9, 60 64 67 70 74",
        "major9, 60 64 67 71 74", "maj9, 60 64 67 71 74", "M9, 60 64 67 71 74",
        "minor9, 60 63 67 70 74", "m9, 60 63 67 70 74",
        "add9, 60 64 67 74",
        "power, 60 67", "5, 60 67",
    })
    void chordsOnMiddleC(String name, String notes) {
        assertEquals(ints(notes), Chords.chord(60, name));
    }

    @ParameterizedTest
    @CsvSource({
        "MAJOR, major", "Minor, minor", "MAJ7, major7", "Min7, minor7", "DIM, dim", "Dom7, 7",
        "half diminished, m7b5", "  sus4 , sus4",
    })
    void longNamesIgnoreCase(String input, String canonical) {
        assertEquals(canonical, Chords.canonicalName(input));
        assertEquals(Optional.of(canonical), Chords.find(input));
    }

    @Test
    void caseOfTheShortFormsDecidesMajorOrMinor() {
        assertEquals("major", Chords.canonicalName("M"));
        assertEquals("minor", Chords.canonicalName("m"));
        assertEquals("major7", Chords.canonicalName("M7"));
        assertEquals("minor7", Chords.canonicalName("m7"));
        assertEquals("6", Chords.canonicalName("M6"));
        assertEquals("m6", Chords.canonicalName("m6"));
    }

    @Test
    void chordsOnOtherRoots() {
        assertEquals(List.of(57, 60, 64), Chords.chord(57, "minor"));
        assertEquals(List.of(67, 71, 74, 77), Chords.chord(67, "7"));
        assertEquals(List.of(0, 4, 7), Chords.chord(0, "major"));
    }

    @Test
    void intervalsAreOffsetsFromTheRoot() {
        assertEquals(List.of(0, 3, 6, 10), Chords.intervals("m7b5"));
        assertEquals(List.of(0, 7), Chords.intervals("power"));
    }

    @Test
    void namesAreCanonicalAndCoverTheContract() {
        assertEquals(List.of("major", "minor", "dim", "aug", "7", "major7", "minor7", "dim7", "m7b5", "sus2",
                "sus4", "7sus4", "6", "m6", "9", "major9", "minor9", "add9", "power"), Chords.names());
    }

    @Test
    void unknownChordListsNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chords.chord(60, "majr7"));
        assertTrue(e.getMessage().startsWith("unknown chord 'majr7': did you mean major7"), e.getMessage());
        assertTrue(e.getMessage().contains("Known chords: major, minor, dim, aug, 7,"), e.getMessage());
        assertEquals(Optional.empty(), Chords.find("majr7"));
    }

    @Test
    void staysInsideTheMidiRange() {
        assertEquals(List.of(120, 124, 127), Chords.chord(120, "major"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chords.chord(120, "major7"));
        assertTrue(e.getMessage().contains("MIDI 131"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Chords.chord(-1, "major"));
        assertThrows(IllegalArgumentException.class, () -> Chords.chord(128, "major"));
    }
}
