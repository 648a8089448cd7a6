package dev.riffcode.llm.offline;

import dev.riffcode.music.KeySpec;
import dev.riffcode.music.Notes;
import dev.riffcode.music.Scales;
import dev.riffcode.music.Tempo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the offline generator reads in a prompt: parts (instrument words), tempo, key or an explicit
 * list of allowed notes, mood and length. Every choice the prompt leaves open comes from the seed.
 */
public record PromptFeatures(String prompt, long seed, double bpm, int rootPc, String scaleName,
        Set<Integer> pitchClasses, boolean notesGiven, List<String> parts, Set<Mood> moods, int bars,
        String melodySynth) {

    /** Moods change sound and space, not notes. */
    public enum Mood { DARK, BRIGHT, AIRY, DUB, GRITTY, LOFI, CALM, ENERGETIC }

    private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:s|sec|secs|seconds?)\\b");
    private static final Pattern MINUTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:min|mins|minutes?)\\b");
    private static final Pattern BARS = Pattern.compile("(\\d+)\\s*(?:bars?|measures?)\\b");

    public static PromptFeatures read(String prompt, long seed) {
        String text = prompt.toLowerCase(Locale.ROOT);
        Random random = new Random(seed);
        Set<Mood> moods = moods(text);
        List<String> parts = parts(text);

        double bpm = Tempo.findBpm(prompt).orElse(Tempo.findTempoWord(prompt).orElse(styleTempo(text, moods)));
        bpm = Math.max(40, Math.min(220, Math.round(bpm)));

        Optional<Set<Integer>> allowed = KeySpec.findAllowedNotes(prompt);
        Optional<KeySpec> key = KeySpec.find(prompt);
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
                scale = moods.contains(Mood.DARK) || text.contains("sad") || text.contains("phonk") ? "minor"
                        : moods.contains(Mood.BRIGHT) || text.contains("happy") ? "major"
                        : text.contains("blues") ? "blues"
                        : random.nextBoolean() ? "minor_pentatonic" : "major_pentatonic";
            }
            pcs = new TreeSet<>(Scales.pitchClasses(root, scale));
        }
        return new PromptFeatures(prompt.strip(), seed, bpm, root, scale, pcs, allowed.isPresent(), parts, moods,
                bars(text, bpm), melodySynth(text, moods));
    }

    /** "C# dorian" or "the notes A B C# F# G". */
    public String keyDescription() {
        return notesGiven ? scaleName : Notes.pitchClassName(rootPc) + " " + scaleName.replace('_', ' ');
    }

    public double beats() {
        return bars * 4.0;
    }

    private static Set<Mood> moods(String t) {
        Set<Mood> m = new LinkedHashSet<>();
        if (has(t, "dark", "moody", "sinister", "gloomy", "night", "deep", "phonk", "menacing")) m.add(Mood.DARK);
        if (has(t, "bright", "happy", "sunny", "cheerful", "sparkl", "shiny", "uplifting")) m.add(Mood.BRIGHT);
        if (has(t, "airy", "ambient", "dream", "ethereal", "spacious", "floating", "cinematic", "lush")) m.add(Mood.AIRY);
        if (has(t, "dub", "echo", "delay", "reggae")) m.add(Mood.DUB);
        if (has(t, "distort", "gritty", "aggressive", "dirty", "industrial", "rock", "crunch")) m.add(Mood.GRITTY);
        if (has(t, "lo-fi", "lofi", "lo fi", "dusty", "vintage", "muffled", "warm")) m.add(Mood.LOFI);
        if (has(t, "calm", "gentle", "soft", "relax", "peaceful", "chill", "lullaby")) m.add(Mood.CALM);
        if (has(t, "energetic", "driving", "fast", "rave", "techno", "trance", "dance", "club")) m.add(Mood.ENERGETIC);
        return m;
    }

    private static List<String> parts(String t) {
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

    private static int bars(String t, double bpm) {
        double secondsPerBar = 4 * 60 / bpm;
        Matcher m = BARS.matcher(t);
        if (m.find()) {
            return clampBars(Integer.parseInt(m.group(1)));
        }
        m = SECONDS.matcher(t);
        if (m.find()) {
            return clampBars((int) Math.ceil(Double.parseDouble(m.group(1)) / secondsPerBar));
        }
        m = MINUTES.matcher(t);
        if (m.find()) {
            return clampBars((int) Math.ceil(Double.parseDouble(m.group(1)) * 60 / secondsPerBar));
        }
        if (has(t, "short", "brief", "jingle", "sting")) return 4;
        if (has(t, "long", "extended", "epic")) return 16;
        return 8;
    }

    private static int clampBars(int bars) {
        return Math.max(1, Math.min(64, bars));
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
