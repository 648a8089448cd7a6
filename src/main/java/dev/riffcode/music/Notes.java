package dev.riffcode.music;

import java.util.OptionalInt;

/**
 * Note names, MIDI numbers and frequencies.
 *
 * <p>A note name is a letter A–G (any case), up to two accidentals of one kind
 * ({@code #}, {@code s}, {@code ♯} raise; {@code b}, {@code f}, {@code ♭} lower; letters in
 * any case) and an optional octave from -1 to 9. Without an octave the note is in octave 4, as in Sonic Pi.
 * C4 is MIDI 60, A4 is MIDI 69 (440 Hz) and C-1 is MIDI 0. Accidentals move the pitch
 * without changing the octave number, so "Cb4" is 59 (B3) and "B#3" is 60 (C4).
 */
public final class Notes {

    /** Lowest and highest MIDI note numbers. */
    public static final int MIN_MIDI = 0;
    public static final int MAX_MIDI = 127;

    /** Octave used when a note name has none (Sonic Pi's default). */
    public static final int DEFAULT_OCTAVE = 4;

    private static final int MIN_OCTAVE = -1;
    private static final int MAX_OCTAVE = 9;

    private static final String HELP = "use a letter A–G, then an optional # or b"
            + " (or s/f/♯/♭, doubled for double sharps/flats), then an optional octave -1..9"
            + " (default 4), like \"C#4\", \"Eb3\", \"A4\"";

    // Semitones above C for the natural notes, indexed by letter - 'A'.
    private static final int[] LETTER_SEMITONES = {9, 11, 0, 2, 4, 5, 7};

    private static final String[] SHARP_NAMES =
            {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final String[] FLAT_NAMES =
            {"C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"};

    private Notes() {
    }

    /**
     * The MIDI number of a note name such as "C#4", "eb3" or "Bb" (octave 4).
     *
     * @throws IllegalArgumentException if the name is malformed or the note is outside 0..127;
     *     the message names the problem and shows valid forms
     */
    public static int midi(String name) {
        Parsed parsed = parseMidi(name);
        if (parsed.error != null) {
            throw new IllegalArgumentException(parsed.error);
        }
        return parsed.value;
    }

    /** Like {@link #midi(String)} but returns empty instead of throwing. */
    public static OptionalInt tryMidi(String name) {
        Parsed parsed = parseMidi(name);
        return parsed.error == null ? OptionalInt.of(parsed.value) : OptionalInt.empty();
    }

    /**
     * The pitch class (0 = C .. 11 = B) of a note name without an octave:
     * "F#" and "Gb" give 6, "Cb" gives 11, "B#" gives 0.
     *
     * @throws IllegalArgumentException if the name is malformed or includes an octave
     */
    public static int pitchClass(String nameWithoutOctave) {
        Parsed parsed = parsePitchClass(nameWithoutOctave);
        if (parsed.error != null) {
            throw new IllegalArgumentException(parsed.error);
        }
        return parsed.value;
    }

    /** Like {@link #pitchClass(String)} but returns empty instead of throwing. */
    public static OptionalInt tryPitchClass(String nameWithoutOctave) {
        Parsed parsed = parsePitchClass(nameWithoutOctave);
        return parsed.error == null ? OptionalInt.of(parsed.value) : OptionalInt.empty();
    }

    /** Frequency in Hz of a (possibly fractional) MIDI note, equal temperament, A4 = 440 Hz. */
    public static double hz(double midi) {
        if (!Double.isFinite(midi)) {
            throw new IllegalArgumentException("MIDI note must be a finite number, got " + midi);
        }
        return 440.0 * Math.pow(2.0, (midi - 69.0) / 12.0);
    }

    /** The (fractional) MIDI note for a frequency; the inverse of {@link #hz(double)}. */
    public static double midiFromHz(double hz) {
        if (!(hz > 0.0) || !Double.isFinite(hz)) {
            throw new IllegalArgumentException("frequency must be a positive finite number of Hz, got " + hz);
        }
        return 69.0 + 12.0 * Math.log(hz / 440.0) / Math.log(2.0);
    }

    /** The name of a MIDI note using sharps, e.g. 61 → "C#4". */
    public static String name(int midi) {
        return name(midi, false);
    }

    /** The name of a MIDI note, e.g. 61 → "C#4", or "Db4" when {@code preferFlats}. */
    public static String name(int midi, boolean preferFlats) {
        checkMidiRange(midi);
        int octave = Math.floorDiv(midi, 12) - 1;
        return pitchClassName(midi, preferFlats) + octave;
    }

    /** The sharp name of a pitch class; any integer is reduced modulo 12 (so 13 → "C#"). */
    public static String pitchClassName(int pc) {
        return pitchClassName(pc, false);
    }

    /** The name of a pitch class (reduced modulo 12), with flats instead of sharps if asked. */
    public static String pitchClassName(int pc, boolean preferFlats) {
        int index = Math.floorMod(pc, 12);
        return preferFlats ? FLAT_NAMES[index] : SHARP_NAMES[index];
    }

    static void checkMidiRange(int midi) {
        if (midi < MIN_MIDI || midi > MAX_MIDI) {
            throw new IllegalArgumentException(
                    "MIDI note " + midi + " is outside the MIDI range " + MIN_MIDI + ".." + MAX_MIDI);
        }
    }

    private static Parsed parseMidi(String name) {
        Parts parts = Parts.parse(name);
        if (parts.error != null) {
            return Parsed.error(parts.error);
        }
        int octave = parts.octave == null ? DEFAULT_OCTAVE : parts.octave;
        int midi = (octave + 1) * 12 + parts.semitones;
        if (midi < MIN_MIDI || midi > MAX_MIDI) {
            return Parsed.error("note '" + name.strip() + "' would be MIDI " + midi
                    + ", outside the MIDI range " + MIN_MIDI + ".." + MAX_MIDI + " (C-1..G9)");
        }
        return Parsed.ok(midi);
    }

    private static Parsed parsePitchClass(String name) {
        Parts parts = Parts.parse(name);
        if (parts.error != null) {
            return Parsed.error(parts.error);
        }
        if (parts.octave != null) {
            return Parsed.error("pitch class name '" + name.strip()
                    + "' must not include an octave: use just a letter and accidentals, like \"F#\", \"Eb\", \"C\"");
        }
        return Parsed.ok(Math.floorMod(parts.semitones, 12));
    }

    /** A value or an error message, so the try* methods need no exceptions. */
    private static final class Parsed {
        final int value;
        final String error;

        private Parsed(int value, String error) {
            this.value = value;
            this.error = error;
        }

        static Parsed ok(int value) {
            return new Parsed(value, null);
        }

        static Parsed error(String message) {
            return new Parsed(0, message);
        }
    }

    /** A note name split into semitones above C (may be -2..13) and an optional octave. */
    private static final class Parts {
        final int semitones;
        final Integer octave;
        final String error;

        private Parts(int semitones, Integer octave, String error) {
            this.semitones = semitones;
            this.octave = octave;
            this.error = error;
        }

        private static Parts error(String message) {
            return new Parts(0, null, message);
        }

        static Parts parse(String raw) {
            if (raw == null) {
                return error("note name is missing (null): " + HELP);
            }
            String text = raw.strip();
            if (text.isEmpty()) {
                return error("note name is empty: " + HELP);
            }
            char letter = Character.toUpperCase(text.charAt(0));
            if (letter < 'A' || letter > 'G') {
                return error("unknown note name '" + text + "': " + HELP);
            }
            int i = 1;
            int sharps = 0;
            int flats = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '#' || c == '♯' || c == 's' || c == 'S') {
                    sharps++;
                } else if (c == 'b' || c == '♭' || c == 'f' || c == 'B' || c == 'F') {
                    flats++;
                } else {
                    break;
                }
                i++;
            }
            if (sharps > 0 && flats > 0) {
                return error("note name '" + text + "' mixes sharps and flats: " + HELP);
            }
            if (sharps + flats > 2) {
                return error("note name '" + text + "' has more than two accidentals: " + HELP);
            }
            int semitones = LETTER_SEMITONES[letter - 'A'] + sharps - flats;
            String rest = text.substring(i);
            if (rest.isEmpty()) {
                return new Parts(semitones, null, null);
            }
            if (!rest.matches("-?[0-9]+")) {
                return error("unknown note name '" + text + "': " + HELP);
            }
            int octave;
            try {
                octave = Integer.parseInt(rest);
            } catch (NumberFormatException tooLong) {
                octave = Integer.MAX_VALUE;
            }
            if (octave < MIN_OCTAVE || octave > MAX_OCTAVE) {
                return error("octave " + rest + " in note name '" + text + "' is outside the range "
                        + MIN_OCTAVE + ".." + MAX_OCTAVE + ": " + HELP);
            }
            return new Parts(semitones, octave, null);
        }
    }
}
