package dev.riffcode.music;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scales by name, as semitone offsets from the root within one octave.
 *
 * <p>Names follow Sonic Pi where it has them. Lookup ignores case and treats spaces and
 * hyphens as underscores, so "Harmonic Minor" and "major-pentatonic" both work. Aliases
 * (for example "ionian", "aeolian", "natural_minor") resolve to one canonical name.
 */
public final class Scales {

    private static final NameTable<List<Integer>> TABLE = new NameTable.Builder<List<Integer>>("scale")
            // The everyday scales and the church modes.
            .add("major", offsets(0, 2, 4, 5, 7, 9, 11), "ionian", "diatonic")
            .add("minor", offsets(0, 2, 3, 5, 7, 8, 10), "aeolian", "natural_minor", "melodic_minor_desc")
            .add("dorian", offsets(0, 2, 3, 5, 7, 9, 10))
            .add("phrygian", offsets(0, 1, 3, 5, 7, 8, 10))
            .add("lydian", offsets(0, 2, 4, 6, 7, 9, 11))
            .add("mixolydian", offsets(0, 2, 4, 5, 7, 9, 10))
            .add("locrian", offsets(0, 1, 3, 5, 6, 8, 10))
            .add("harmonic_minor", offsets(0, 2, 3, 5, 7, 8, 11))
            .add("melodic_minor", offsets(0, 2, 3, 5, 7, 9, 11), "melodic_minor_asc")
            .add("harmonic_major", offsets(0, 2, 4, 5, 7, 8, 11))
            .add("major_pentatonic", offsets(0, 2, 4, 7, 9), "gong")
            .add("minor_pentatonic", offsets(0, 3, 5, 7, 10), "yu")
            // "blues" is the minor blues scale: minor pentatonic plus the flat fifth.
            .add("blues", offsets(0, 3, 5, 6, 7, 10), "blues_minor", "minor_blues")
            .add("blues_major", offsets(0, 2, 3, 4, 7, 9), "major_blues")
            .add("chromatic", offsets(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))
            .add("whole_tone", offsets(0, 2, 4, 6, 8, 10), "whole", "messiaen1")
            // Sonic Pi's hexatonic rotations of 0 2 4 5 7 9.
            .add("hex_major6", offsets(0, 2, 4, 5, 7, 9))
            .add("hex_dorian", offsets(0, 2, 3, 5, 7, 10))
            .add("hex_phrygian", offsets(0, 1, 3, 5, 8, 10))
            .add("hex_major7", offsets(0, 2, 4, 7, 9, 11))
            .add("hex_sus", offsets(0, 2, 5, 7, 9, 10))
            .add("hex_aeolian", offsets(0, 3, 5, 7, 8, 10))
            // Sonic Pi's other pentatonic rotations (Chinese mode names).
            .add("egyptian", offsets(0, 2, 5, 7, 10), "shang")
            .add("jiao", offsets(0, 3, 5, 8, 10))
            .add("zhi", offsets(0, 2, 5, 7, 9), "ritusen")
            // Further Sonic Pi scales.
            .add("hungarian_minor", offsets(0, 2, 3, 6, 7, 8, 11))
            .add("romanian_minor", offsets(0, 2, 3, 6, 7, 9, 10))
            .add("spanish", offsets(0, 1, 4, 5, 7, 8, 10), "phrygian_dominant")
            .add("super_locrian", offsets(0, 1, 3, 4, 6, 8, 10))
            .add("locrian_major", offsets(0, 2, 4, 5, 6, 8, 10))
            .add("lydian_minor", offsets(0, 2, 4, 6, 7, 8, 10))
            .add("neapolitan_major", offsets(0, 1, 3, 5, 7, 9, 11))
            .add("neapolitan_minor", offsets(0, 1, 3, 5, 7, 8, 11))
            .add("melodic_major", offsets(0, 2, 4, 5, 7, 8, 10), "hindu", "bartok")
            .add("enigmatic", offsets(0, 1, 4, 6, 8, 10, 11))
            .add("leading_whole", offsets(0, 2, 4, 6, 8, 10, 11))
            .add("bhairav", offsets(0, 1, 4, 5, 7, 8, 11), "double_harmonic_major")
            .add("ahirbhairav", offsets(0, 1, 4, 5, 7, 9, 10))
            .add("marva", offsets(0, 1, 4, 6, 7, 9, 11))
            .add("purvi", offsets(0, 1, 4, 6, 7, 8, 11))
            .add("todi", offsets(0, 1, 3, 6, 7, 8, 11))
            .add("hirajoshi", offsets(0, 2, 3, 7, 8))
            .add("kumoi", offsets(0, 2, 3, 7, 9))
            .add("iwato", offsets(0, 1, 5, 6, 10))
            .add("pelog", offsets(0, 1, 3, 7, 8))
            .add("chinese", offsets(0, 4, 6, 7, 11))
            .add("indian", offsets(0, 4, 5, 7, 10))
            .add("scriabin", offsets(0, 1, 4, 7, 9))
            .add("prometheus", offsets(0, 2, 4, 6, 11))
            .add("augmented", offsets(0, 3, 4, 7, 8, 11))
            .add("augmented2", offsets(0, 1, 4, 5, 8, 9))
            // The two octatonic scales: half-whole and whole-half.
            .add("diminished", offsets(0, 1, 3, 4, 6, 7, 9, 10), "messiaen2")
            .add("diminished2", offsets(0, 2, 3, 5, 6, 8, 9, 11), "octatonic")
            .add("messiaen3", offsets(0, 2, 3, 4, 6, 7, 8, 10, 11))
            .add("messiaen4", offsets(0, 1, 2, 5, 6, 7, 8, 11))
            .add("messiaen5", offsets(0, 1, 5, 6, 7, 11))
            .add("messiaen6", offsets(0, 2, 4, 5, 6, 8, 10, 11))
            .add("messiaen7", offsets(0, 1, 2, 3, 5, 6, 7, 8, 9, 11))
            .build();

    private Scales() {
    }

    /** Canonical scale names, everyday scales first. */
    public static List<String> names() {
        return TABLE.names();
    }

    /**
     * The canonical name for a scale name or alias, e.g. "Ionian" → "major".
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

    /** Semitone offsets from the root within one octave, ascending from 0, e.g. major → 0 2 4 5 7 9 11. */
    public static List<Integer> intervals(String name) {
        return TABLE.value(canonicalName(name));
    }

    /**
     * The scale's MIDI notes from {@code rootMidi} upwards over {@code numOctaves} octaves,
     * including the root an octave (or more) above, as Sonic Pi does:
     * {@code scale(60, "major", 1)} is 60 62 64 65 67 69 71 72.
     *
     * @throws IllegalArgumentException for an unknown name, fewer than one octave, or notes outside 0..127
     */
    public static List<Integer> scale(int rootMidi, String name, int numOctaves) {
        Notes.checkMidiRange(rootMidi);
        List<Integer> offsets = intervals(name);
        if (numOctaves < 1) {
            throw new IllegalArgumentException("a scale needs at least one octave, got " + numOctaves);
        }
        long top = rootMidi + 12L * numOctaves;
        if (top > Notes.MAX_MIDI) {
            throw new IllegalArgumentException("scale of " + numOctaves + " octave(s) from MIDI " + rootMidi
                    + " would reach MIDI " + top + ", above the MIDI range 0..127");
        }
        List<Integer> notes = new ArrayList<>();
        for (int octave = 0; octave < numOctaves; octave++) {
            for (int offset : offsets) {
                notes.add(rootMidi + 12 * octave + offset);
            }
        }
        notes.add((int) top);
        return List.copyOf(notes);
    }

    /**
     * The pitch classes (0 = C .. 11 = B) of a scale on a root pitch class, iterated in
     * ascending order. The root may be any integer; it is reduced modulo 12.
     */
    public static Set<Integer> pitchClasses(int rootPc, String name) {
        Set<Integer> classes = new TreeSet<>();
        for (int offset : intervals(name)) {
            classes.add(Math.floorMod(rootPc + offset, 12));
        }
        return Collections.unmodifiableSet(classes);
    }

    /** Every accepted spelling, normalized (underscores, original case), mapped to its canonical name. */
    static Map<String, String> spellings() {
        return TABLE.spellings();
    }

    private static List<Integer> offsets(int... semitones) {
        List<Integer> list = new ArrayList<>();
        for (int s : semitones) {
            if (s < 0 || s > 11 || (!list.isEmpty() && s <= list.get(list.size() - 1))) {
                throw new IllegalStateException("scale offsets must ascend within 0..11");
            }
            list.add(s);
        }
        if (list.isEmpty() || list.get(0) != 0) {
            throw new IllegalStateException("scale offsets must start at the root, 0");
        }
        return List.copyOf(list);
    }
}
