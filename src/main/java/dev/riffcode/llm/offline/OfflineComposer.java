package dev.riffcode.llm.offline;

import dev.riffcode.llm.Templates;
import dev.riffcode.llm.offline.PromptFeatures.Mood;
import dev.riffcode.music.Notes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes a script for a prompt without a model: it chooses notes inside the prompt's key (or its
 * allowed notes), fills the part templates in templates/offline and wraps parts in effects that
 * fit the mood. Same prompt and seed, same script.
 */
public final class OfflineComposer {

    /** How the generator signs its answers (sessions and the CLI show it as the model). */
    public static final String MODEL_NAME = "riffcode-offline";

    private final Templates templates;

    public OfflineComposer(Templates templates) {
        this.templates = templates;
    }

    public String compose(String prompt, long seed) {
        return compose(PromptFeatures.read(prompt, seed));
    }

    public String compose(PromptFeatures f) {
        Random random = new Random(f.seed() * 7919 + f.prompt().hashCode());
        List<Integer> pcs = ordered(f);
        List<int[]> progression = progression(pcs, random);
        StringBuilder code = new StringBuilder();
        Map<String, String> common = new HashMap<>();
        common.put("prompt", oneLine(f.prompt()));
        common.put("seed", Long.toString(f.seed()));
        common.put("key", f.keyDescription());
        common.put("bpm", fmt(f.bpm()));
        common.put("bars", Integer.toString(f.bars()));
        common.put("beats", fmt(f.beats()));
        common.put("bar_beats", Integer.toString(f.beatsPerBar()));
        common.put("bar_steps", Integer.toString(4 * f.beatsPerBar()));
        common.put("parts", String.join(", ", f.parts()));
        code.append(templates.fill("offline/header.py", common));
        if (!f.pictureMapping().isEmpty()) {
            code.append("# The picture, as read:\n");
            f.pictureMapping().forEach(line -> code.append("#   ").append(line).append('\n'));
        }
        for (String part : f.parts()) {
            Map<String, String> v = new HashMap<>(common);
            String body = switch (part) {
                // The drums draw from their own generator, so the other parts' notes do not move with them.
                case "drums" -> templates.fill("offline/drums.py", drums(f, v, new Random(f.seed() * 7919 + 31)));
                case "bass" -> templates.fill("offline/bass.py", bass(f, v, pcs, progression, random));
                case "chords" -> templates.fill("offline/chords.py", chords(f, v, pcs, progression));
                case "arp" -> templates.fill("offline/arp.py", arp(f, v, pcs, progression));
                case "melody" -> templates.fill("offline/melody.py", melody(f, v, pcs, random));
                case "texture" -> templates.fill("offline/texture.py", texture(f, v));
                default -> throw new IllegalArgumentException("no offline part " + part);
            };
            code.append(wrapInEffect(part, f, body));
        }
        code.append(templates.fill("offline/footer.py", common));
        return code.toString();
    }

    // ------------------------------------------------------------------ parts

    private static Map<String, String> drums(PromptFeatures f, Map<String, String> v, Random random) {
        String t = f.prompt().toLowerCase(Locale.ROOT);
        String pattern;
        if ("busy".equals(f.density())) {
            // Hats on every sixteenth, a kick and a snare on the beats.
            pattern = f.beatsPerBar() == 3 ? "xhhhshhhshhh" : "xhhhshhhxhhhshhh";
        } else if ("sparse".equals(f.density())) {
            // A quiet pulse on each beat, so the tempo is still felt.
            pattern = f.beatsPerBar() == 3 ? "x---h---h---" : "x---h---s---h---";
        } else if (f.beatsPerBar() == 3) {
            // A waltz: the kick on one, lighter hits on two and three.
            pattern = f.moods().contains(Mood.CALM) ? "x-------h---" : "x-h-s-h-s-h-";
        } else if (PromptFeatures.has(t, "techno", "house", "four on the floor", "dance", "rave", "trance")) {
            pattern = "x-h-x-hsx-h-x-hs";
        } else if (PromptFeatures.has(t, "hip hop", "hip-hop", "lofi", "lo-fi", "phonk", "boom bap")) {
            pattern = "x-h-s-h-x-xhs-h-";
        } else if (f.moods().contains(Mood.CALM) || f.moods().contains(Mood.AIRY)) {
            pattern = "x---h---s---h---";
        } else {
            pattern = "x-h-s-h-x-x-s-h-";
        }
        String fill = pattern;
        if (f.density() == null) {
            // The style's groove stays (kick on one, the backbeat); the seed adds hits around it and a fill.
            pattern = varied(pattern, random);
            fill = fill(pattern, random);
        }
        v.put("pattern", pattern);
        v.put("fill", fill);
        v.put("amp", f.moods().contains(Mood.CALM) ? "0.6" : "0.9");
        return v;
    }

    /**
     * The style's pattern with the seed's own touches, only ever added on steps the groove leaves free: hats on
     * the eighths or the sixteenths, or as they were; extra kicks off the beat; quiet ghost snares ('g').
     */
    static String varied(String pattern, Random random) {
        char[] steps = pattern.toCharArray();
        int hats = random.nextInt(3); // 0 as written, 1 every eighth, 2 every sixteenth
        double kicks = 0.1 + 0.3 * random.nextDouble();
        double ghosts = 0.25 * random.nextDouble();
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] == 'x' || steps[i] == 's') {
                continue;
            }
            boolean offBeat = i % 4 != 0;
            if (offBeat && i % 2 == 0 && steps[i - 2] != 'x' && random.nextDouble() < kicks) {
                steps[i] = 'x';
            } else if (offBeat && i % 2 == 1 && random.nextDouble() < ghosts) {
                steps[i] = 'g';
            } else if (steps[i] == '-' && (hats == 2 || hats == 1 && i % 2 == 0)) {
                steps[i] = 'h';
            }
        }
        return new String(steps);
    }

    /** The bar that closes every four: the pattern with its last beat (or two) turned into a snare run. */
    static String fill(String pattern, Random random) {
        String[] runs = {"sss s", "s ss", "ssss", "xsss", "s s ss s "};
        String run = runs[random.nextInt(runs.length)].replace(' ', '-');
        int from = Math.max(4, pattern.length() - run.length());
        return pattern.substring(0, from) + run.substring(0, pattern.length() - from);
    }

    private static Map<String, String> bass(PromptFeatures f, Map<String, String> v, List<Integer> pcs,
            List<int[]> progression, Random random) {
        boolean busy = !"sparse".equals(f.density())
                && (f.moods().contains(Mood.ENERGETIC) || f.bpm() >= 120 || "busy".equals(f.density()));
        List<String> line = new ArrayList<>();
        for (int[] chord : progression) {
            int root = nearest(chord[0], 40);
            // A picture's mode must be heard: its bass walks to the third, which tells major from minor.
            boolean third = !f.pictureMapping().isEmpty() || !random.nextBoolean();
            int fifthOrThird = nearest(chord[third ? 1 : 2], 45);
            if (f.beatsPerBar() == 3) {
                // One bar of three: root, then the other tone twice (busy), or the root held.
                line.add(name(root));
                if (busy) {
                    line.add(name(fifthOrThird));
                    line.add(name(fifthOrThird));
                }
            } else if (busy) {
                line.add(name(root));
                line.add(name(root));
                line.add(name(fifthOrThird));
                line.add(name(root));
            } else {
                line.add(name(root));
                line.add(name(fifthOrThird));
            }
        }
        // The line holds one bar per chord: play it once per progression pass.
        v.put("bars", Integer.toString(Math.max(1, f.bars() / progression.size())));
        v.put("notes", pyList(line));
        v.put("step", f.beatsPerBar() == 3 ? (busy ? "1" : "3") : busy ? "1" : "2");
        v.put("sustain", busy ? "0.4" : "1.2");
        v.put("synth", f.moods().contains(Mood.CALM) ? "sine" : "saw");
        v.put("cutoff", f.moods().contains(Mood.DARK) || f.moods().contains(Mood.LOFI) ? "65" : "80");
        v.put("amp", "0.7");
        return v;
    }

    private static Map<String, String> chords(PromptFeatures f, Map<String, String> v, List<Integer> pcs,
            List<int[]> progression) {
        List<String> chords = new ArrayList<>();
        for (int[] chord : progression) {
            List<String> tones = new ArrayList<>();
            int previous = 52;
            for (int pc : chord) {
                int n = above(pc, previous);
                tones.add("\"" + name(n) + "\"");
                previous = n;
            }
            chords.add("[" + String.join(", ", tones) + "]");
        }
        boolean padLike = f.moods().contains(Mood.AIRY) || f.moods().contains(Mood.CALM)
                || f.prompt().toLowerCase(Locale.ROOT).contains("pad");
        v.put("notes", "[" + String.join(", ", chords) + "]");
        v.put("synth", padLike ? "pad" : f.prompt().toLowerCase(Locale.ROOT).contains("piano") ? "tri" : "supersaw");
        v.put("attack", padLike ? "1" : "0.05");
        v.put("sustain", padLike ? "2" : "2.5");
        v.put("release", padLike ? "1.5" : "1");
        v.put("cutoff", f.moods().contains(Mood.DARK) || f.moods().contains(Mood.LOFI) ? "75"
                : f.moods().contains(Mood.BRIGHT) ? "105" : "90");
        v.put("amp", "0.3");
        return v;
    }

    private static Map<String, String> arp(PromptFeatures f, Map<String, String> v, List<Integer> pcs,
            List<int[]> progression) {
        List<String> pool = new ArrayList<>();
        int previous = 62 + 12 * f.register();
        for (int pc : progression.get(0)) {
            int n = above(pc, previous);
            pool.add(name(n));
            previous = n;
        }
        pool.add(name(nearest(progression.get(0)[0], 74 + 12 * f.register())));
        v.put("notes", pyList(pool));
        v.put("synth", f.moods().contains(Mood.BRIGHT) ? "square" : "saw");
        v.put("cutoff", f.moods().contains(Mood.DARK) ? "80" : "95");
        v.put("amp", "0.35");
        return v;
    }

    private static Map<String, String> melody(PromptFeatures f, Map<String, String> v, List<Integer> pcs, Random random) {
        List<Integer> ladder = new ArrayList<>();
        int low = (f.melodySynth().equals("fm") ? 67 : 60) + 12 * f.register();
        for (int n = low; n <= low + 19; n++) {
            if (pcs.contains(Math.floorMod(n, 12))) {
                ladder.add(n);
            }
        }
        double[][] rhythms = "sparse".equals(f.density())
                ? f.beatsPerBar() == 3 ? new double[][] {{3}, {2, 1}} : new double[][] {{2, 2}, {3, 1}, {2, 1, 1}}
                : "busy".equals(f.density())
                ? f.beatsPerBar() == 3 ? new double[][] {{0.5, 0.5, 0.5, 0.5, 1}, {0.5, 0.25, 0.25, 1, 1}}
                        : new double[][] {{0.5, 0.5, 0.5, 0.5}, {0.25, 0.25, 0.5, 0.5, 0.5}, {0.5, 0.25, 0.25, 1}}
                : f.beatsPerBar() == 3
                ? new double[][] {{1, 1, 1}, {2, 1}, {1.5, 0.5, 1}}
                : f.bpm() >= 125
                ? new double[][] {{0.5, 0.5, 1}, {0.5, 0.25, 0.25, 1}, {1, 0.5, 0.5}}
                : new double[][] {{1, 0.5, 0.5}, {1, 1, 2}, {0.5, 0.5, 1, 2}, {1.5, 0.5, 1, 1}};
        double[] rhythm = rhythms[random.nextInt(rhythms.length)];
        double total = f.beats();
        List<String> tune = new ArrayList<>();
        int index = ladder.indexOf(nearestIn(ladder, nearest(f.rootPc(), 67 + 12 * f.register())));
        double t = 0;
        int i = 0;
        while (t < total - 1e-9) {
            double d = rhythm[i % rhythm.length];
            if (t + d > total) {
                break;
            }
            tune.add(name(ladder.get(index)));
            // A melody mostly steps, sometimes leaps, and leans back towards the middle.
            int move = random.nextInt(10) < 7 ? (random.nextBoolean() ? 1 : -1) : (random.nextBoolean() ? 2 : -3);
            if (index > ladder.size() * 3 / 4) {
                move = -Math.abs(move);
            } else if (index < ladder.size() / 4) {
                move = Math.abs(move);
            }
            index = Math.max(0, Math.min(ladder.size() - 1, index + move));
            t += d;
            i++;
        }
        if (!tune.isEmpty()) {
            tune.set(tune.size() - 1, name(nearestIn(ladder, nearest(f.rootPc(), 64 + 12 * f.register()))));
        }
        List<String> rhythmText = new ArrayList<>();
        for (double d : rhythm) {
            rhythmText.add(fmt(d));
        }
        v.put("notes", pyList(tune));
        v.put("rhythm", "[" + String.join(", ", rhythmText) + "]");
        v.put("synth", f.melodySynth());
        v.put("cutoff", f.moods().contains(Mood.DARK) || f.moods().contains(Mood.LOFI) ? "85"
                : f.moods().contains(Mood.BRIGHT) ? "115" : "100");
        v.put("amp", f.melodySynth().equals("pluck") ? "0.9" : "0.5");
        return v;
    }

    private static Map<String, String> texture(PromptFeatures f, Map<String, String> v) {
        v.put("amp", "0.15");
        return v;
    }

    /** Space and grit for the mood: the part is started inside the effect, so it plays through it. */
    private static String wrapInEffect(String part, PromptFeatures f, String body) {
        String fx = null;
        if (part.equals("drums")) {
            fx = f.moods().contains(Mood.LOFI) ? "with with_fx(\"lpf\", cutoff=95):" : null;
        } else if (part.equals("texture")) {
            fx = null;
        } else if (f.moods().contains(Mood.DUB) && !part.equals("bass")) {
            fx = "with with_fx(\"echo\", phase=0.75, decay=4, mix=0.4):";
        } else if (f.moods().contains(Mood.GRITTY) && (part.equals("melody") || part.equals("bass"))) {
            fx = "with with_fx(\"distortion\", distort=0.6, mix=0.7):";
        } else if (f.moods().contains(Mood.AIRY) || part.equals("chords")) {
            fx = "with with_fx(\"reverb\", room=" + (f.moods().contains(Mood.AIRY) ? "0.9, mix=0.6" : "0.6, mix=0.3") + "):";
        } else if (f.moods().contains(Mood.LOFI)) {
            fx = "with with_fx(\"lpf\", cutoff=90):";
        }
        if (fx == null) {
            return body;
        }
        StringBuilder out = new StringBuilder("\n").append(fx).append('\n');
        for (String line : body.strip().split("\n")) {
            out.append(line.isBlank() ? "" : "    " + line).append('\n');
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ harmony

    /** The allowed pitch classes in scale order from the root. */
    private static List<Integer> ordered(PromptFeatures f) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            int pc = (f.rootPc() + k) % 12;
            if (f.pitchClasses().contains(pc)) {
                out.add(pc);
            }
        }
        return out;
    }

    /** Four chords built by stacking every other scale tone: only allowed notes, whatever the scale. */
    private static List<int[]> progression(List<Integer> pcs, Random random) {
        int n = pcs.size();
        int[][] degreePlans = n >= 7 ? new int[][] {{0, 5, 3, 4}, {0, 3, 4, 0}, {0, 4, 5, 3}, {5, 3, 0, 4}}
                : new int[][] {{0, 2, 3, 1}, {0, 3, 1, 2}, {0, 1, 3, 0}};
        int[] plan = degreePlans[random.nextInt(degreePlans.length)];
        List<int[]> chords = new ArrayList<>();
        for (int degree : plan) {
            int d = degree % n;
            chords.add(new int[] {pcs.get(d), pcs.get((d + 2) % n), pcs.get((d + 4) % n)});
        }
        return chords;
    }

    // ------------------------------------------------------------------ helpers

    /** The MIDI note of pitch class pc nearest to target. */
    private static int nearest(int pc, int target) {
        int n = target - Math.floorMod(target - pc, 12);
        return target - n > 6 ? n + 12 : n;
    }

    /** The first MIDI note of pitch class pc above floor (exclusive). */
    private static int above(int pc, int floor) {
        int n = floor + 1;
        while (Math.floorMod(n, 12) != pc) {
            n++;
        }
        return n;
    }

    private static int nearestIn(List<Integer> ladder, int target) {
        int best = ladder.get(0);
        for (int n : ladder) {
            if (Math.abs(n - target) < Math.abs(best - target)) {
                best = n;
            }
        }
        return best;
    }

    private static String name(int midi) {
        return Notes.name(midi);
    }

    private static String pyList(List<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String n : names) {
            quoted.add("\"" + n + "\"");
        }
        return "[" + String.join(", ", quoted) + "]";
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 197) + "..." : flat;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
