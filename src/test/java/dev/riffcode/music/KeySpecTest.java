package dev.riffcode.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KeySpecTest {

    private static Set<Integer> pcs(String spaced) {
        return Arrays.stream(spaced.trim().split("\\s+")).map(Integer::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "\"{0}\" → {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "in C# dorian | 1 | dorian",
        "a lo-fi groove in C# dorian at 80 bpm | 1 | dorian",
        "in the key of Eb minor | 3 | minor",
        "A minor pentatonic riff | 9 | minor_pentatonic",
        "in D | 2 | major",
        "in D, with a swing feel | 2 | major",
        "F# harmonic minor arpeggios | 6 | harmonic_minor",
        "in Bb | 10 | major",
        "in B flat minor | 10 | minor",
        "C sharp minor ballad | 1 | minor",
        "in E-flat major | 3 | major",
        "in G♭ lydian | 6 | lydian",
        "in a minor | 9 | minor",
        "something in a minor at 90 bpm | 9 | minor",
        "key of a minor | 9 | minor",
        "Key: F# minor | 6 | minor",
        "in Am | 9 | minor",
        "in F#m please | 6 | minor",
        "in Bbm | 10 | minor",
        "in A | 9 | major",
        "in A minor key | 9 | minor",
        "e minor drone | 4 | minor",
        "D Dorian jam | 2 | dorian",
        "G mixolydian | 7 | mixolydian",
        "in c major | 0 | major",
        "E blues shuffle | 4 | blues",
        "C whole tone wash | 0 | whole_tone",
        "in F major pentatonic | 5 | major_pentatonic",
        "in F pentatonic | 5 | major_pentatonic",
        "in D natural minor | 2 | minor",
        "in G melodic minor | 7 | melodic_minor",
        "in C ionian | 0 | major",
        "B locrian | 11 | locrian",
        "Db phrygian | 1 | phrygian",
        "in C min | 0 | minor",
        "D hungarian minor | 2 | hungarian_minor",
        "E egyptian | 4 | egyptian",
        "in the key of C, with a D dorian bridge | 0 | major",
        "a D minor groove in a hurry | 2 | minor",
        "A minor pentatonic riff in E | 4 | major",
        "write a minor key tune in G | 7 | major",
        "play a dorian groove in E dorian | 4 | dorian",
        "IN C# DORIAN | 1 | dorian",
    })
    void findsKeys(String text, int rootPc, String scale) {
        assertEquals(Optional.of(new KeySpec(rootPc, scale)), KeySpec.find(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "a minor key melody",
        "write a minor key tune",
        "make a major chord progression",
        "play a dorian groove",
        "in a hurry",
        "in a major way",
        "A spanish guitar riff",
        "a spanish guitar riff",
        "A minor key melody",
        "in a minor key",
        "a whole note pad",
        "I am happy",
        "fast drums in 7/8",
        "ambient pad with slow attack",
        "D. Minor details aside",
    })
    void ignoresArticlesAndNonKeys(String text) {
        assertEquals(Optional.empty(), KeySpec.find(text));
    }

    @Test
    void pitchClassesOfAKey() {
        assertEquals(pcs("1 3 4 6 8 10 11"), KeySpec.find("in C# dorian").orElseThrow().pitchClasses());
        assertEquals(pcs("0 2 4 7 9"), KeySpec.of("A", "minor pentatonic").pitchClasses());
    }

    @Test
    void constructorCanonicalisesAndValidates() {
        assertEquals("minor", new KeySpec(9, "aeolian").scaleName());
        assertEquals(new KeySpec(6, "major"), KeySpec.of("Gb", "Ionian"));
        assertThrows(IllegalArgumentException.class, () -> new KeySpec(12, "major"));
        assertThrows(IllegalArgumentException.class, () -> new KeySpec(-1, "major"));
        assertThrows(IllegalArgumentException.class, () -> new KeySpec(0, "nonsense"));
        assertThrows(IllegalArgumentException.class, () -> KeySpec.of("H", "major"));
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
        "a melody that only uses A, B, C#, F# and G | 9 11 1 6 7",
        "using only the notes D E F# A B | 2 4 6 9 11",
        "notes: C, D, E | 0 2 4",
        "only C, E and G | 0 4 7",
        "only the notes Bb, Eb and F | 10 3 5",
        "only A4, C5 and E5 | 9 0 4",
        "restricted to D, F or A | 2 5 9",
        "limited to the notes C/E/G | 0 4 7",
        "only B flat and E flat | 10 3",
        "only C E G arpeggios | 0 4 7",
        "only uses A | 9",
        "only the note C. | 0",
        "notes a, b and c | 9 11 0",
        "use E and G | 4 7",
        "only a D and E | 2 4",
        "Pitches: C# D# F# | 1 3 6",
    })
    void findsAllowedNotes(String text, String expected) {
        assertEquals(Optional.of(pcs(expected)), KeySpec.findAllowedNotes(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "a melody in C major",
        "only a few notes",
        "only in E minor",
        "only C major",
        "use a D drone",
        "using a drum loop",
        "long notes and a bass in E",
        "notes C to G",
        "a slow pad",
        "only the notes from the A minor scale",
    })
    void noListMeansEmpty(String text) {
        assertEquals(Optional.empty(), KeySpec.findAllowedNotes(text));
    }

    @Test
    void allowedNotesIterateAscending() {
        Set<Integer> notes = KeySpec.findAllowedNotes("only G, E, C").orElseThrow();
        assertEquals(List.of(0, 4, 7), List.copyOf(notes));
        assertThrows(UnsupportedOperationException.class, () -> notes.add(1));
    }
}
