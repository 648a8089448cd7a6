package dev.riffcode.music;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key: a root pitch class and a scale, plus the prompt parsing that finds one in free text.
 *
 * <p>{@link #find(String)} looks, in this order of preference, for
 * <ol>
 *   <li>"key of X [scale]" or "key: X [scale]" ("in the key of Eb minor"),</li>
 *   <li>"in X [scale]" ("in C# dorian", "in D" meaning D major, "in Am" meaning A minor),</li>
 *   <li>X directly followed by a scale name anywhere ("A minor pentatonic", "F# harmonic minor").</li>
 * </ol>
 * X is a letter A–G with an optional #, ♯, b or ♭ (doubled allowed) or a following word
 * "sharp"/"flat" ("B flat minor"). The letter-style accidentals s and f that {@link Notes}
 * accepts are not recognised in prose, where "as" or "is"-like words would be misread.
 * Because "a" is also an article, a bare A counts only when the context makes it a note:
 * lower-case "a" needs "in"/"key of" before it and must not be followed by words like
 * "key" or "mode" ("in a minor key" names no root); a capital "A" outside those contexts
 * needs one of the common scales after it and no "key" after that.
 *
 * @param rootPc    the root pitch class, 0 = C .. 11 = B
 * @param scaleName the canonical scale name (see {@link Scales#names()})
 */
public record KeySpec(int rootPc, String scaleName) {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}#♯♭]+");
    private static final Pattern NOTE_WORD = Pattern.compile("([A-Ga-g])(##|#|♯♯|♯|bb|b|♭♭|♭)?");
    private static final Pattern NOTE_WITH_OCTAVE = Pattern.compile("([A-Ga-g](?:##|#|♯♯|♯|bb|b|♭♭|♭)?)[0-9]?");
    // "Am", "C#m", "Bbm": chord-symbol style minor keys; capital letter only, since "am" is a word.
    private static final Pattern MINOR_WORD = Pattern.compile("([A-G](?:#|♯|b|♭)?)m");

    /** Scales a bare "A" may name; exotic names like "spanish" are too often style words. */
    private static final Set<String> COMMON_SCALES = Set.of(
            "major", "minor", "dorian", "phrygian", "lydian", "mixolydian", "locrian",
            "harmonic_minor", "melodic_minor", "major_pentatonic", "minor_pentatonic", "blues", "blues_major");
    /** Words after "a minor" that show "a" was an article: "in a minor key". */
    private static final Set<String> ARTICLE_NOUNS = Set.of(
            "key", "tonality", "scale", "mode", "feel", "vibe", "mood", "sound", "style", "way");
    /** Words after "A minor" that show a capital "A" was an article: "A minor key melody". */
    private static final Set<String> CAPITAL_ARTICLE_NOUNS = Set.of("key", "tonality");

    /** Words that introduce a list of allowed notes. Weak ones also appear in other phrases. */
    private static final Set<String> STRONG_TRIGGERS = Set.of("only", "notes", "pitches", "limited", "restricted");
    private static final Set<String> WEAK_TRIGGERS = Set.of("use", "uses", "using");
    /** Words that may sit between a trigger and the first note: "only uses the notes ...". */
    private static final Set<String> FILLERS = Set.of(
            "the", "notes", "note", "pitches", "pitch", "use", "uses", "using", "of", "these", "following",
            "play", "plays", "playing", "to", "just", "only", "are", "is", "an");
    private static final Set<String> CONNECTORS = Set.of("and", "or", "plus");
    private static final Set<String> RANGE_WORDS = Set.of("to", "through", "thru");
    private static final int MAX_FILLERS = 4;

    /** Scale phrases as word lists, longest first so "minor pentatonic" beats "minor". */
    private static final List<Phrase> SCALE_PHRASES = scalePhrases();

    /**
     * @throws IllegalArgumentException if {@code rootPc} is outside 0..11 or the scale is unknown
     */
    public KeySpec {
        if (rootPc < 0 || rootPc > 11) {
            throw new IllegalArgumentException("root pitch class must be 0..11 (0 = C), got " + rootPc);
        }
        scaleName = Scales.canonicalName(scaleName);
    }

    /** A key from a root name without octave and a scale name, e.g. {@code of("C#", "dorian")}. */
    public static KeySpec of(String rootName, String scaleName) {
        return new KeySpec(Notes.pitchClass(rootName), scaleName);
    }

    /** The key's pitch classes, iterated in ascending order. */
    public Set<Integer> pitchClasses() {
        return Scales.pitchClasses(rootPc, scaleName);
    }

    /**
     * The first key or scale mention in free text (see the class comment for the rules);
     * empty if there is none. A root without a scale means major.
     */
    public static Optional<KeySpec> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<Token> tokens = tokenize(text);
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("key")) {
                int j = i + 1 < tokens.size() && tokens.get(i + 1).is("of") ? i + 2 : i + 1;
                Optional<KeySpec> key = keyAt(tokens, j, true);
                if (key.isPresent()) {
                    return key;
                }
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("in")) {
                Optional<KeySpec> key = keyAt(tokens, i + 1, true);
                if (key.isPresent()) {
                    return key;
                }
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            Optional<KeySpec> key = keyAt(tokens, i, false);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    /**
     * The pitch classes of an explicit list of allowed notes, iterated in ascending order:
     * "only uses A, B, C#, F# and G", "using only the notes D E F# A B", "notes: C, D, E".
     *
     * <p>A list starts after "only", "notes", "pitches", "limited" or "restricted" (or, with at
     * least two notes, "use"/"uses"/"using"), possibly with a few words like "the notes" in
     * between. Notes may carry an octave ("C4"), which is ignored, and be separated by commas,
     * spaces, "and", "or", "plus" or slashes. A note followed by a scale name ("only C major")
     * is a key, not a list, and a note range ("notes C to G") is not read as a list. A single
     * note counts only when nothing follows it in the same phrase ("only the note C.").
     * Returns empty when the text lists no notes.
     */
    public static Optional<Set<Integer>> findAllowedNotes(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<Token> tokens = tokenize(text);
        for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.get(i).lower();
            boolean strong = STRONG_TRIGGERS.contains(word);
            if (!strong && !WEAK_TRIGGERS.contains(word)) {
                continue;
            }
            int j = i + 1;
            while (j < tokens.size() && j - i - 1 < MAX_FILLERS && FILLERS.contains(tokens.get(j).lower())) {
                j++;
            }
            Optional<Set<Integer>> list = noteListAt(tokens, j, strong ? 1 : 2);
            if (list.isPresent()) {
                return list;
            }
        }
        return Optional.empty();
    }

    private static Optional<KeySpec> keyAt(List<Token> tokens, int i, boolean inContext) {
        Optional<Root> found = rootAt(tokens, i);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Root root = found.get();
        if (root.minorSuffix) {
            return inContext ? Optional.of(new KeySpec(root.pc, "minor")) : Optional.empty();
        }
        Optional<ScaleMatch> scale = scaleAt(tokens, root.next);
        if (root.bareA && !bareAIsANote(tokens, root, scale, inContext)) {
            return Optional.empty();
        }
        if (scale.isPresent()) {
            return Optional.of(new KeySpec(root.pc, scale.get().name));
        }
        return inContext ? Optional.of(new KeySpec(root.pc, "major")) : Optional.empty();
    }

    private static boolean bareAIsANote(List<Token> tokens, Root root, Optional<ScaleMatch> scale, boolean inContext) {
        if (!root.lowercase && inContext) {
            return true;
        }
        if (root.lowercase && !inContext) {
            return false;
        }
        if (scale.isEmpty()) {
            // "in a" only as the end of a phrase: "in a hurry" is not a key.
            return root.next >= tokens.size() || !tokens.get(root.next).joined;
        }
        ScaleMatch match = scale.get();
        Set<String> articleNouns = root.lowercase ? ARTICLE_NOUNS : CAPITAL_ARTICLE_NOUNS;
        boolean nounFollows = match.next < tokens.size() && tokens.get(match.next).joined
                && articleNouns.contains(tokens.get(match.next).lower());
        return COMMON_SCALES.contains(match.name) && !nounFollows;
    }

    private static Optional<Root> rootAt(List<Token> tokens, int i) {
        if (i >= tokens.size()) {
            return Optional.empty();
        }
        String word = tokens.get(i).text;
        Matcher note = NOTE_WORD.matcher(word);
        if (note.matches()) {
            int pc = Notes.pitchClass(word);
            int next = i + 1;
            boolean accidental = note.group(2) != null;
            if (!accidental && next < tokens.size() && tokens.get(next).joined) {
                int shift = accidentalWord(tokens.get(next));
                if (shift != 0) {
                    pc = Math.floorMod(pc + shift, 12);
                    accidental = true;
                    next++;
                }
            }
            char letter = word.charAt(0);
            boolean bareA = !accidental && (letter == 'a' || letter == 'A');
            return Optional.of(new Root(pc, next, bareA, Character.isLowerCase(letter), false));
        }
        Matcher minor = MINOR_WORD.matcher(word);
        if (minor.matches()) {
            return Optional.of(new Root(Notes.pitchClass(minor.group(1)), i + 1, false, false, true));
        }
        return Optional.empty();
    }

    private static int accidentalWord(Token token) {
        switch (token.lower()) {
            case "sharp":
                return 1;
            case "flat":
                return -1;
            default:
                return 0;
        }
    }

    private static Optional<ScaleMatch> scaleAt(List<Token> tokens, int i) {
        for (Phrase phrase : SCALE_PHRASES) {
            int end = i + phrase.words.size();
            if (end > tokens.size()) {
                continue;
            }
            boolean matches = true;
            for (int k = 0; k < phrase.words.size() && matches; k++) {
                Token token = tokens.get(i + k);
                matches = token.joined && token.lower().equals(phrase.words.get(k));
            }
            if (matches) {
                return Optional.of(new ScaleMatch(phrase.scale, end));
            }
        }
        return Optional.empty();
    }

    private static Optional<Set<Integer>> noteListAt(List<Token> tokens, int start, int minNotes) {
        Set<Integer> classes = new TreeSet<>();
        int count = 0;
        boolean startsWithLowerA = false;
        int k = start;
        while (k < tokens.size()) {
            Token token = tokens.get(k);
            if (count > 0 && CONNECTORS.contains(token.lower())) {
                k++;
                continue;
            }
            Matcher note = NOTE_WITH_OCTAVE.matcher(token.text);
            if (!note.matches()) {
                break;
            }
            int pc = Notes.pitchClass(note.group(1));
            int next = k + 1;
            if (note.group(1).length() == 1 && next < tokens.size() && tokens.get(next).joined) {
                int shift = accidentalWord(tokens.get(next));
                if (shift != 0) {
                    pc = Math.floorMod(pc + shift, 12);
                    next++;
                }
            }
            if (scaleAt(tokens, next).isPresent()) {
                return Optional.empty();
            }
            if (count == 0 && token.text.equals("a") && next == k + 1 && isCapitalNoteAfter(tokens, next)) {
                // "only a D and an E": the lower-case "a" is an article before a capital note.
                k = next;
                continue;
            }
            startsWithLowerA = startsWithLowerA || (count == 0 && token.text.equals("a"));
            classes.add(pc);
            count++;
            k = next;
        }
        boolean continues = k < tokens.size() && tokens.get(k).joined;
        if (continues && RANGE_WORDS.contains(tokens.get(k).lower())) {
            return Optional.empty();
        }
        boolean enough = count >= Math.max(2, minNotes) || (count >= minNotes && !continues);
        boolean onlyArticle = count == 1 && startsWithLowerA;
        if (!enough || onlyArticle) {
            return Optional.empty();
        }
        return Optional.of(Collections.unmodifiableSet(classes));
    }

    private static boolean isCapitalNoteAfter(List<Token> tokens, int i) {
        return i < tokens.size() && tokens.get(i).joined
                && NOTE_WITH_OCTAVE.matcher(tokens.get(i).text).matches()
                && Character.isUpperCase(tokens.get(i).text.charAt(0));
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        int previousEnd = -1;
        while (m.find()) {
            // Joined: only spaces or hyphens since the previous word, so punctuation breaks phrases.
            boolean joined = previousEnd >= 0 && text.substring(previousEnd, m.start()).matches("[\\s\\-]+");
            tokens.add(new Token(m.group(), joined));
            previousEnd = m.end();
        }
        return tokens;
    }

    private static List<Phrase> scalePhrases() {
        List<Phrase> phrases = new ArrayList<>();
        for (Map.Entry<String, String> e : Scales.spellings().entrySet()) {
            // "whole" alone is too common a word to mean the whole-tone scale.
            if (!e.getKey().equals("whole")) {
                phrases.add(new Phrase(List.of(e.getKey().toLowerCase(Locale.ROOT).split("_")), e.getValue()));
            }
        }
        // Prose shorthands that are not scale names in code.
        phrases.add(new Phrase(List.of("pentatonic"), "major_pentatonic"));
        phrases.add(new Phrase(List.of("maj"), "major"));
        phrases.add(new Phrase(List.of("min"), "minor"));
        phrases.sort(Comparator.comparingInt((Phrase p) -> p.words.size()).reversed());
        return List.copyOf(phrases);
    }

    private record Token(String text, boolean joined) {
        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }

        boolean is(String word) {
            return text.equalsIgnoreCase(word);
        }
    }

    private record Root(int pc, int next, boolean bareA, boolean lowercase, boolean minorSuffix) {
    }

    private record ScaleMatch(String name, int next) {
    }

    private record Phrase(List<String> words, String scale) {
    }
}
