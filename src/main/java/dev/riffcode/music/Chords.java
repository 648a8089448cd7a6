package dev.riffcode.music;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chords by name, as semitone offsets from the root (ninths reach above the octave).
 *
 * <p>Lookup ignores case and treats spaces and hyphens as underscores, except that the short
 * forms keep their case where it carries meaning: "M", "M6", "M7", "M9" are major and
 * "m", "m6", "m7", "m9" are minor.
 */
public final class Chords {

    private static final NameTable<List<Integer>> TABLE = new NameTable.Builder<List<Integer>>("chord")
            .add("major", offsets(0, 4, 7), "M", "maj")
            .add("minor", offsets(0, 3, 7), "m", "min")
            .add("dim", offsets(0, 3, 6), "diminished")
            .add("aug", offsets(0, 4, 8), "augmented", "+")
            .add("7", offsets(0, 4, 7, 10), "dom7", "dominant7")
            .add("major7", offsets(0, 4, 7, 11), "maj7", "M7")
            .add("minor7", offsets(0, 3, 7, 10), "m7", "min7")
            .add("dim7", offsets(0, 3, 6, 9), "diminished7")
            .add("m7b5", offsets(0, 3, 6, 10), "m7-5", "min7b5", "half_diminished", "halfdim")
            .add("sus2", offsets(0, 2, 7))
            .add("sus4", offsets(0, 5, 7), "sus")
            .add("7sus4", offsets(0, 5, 7, 10))
            .add("6", offsets(0, 4, 7, 9), "major6", "maj6", "M6")
            .add("m6", offsets(0, 3, 7, 9), "minor6", "min6")
            .add("9", offsets(0, 4, 7, 10, 14), "dom9")
            .add("major9", offsets(0, 4, 7, 11, 14), "maj9", "M9")
            .add("minor9", offsets(0, 3, 7, 10, 14), "m9", "min9")
            .add("add9", offsets(0, 4, 7, 14))
            // A power chord is root and fifth, no third.
            .add("power", offsets(0, 7), "5")
            .build();

    private Chords() {
    }

    /** Canonical chord names: triads first, then sevenths, sixths and ninths. */
    public static List<String> names() {
        return TABLE.names();
    }

    /**
     * The canonical name for a chord name or alias, e.g. "maj7" → "major7", "m" → "minor".
     *
     * @throws IllegalArgumentException for an unknown name, suggesting near names and listing all
     */
    public static String canonicalName(String name) {
        return TABLE.require(name);
    }

    /** Like {@link #canonicalName(String)} but empty for an unknown name. */
    public static Optional<String> find(String name) {
        return TABLE.find(name);
    }

    /** Semitone offsets from the root, ascending from 0, e.g. "7" → 0 4 7 10. */
    public static List<Integer> intervals(String name) {
        return TABLE.value(canonicalName(name));
    }

    /**
     * The chord's MIDI notes in root position, e.g. {@code chord(60, "major7")} is 60 64 67 71.
     *
     * @throws IllegalArgumentException for an unknown name or notes outside 0..127
     */
    public static List<Integer> chord(int rootMidi, String name) {
        Notes.checkMidiRange(rootMidi);
        List<Integer> notes = new ArrayList<>();
        for (int offset : intervals(name)) {
            int note = rootMidi + offset;
            if (note > Notes.MAX_MIDI) {
                throw new IllegalArgumentException("chord '" + name.strip() + "' on MIDI " + rootMidi
                        + " would reach MIDI " + note + ", above the MIDI range 0..127");
            }
            notes.add(note);
        }
        return List.copyOf(notes);
    }

    private static List<Integer> offsets(int... semitones) {
        List<Integer> list = new ArrayList<>();
        for (int s : semitones) {
            list.add(s);
        }
        return List.copyOf(list);
    }
}
