package dev.riffcode.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScalesTest {

    private static List<Integer> ints(String spaced) {
        return Arrays.stream(spaced.trim().split("\\s+")).map(Integer::valueOf).collect(Collectors.toList());
    }

    @Test
    void cMajorMatchesSonicPi() {
        assertEquals(List.of(60, 62, 64, 65, 67, 69, 71, 72), Scales.scale(60, "major", 1));
    }

    @Test
    void twoOctavesRepeatTheIntervalsAndEndOnTheRoot() {
        assertEquals(ints("57 59 60 62 64 65 67 69 71 72 74 76 77 79 81"), Scales.scale(57, "minor", 2));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "major, 0 2 4 5 7 9 11",
        "ionian, 0 2 4 5 7 9 11",
        "minor, 0 2 3 5 7 8 10",
        "aeolian, 0 2 3 5 7 8 10",
        "natural_minor, 0 2 3 5 7 8 10",
        "dorian, 0 2 3 5 7 9 10",
        "phrygian, 0 1 3 5 7 8 10",
        "lydian, 0 2 4 6 7 9 11",
        "mixolydian, 0 2 4 5 7 9 10",
        "locrian, 0 1 3 5 6 8 10",
        "harmonic_minor, 0 2 3 5 7 8 11",
        "melodic_minor, 0 2 3 5 7 9 11",
        "major_pentatonic, 0 2 4 7 9",
        "minor_pentatonic, 0 3 5 7 10",
        "blues, 0 3 5 6 7 10",
        "blues_major, 0 2 3 4 7 9",
        "whole_tone, 0 2 4 6 8 10",
        "chromatic, 0 1 2 3 4 5 6 7 8 9 10 11",
        "hungarian_minor, 0 2 3 6 7 8 11",
        "egyptian, 0 2 5 7 10",
        "hex_major6, 0 2 4 5 7 9",
    })
    void intervalTables(String name, String offsets) {
        assertEquals(ints(offsets), Scales.intervals(name));
    }

    /** Sonic Pi defines scales as step patterns; these are a few of its patterns, summed here. */
    @ParameterizedTest(name = "{0} steps {1}")
    @CsvSource({
        "dorian, 2 1 2 2 2 1 2",
        "hex_dorian, 2 1 2 2 3 2",
        "hex_phrygian, 1 2 2 3 2 2",
        "hex_major7, 2 2 3 2 2 1",
        "hex_sus, 2 3 2 2 1 2",
        "hex_aeolian, 3 2 2 1 2 2",
        "jiao, 3 2 3 2 2",
        "zhi, 2 3 2 2 3",
        "super_locrian, 1 2 1 2 2 2 2",
        "hirajoshi, 2 1 4 1 4",
        "kumoi, 2 1 4 2 3",
        "iwato, 1 4 1 4 2",
        "pelog, 1 2 4 1 4",
        "chinese, 4 2 1 4 1",
        "indian, 4 1 2 3 2",
        "prometheus, 2 2 2 5 1",
        "scriabin, 1 3 3 2 3",
        "enigmatic, 1 3 2 2 2 1 1",
        "romanian_minor, 2 1 3 1 2 1 2",
        "spanish, 1 3 1 2 1 2 2",
        "bhairav, 1 3 1 2 1 3 1",
        "ahirbhairav, 1 3 1 2 2 1 2",
        "marva, 1 3 2 1 2 2 1",
        "purvi, 1 3 2 1 1 3 1",
        "todi, 1 2 3 1 1 3 1",
        "diminished, 1 2 1 2 1 2 1 2",
        "diminished2, 2 1 2 1 2 1 2 1",
        "messiaen3, 2 1 1 2 1 1 2 1 1",
        "messiaen4, 1 1 3 1 1 1 3 1",
        "messiaen5, 1 4 1 1 4 1",
        "messiaen6, 2 2 1 1 2 2 1 1",
        "messiaen7, 1 1 1 2 1 1 1 1 2 1",
        "augmented, 3 1 3 1 3 1",
        "augmented2, 1 3 1 3 1 3",
        "leading_whole, 2 2 2 2 2 1 1",
        "lydian_minor, 2 2 2 1 1 2 2",
        "locrian_major, 2 2 1 1 2 2 2",
        "neapolitan_major, 1 2 2 2 2 2 1",
        "neapolitan_minor, 1 2 2 2 1 3 1",
        "melodic_major, 2 2 1 2 1 2 2",
        "harmonic_major, 2 2 1 2 1 3 1",
    })
    void offsetsAgreeWithStepPatterns(String name, String steps) {
        List<Integer> expected = new ArrayList<>();
        int sum = 0;
        for (int step : ints(steps)) {
            expected.add(sum);
            sum += step;
        }
        assertEquals(12, sum, "steps must span an octave");
        assertEquals(expected, Scales.intervals(name));
    }

    @Test
    void everyScaleStartsAtTheRootAndAscendsWithinAnOctave() {
        for (String name : Scales.names()) {
            List<Integer> offsets = Scales.intervals(name);
            assertEquals(0, offsets.get(0), name);
            for (int i = 1; i < offsets.size(); i++) {
                assertTrue(offsets.get(i) > offsets.get(i - 1) && offsets.get(i) < 12, name);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "harmonic minor, harmonic_minor", "Harmonic Minor, harmonic_minor", "major-pentatonic, major_pentatonic",
        "MAJOR, major", "Ionian, major", "aeolian, minor", "natural minor, minor", "  dorian ,dorian",
        "whole tone, whole_tone", "whole, whole_tone", "gong, major_pentatonic", "yu, minor_pentatonic",
        "blues_minor, blues", "minor blues, blues", "melodic_minor_asc, melodic_minor", "hindu, melodic_major",
        "Hex Major6, hex_major6", "octatonic, diminished2",
    })
    void namesAreForgiving(String input, String canonical) {
        assertEquals(canonical, Scales.canonicalName(input));
        assertEquals(Optional.of(canonical), Scales.find(input));
    }

    @Test
    void namesListCanonicalNamesOnly() {
        List<String> names = Scales.names();
        assertTrue(names.containsAll(List.of("major", "minor", "major_pentatonic", "minor_pentatonic", "dorian",
                "phrygian", "lydian", "mixolydian", "locrian", "harmonic_minor", "melodic_minor", "chromatic",
                "blues", "whole_tone", "hex_major6", "egyptian", "hungarian_minor")));
        assertFalse(names.contains("ionian"));
        assertFalse(names.contains("aeolian"));
        assertEquals(names.size(), Set.copyOf(names).size());
        assertEquals("major", names.get(0));
        assertThrows(UnsupportedOperationException.class, () -> names.add("x"));
    }

    @Test
    void unknownNameSuggestsNearNamesAndListsAll() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scales.scale(60, "dorain", 1));
        assertTrue(e.getMessage().startsWith("unknown scale 'dorain': did you mean dorian?"), e.getMessage());
        assertTrue(e.getMessage().contains("Known scales: major, minor, dorian"), e.getMessage());
    }

    @Test
    void partialNameSuggestsScalesContainingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scales.canonicalName("pentatonic"));
        assertTrue(e.getMessage().contains("did you mean major_pentatonic or minor_pentatonic"), e.getMessage());
    }

    @Test
    void unknownNameWithNothingNearStillListsAll() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scales.canonicalName("xyzzyplugh"));
        assertTrue(e.getMessage().startsWith("unknown scale 'xyzzyplugh'. Known scales: major,"), e.getMessage());
        assertEquals(Optional.empty(), Scales.find("xyzzyplugh"));
        assertEquals(Optional.empty(), Scales.find(null));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "0, major, 0 2 4 5 7 9 11",
        "9, minor, 0 2 4 5 7 9 11",
        "1, dorian, 1 3 4 6 8 10 11",
        "7, mixolydian, 0 2 4 5 7 9 11",
        "9, minor_pentatonic, 0 2 4 7 9",
        "6, major, 1 3 5 6 8 10 11",
        "4, blues, 2 4 7 9 10 11",
        "21, major, 1 2 4 6 8 9 11",
        "-3, minor, 0 2 4 5 7 9 11",
    })
    void pitchClassesWrapAndAscend(int root, String name, String expected) {
        Set<Integer> classes = Scales.pitchClasses(root, name);
        assertEquals(ints(expected), new ArrayList<>(classes));
        assertThrows(UnsupportedOperationException.class, () -> classes.add(3));
    }

    @Test
    void chromaticScaleCoversEverySemitone() {
        assertEquals(ints("60 61 62 63 64 65 66 67 68 69 70 71 72"), Scales.scale(60, "chromatic", 1));
    }

    @Test
    void resultIsImmutable() {
        List<Integer> notes = Scales.scale(60, "major", 1);
        assertThrows(UnsupportedOperationException.class, () -> notes.set(0, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void needsAtLeastOneOctave(int octaves) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scales.scale(60, "major", octaves));
        assertTrue(e.getMessage().contains("at least one octave"), e.getMessage());
    }

    @Test
    void staysInsideTheMidiRange() {
        assertEquals(127, Scales.scale(115, "major", 1).get(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scales.scale(116, "major", 1));
        assertTrue(e.getMessage().contains("0..127"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scales.scale(-1, "major", 1));
        assertThrows(IllegalArgumentException.class, () -> Scales.scale(60, "major", Integer.MAX_VALUE));
    }
}
