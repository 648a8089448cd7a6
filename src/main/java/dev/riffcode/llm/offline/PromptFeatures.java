package dev.riffcode.llm.offline;

import dev.riffcode.music.KeySpec;
import dev.riffcode.music.Notes;
import dev.riffcode.music.PromptLanguage;
import dev.riffcode.music.Scales;
import dev.riffcode.music.Tempo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the offline generator reads in a prompt, English or Spanish ({@link PromptLanguage}): parts
 * (instrument words, "only drums", "a drum solo"), tempo, metre, key or an explicit list of allowed
 * notes, mood and length. Every choice the prompt leaves open comes from the seed. What the prompt
 * asked for explicitly is kept too ({@code askedBpm}, {@code askedSeconds}, {@code pace},
 * {@code colour}, {@code density}, {@code keyGiven}), so the audio can be checked against it, and an
 * ask the generator cannot honour is said in {@code unmet}, never changed in silence.
 *
 * @param beatsPerBar 3 for a waltz, 3/4 or 6/8 (6/8 is played as bars of three beats), else 4
 * @param askedBpm the tempo the prompt gave as a number, or null
 * @param askedSeconds the length the prompt gave in seconds, minutes or hours, or null
 * @param pace "slow" or "fast" when the prompt says so, else null
 * @param colour "dark" or "bright" when the prompt says so, else null
 * @param density "sparse" or "busy" when the prompt says so, else null
 * @param unmet each ask that cannot be honoured, said plainly
 * @param register -1 to play an octave lower (a dark picture), +1 an octave higher (a light one), else 0
 * @param pictureMapping with a picture ({@code generate --image}), how each of its features was read
 *     ({@link PictureMapping}), one line each; else empty
 */
public record PromptFeatures(String prompt, long seed, double bpm, int rootPc, String scaleName,
        Set<Integer> pitchClasses, boolean notesGiven, boolean keyGiven, List<String> parts, Set<Mood> moods,
        int bars, int beatsPerBar, String melodySynth, Double askedBpm, Double askedSeconds, String pace,
        String colour, String density, List<String> unmet, int register, List<String> pictureMapping) {

    /** The offline generator's tempo range. */
    public static final double MIN_BPM = 40;
    public static final double MAX_BPM = 220;
    /** The longest piece it writes, in bars. */
    public static final int MAX_BARS = 64;

    /** Moods change sound and space, not notes. */
    public enum Mood { DARK, BRIGHT, AIRY, DUB, GRITTY, LOFI, CALM, ENERGETIC }

    private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:s|sec|secs|seconds?)\\b");
    private static final Pattern MINUTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:min|mins|minutes?)\\b");
    private static final Pattern HOURS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:h|hrs?|hours?)\\b");
    private static final Pattern BARS = Pattern.compile("(\\d+)\\s*(?:bars?|measures?)\\b");

    public static PromptFeatures read(String prompt, long seed) {
        return read(prompt, seed, null);
    }

    /**
     * The prompt's features, with a picture's ({@link PictureMapping}) filling every choice its words leave open:
     * tempo, mode, timbre and register, density and the parts. What the words say wins.
     *
     * @param picture the picture given with the prompt, or null
     */
    public static PromptFeatures read(String prompt, long seed, dev.riffcode.picture.PictureFeatures picture) {
        String english = PromptLanguage.toEnglish(prompt);
        String text = english.toLowerCase(Locale.ROOT);
        Random random = new Random(seed);
        PictureMapping look = picture == null ? null : PictureMapping.of(picture);
        Set<Mood> moods = moods(text);
        if (look != null && look.colour() != null && !moods.contains(Mood.DARK) && !moods.contains(Mood.BRIGHT)) {
            moods.add(look.colour().equals("dark") ? Mood.DARK : Mood.BRIGHT);
        }
        String sole = solePart(text);
        List<String> named = namedParts(text);
        List<String> parts = sole != null ? List.of(sole)
                : look != null && named.isEmpty() ? look.parts() : withDefaults(named);
        List<String> unmet = new ArrayList<>();

        OptionalDouble number = Tempo.findBpm(english);
        Double askedBpm = number.isPresent() ? number.getAsDouble() : null;
        OptionalDouble word = Tempo.findTempoWord(english);
        double bpm = number.orElse(word.orElse(look != null ? look.bpm() : styleTempo(text, moods)));
        double played = Math.max(MIN_BPM, Math.min(MAX_BPM, Math.round(bpm)));
        if (askedBpm != null && played != Math.round(askedBpm)) {
            unmet.add(String.format(Locale.ROOT, "%s bpm is outside the offline generator's range (%.0f to %.0f bpm): "
                    + "it plays at %.0f bpm", OfflineComposer.fmt(askedBpm), MIN_BPM, MAX_BPM, played));
        }
        bpm = played;
        int beatsPerBar = has(text, "waltz", "3/4", "6/8", "in three", "triple time", "triple meter") ? 3 : 4;

        Optional<Set<Integer>> allowed = KeySpec.findAllowedNotes(english);
        Optional<KeySpec> key = KeySpec.find(english);
        int root;
        String scale;
        Set<Integer> pcs;
        if (allowed.isPresent()) {
            pcs = new TreeSet<>(allowed.get());
            root = key.map(KeySpec::rootPc).filter(pcs::contains).orElse(bestRoot(pcs));
            scale = "the notes " + names(pcs);
        } else {
            if (key.isPresent()) {
                root = key.get().rootPc();
                scale = key.get().scaleName();
            } else {
                int[] roots = {0, 2, 4, 5, 7, 9};
                root = roots[random.nextInt(roots.length)];
                scale = look != null ? look.scale()
                        : moods.contains(Mood.DARK) || text.contains("sad") || text.contains("phonk") ? "minor"
                        : moods.contains(Mood.BRIGHT) || text.contains("happy") ? "major"
                        : text.contains("blues") ? "blues"
                        : random.nextBoolean() ? "minor_pentatonic" : "major_pentatonic";
            }
            pcs = new TreeSet<>(Scales.pitchClasses(root, scale));
        }
        Double askedSeconds = askedSeconds(text);
        int bars = bars(text, bpm, beatsPerBar);
        if (askedSeconds != null && askedSeconds > bars * beatsPerBar * 60 / bpm + 1) {
            unmet.add(String.format(Locale.ROOT, "%s is longer than the offline generator writes (%d bars, %.0f s at "
                    + "%.0f bpm): it plays %.0f s", spokenSeconds(askedSeconds), MAX_BARS,
                    MAX_BARS * beatsPerBar * 60 / bpm, bpm, bars * beatsPerBar * 60 / bpm));
        }
        String pace = has(text, "slow", "largo", "adagio", "ballad") ? "slow"
                : has(text, "fast", "presto", "allegro", "energetic", "frantic") ? "fast" : null;
        String colour = moods.contains(Mood.DARK) && !moods.contains(Mood.BRIGHT) ? "dark"
                : moods.contains(Mood.BRIGHT) && !moods.contains(Mood.DARK) ? "bright" : null;
        String density = has(text, "sparse", "minimal", "sparing") ? "sparse" : has(text, "busy", "dense") ? "busy"
                : look != null ? look.density() : null;
        int register = look == null ? 0 : colour == null ? 0 : colour.equals("dark") ? -1 : 1;
        PromptFeatures read = new PromptFeatures(prompt.strip(), seed, bpm, root, scale, pcs, allowed.isPresent(),
                allowed.isEmpty() && key.isPresent(), parts, moods, bars, beatsPerBar, melodySynth(text, moods),
                askedBpm, askedSeconds, pace, colour, density, List.copyOf(unmet), register, List.of());
        return look == null ? read : read.withPictureMapping(look.lines(read));
    }

    private PromptFeatures withPictureMapping(List<String> lines) {
        return new PromptFeatures(prompt, seed, bpm, rootPc, scaleName, pitchClasses, notesGiven, keyGiven, parts,
                moods, bars, beatsPerBar, melodySynth, askedBpm, askedSeconds, pace, colour, density, unmet, register,
                List.copyOf(lines));
    }

    /** The length the text asks for, in seconds, or null. */
    private static Double askedSeconds(String t) {
        Matcher m = HOURS.matcher(t);
        if (m.find()) {
            return Double.parseDouble(m.group(1)) * 3600;
        }
        m = MINUTES.matcher(t);
        if (m.find()) {
            return Double.parseDouble(m.group(1)) * 60;
        }
        m = SECONDS.matcher(t);
        return m.find() ? Double.parseDouble(m.group(1)) : null;
    }

    private static String spokenSeconds(double s) {
        return s >= 3600 ? OfflineComposer.fmt(s / 3600) + " h" : s >= 60 ? OfflineComposer.fmt(s / 60) + " min"
                : OfflineComposer.fmt(s) + " s";
    }

    /** "C# dorian" or "the notes A B C# F# G". */
    public String keyDescription() {
        return notesGiven ? scaleName : Notes.pitchClassName(rootPc) + " " + scaleName.replace('_', ' ');
    }

    public double beats() {
        return bars * (double) beatsPerBar;
    }

    private static Set<Mood> moods(String t) {
        Set<Mood> m = new LinkedHashSet<>();
        if (has(t, "dark", "moody", "sinister", "gloomy", "night", "deep", "phonk", "menacing", "sad", "melanchol")) m.add(Mood.DARK);
        if (has(t, "bright", "happy", "sunny", "cheerful", "sparkl", "shiny", "uplifting")) m.add(Mood.BRIGHT);
        if (has(t, "airy", "ambient", "dream", "ethereal", "spacious", "floating", "cinematic", "lush")) m.add(Mood.AIRY);
        if (has(t, "dub", "echo", "delay", "reggae")) m.add(Mood.DUB);
        if (has(t, "distort", "gritty", "aggressive", "dirty", "industrial", "rock", "crunch")) m.add(Mood.GRITTY);
        if (has(t, "lo-fi", "lofi", "lo fi", "dusty", "vintage", "muffled", "warm")) m.add(Mood.LOFI);
        if (has(t, "calm", "gentle", "soft", "relax", "peaceful", "chill", "lullaby", "sad")) m.add(Mood.CALM);
        if (has(t, "energetic", "driving", "fast", "rave", "techno", "trance", "dance", "club")) m.add(Mood.ENERGETIC);
        return m;
    }

    /** Part words as the parts they name, for "only drums", "just bass", "a piano solo". */
    private static final String[][] PART_WORDS = {
        {"drums", "drum", "percussion", "beat"}, {"bass", "bass"}, {"chords", "piano", "chords", "pad", "organ"},
        {"melody", "melody", "flute", "guitar", "lead"}};

    /** The one part of "only drums", "just the bass", "drums only", "a drum solo", or null. */
    static String solePart(String t) {
        for (String[] part : PART_WORDS) {
            for (int k = 1; k < part.length; k++) {
                String w = part[k];
                if (Pattern.compile("\\b(only|just|solo)\\s+(the\\s+|a\\s+)?" + w + "|\\b" + w + "s?\\s+(only|solo)\\b")
                        .matcher(t).find()) {
                    return part[0];
                }
            }
        }
        return null;
    }

    /** The parts the words name; empty when they name none. */
    private static List<String> namedParts(String t) {
        List<String> p = new ArrayList<>();
        boolean drums = has(t, "drum", "beat", "kick", "snare", "hat", "groove", "techno", "house", "hip hop",
                "hip-hop", "hiphop", "phonk", "rock", "dance", "breakbeat", "percussion", "rhythm");
        if (drums) p.add("drums");
        if (has(t, "bass", "sub", "groove", "techno", "house", "phonk", "funk", "dub", "hip hop", "hip-hop", "reggae")) {
            p.add("bass");
        }
        if (has(t, "chord", "piano", "pad", "harmon", "progression", "ambient", "keys", "organ", "strings")) {
            p.add("chords");
        }
        if (has(t, "arpeggi", "arp", "sequence", "trance")) p.add("arp");
        if (has(t, "melod", "lead", "tune", "song", "folk", "pluck", "bell", "guitar", "flute", "whistle", "harp",
                "riff", "hook", "line")) {
            p.add("melody");
        }
        if (has(t, "noise", "wind", "texture", "ambient", "drone", "ocean", "rain")) p.add("texture");
        return p;
    }

    /** The named parts, with a melody over a bass when nothing tonal is named. */
    private static List<String> withDefaults(List<String> named) {
        List<String> p = new ArrayList<>(named);
        if (p.isEmpty() || p.equals(List.of("drums")) || p.equals(List.of("texture"))) {
            // Nothing tonal asked for explicitly: a melody over a bass is what most people mean.
            if (!p.contains("melody")) p.add("melody");
            if (!p.contains("bass")) p.add("bass");
        }
        return p;
    }

    private static double styleTempo(String t, Set<Mood> moods) {
        if (has(t, "techno", "house", "trance", "rave")) return 128;
        if (has(t, "hip hop", "hip-hop", "lofi", "lo-fi", "phonk", "boom bap")) return 85;
        if (moods.contains(Mood.AIRY) || moods.contains(Mood.CALM)) return 72;
        if (moods.contains(Mood.ENERGETIC)) return 140;
        if (has(t, "folk", "waltz", "ballad")) return 96;
        return 110;
    }

    private static int bars(String t, double bpm, int beatsPerBar) {
        double secondsPerBar = beatsPerBar * 60 / bpm;
        Matcher m = BARS.matcher(t);
        if (m.find()) {
            return clampBars(Integer.parseInt(m.group(1)));
        }
        Double seconds = askedSeconds(t);
        if (seconds != null) {
            return clampBars((int) Math.min(MAX_BARS, Math.ceil(seconds / secondsPerBar)));
        }
        if (has(t, "short", "brief", "jingle", "sting")) return 4;
        if (has(t, "long", "extended", "epic")) return 16;
        return 8;
    }

    private static int clampBars(int bars) {
        return Math.max(1, Math.min(MAX_BARS, bars));
    }

    private static String melodySynth(String t, Set<Mood> moods) {
        if (has(t, "pluck", "guitar", "harp", "folk", "banjo", "koto")) return "pluck";
        if (has(t, "bell", "chime", "glass", "music box")) return "fm";
        if (has(t, "flute", "whistle", "soft", "gentle", "ocarina")) return "sine";
        if (has(t, "supersaw", "trance", "anthem")) return "supersaw";
        if (has(t, "lead", "synth", "chiptune", "8-bit", "8 bit", "retro")) return "square";
        if (moods.contains(Mood.GRITTY)) return "saw";
        return "tri";
    }

    /** The allowed pitch class that reads best as a tonic: one whose major or minor scale holds them all. */
    private static int bestRoot(Set<Integer> pcs) {
        for (String scale : List.of("major", "minor", "mixolydian", "dorian")) {
            for (int root : pcs) {
                if (Scales.pitchClasses(root, scale).containsAll(pcs)) {
                    return root;
                }
            }
        }
        return pcs.iterator().next();
    }

    static String names(Set<Integer> pcs) {
        List<String> out = new ArrayList<>();
        for (int pc : pcs) {
            out.add(Notes.pitchClassName(pc));
        }
        return String.join(" ", out);
    }

    /** True when one of the words starts a word of the text ("hat" in "hi-hat", not in "that"). */
    static boolean has(String text, String... words) {
        for (String w : words) {
            int at = text.indexOf(w);
            while (at >= 0) {
                if (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1))) {
                    return true;
                }
                at = text.indexOf(w, at + 1);
            }
        }
        return false;
    }
}
