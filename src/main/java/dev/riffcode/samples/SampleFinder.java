package dev.riffcode.samples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds what a sample name means in a {@link SampleIndex}: the first folder, in order, that has the name with one of
 * the formats' extensions; or a clip. The sandbox uses it to refuse a name at its line, and the host uses the same
 * rules on the same index to find the file.
 */
public final class SampleFinder {

    /** How many names a "no sample named" message suggests. */
    private static final int SUGGESTIONS = 12;

    /** {@link Match#folder} of a clip of the session. */
    public static final int CLIP = -1;
    /** {@link Match#folder} of a built-in sample. */
    public static final int BUILTIN = -2;

    /**
     * What a name was found to be.
     *
     * @param folder the folder's position in the index, or {@link #CLIP}, or {@link #BUILTIN}
     * @param file   the file's path relative to the folder, as it is on disk; or the clip's name; or the built-in
     *               sample's full name
     */
    public record Match(int folder, String file) {
        public boolean clip() {
            return folder == CLIP;
        }

        public boolean builtin() {
            return folder == BUILTIN;
        }
    }

    /**
     * The answer for one name.
     *
     * @param match what it names, or null
     * @param error why it cannot be played, or null
     * @param named true when the name is meant as a sample file or clip (it was found, or refused for its form or a
     *              link), false when nothing has that name: a script's {@code sample()} then tries the built-in drums
     */
    public record Lookup(Match match, String error, boolean named) {
        public boolean found() {
            return match != null;
        }
    }

    private final SampleIndex index;
    private final List<Map<String, String>> files = new ArrayList<>();
    private final Set<String> clips;

    public SampleFinder(SampleIndex index) {
        this.index = index;
        for (SampleIndex.Folder folder : index.folders()) {
            Map<String, String> byKey = new HashMap<>();
            for (String f : folder.files()) {
                byKey.putIfAbsent(SampleNames.key(f), f);
            }
            files.add(byKey);
        }
        clips = new LinkedHashSet<>(index.clips());
    }

    public SampleIndex index() {
        return index;
    }

    public Lookup find(String name) {
        if (name != null && name.startsWith(SampleNames.CLIP)) {
            return findClip(name.substring(SampleNames.CLIP.length()));
        }
        String problem = SampleNames.problem(name);
        if (problem != null) {
            return new Lookup(null, problem, true);
        }
        List<String> candidates = SampleNames.candidates(name);
        for (int f = 0; f < files.size(); f++) {
            SampleIndex.Folder folder = index.folders().get(f);
            for (String candidate : candidates) {
                String link = refusedLink(folder, candidate);
                if (link != null) {
                    return new Lookup(null, "'" + name + "' is refused: " + link + " in the sample folder " + folder.path()
                            + " is a link that leads outside it (" + folder.refused().get(link)
                            + "); links out of the sample folders are not followed", true);
                }
                String file = files.get(f).get(candidate);
                if (file != null) {
                    return new Lookup(new Match(f, file), null, true);
                }
            }
        }
        if (BuiltinSamples.has(name)) {
            return new Lookup(new Match(BUILTIN, name), null, true);
        }
        return new Lookup(null, missing(name), false);
    }

    /** The refused link that {@code path} is or goes through, or null. */
    private static String refusedLink(SampleIndex.Folder folder, String path) {
        if (folder.refused().isEmpty()) {
            return null;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (folder.refused().containsKey(path.substring(0, slash))) {
                return path.substring(0, slash);
            }
        }
        return folder.refused().containsKey(path) ? path : null;
    }

    private Lookup findClip(String clip) {
        if (clips.contains(clip)) {
            return new Lookup(new Match(CLIP, clip), null, true);
        }
        String error = "no clip named '" + clip + "' in this session; "
                + (clips.isEmpty() ? "it has no clips yet (./riffcode clip makes one)"
                        : "its clips are " + String.join(", ", clips));
        return new Lookup(null, error, true);
    }

    private String missing(String name) {
        StringBuilder m = new StringBuilder("no sample named '").append(name).append("'");
        String guess = closest(name);
        if (guess != null) {
            m.append("; did you mean '").append(guess).append("'?");
        }
        if (name.startsWith(BuiltinSamples.PREFIX)) {
            return m.append(" The built-in samples are ").append(String.join(", ", BuiltinSamples.names())).toString();
        }
        if (index.folders().isEmpty()) {
            return m.append(" No sample folders are set (give --samples DIR, or list them as \"sample_folders\" in "
                    + "the config file); the built-in samples are ").append(String.join(", ", BuiltinSamples.names()))
                    .toString();
        }
        m.append(" It is not in the sample folders (");
        m.append(String.join(", ", index.folders().stream().map(SampleIndex.Folder::path).toList())).append(")");
        int dot = name.lastIndexOf('.');
        if (dot > name.lastIndexOf('/') && !SampleNames.hasAudioExtension(name)) {
            m.append("; only WAV, FLAC and MP3 files can be samples");
        }
        int slash = name.lastIndexOf('/');
        String dir = slash < 0 ? "" : name.substring(0, slash + 1);
        Set<String> near = nearby(dir);
        if (near.isEmpty() && !dir.isEmpty()) {
            m.append("; there is no folder ").append(dir);
            dir = "";
            near = nearby(dir);
        }
        if (!near.isEmpty()) {
            m.append(dir.isEmpty() ? "; they hold " : "; " + dir + " holds ").append(String.join(", ", near));
            if (near.size() >= SUGGESTIONS) {
                m.append(", ...");
            }
        }
        m.append("; built in: ").append(String.join(", ", BuiltinSamples.names()));
        if (index.truncated()) {
            m.append(" (the folders hold too many files: only the first were indexed)");
        }
        return m.toString();
    }

    /**
     * The playable name nearest to {@code name} (by edit distance, ignoring case and extension), when it is near
     * enough to be a slip: at most a third of the name's letters apart. Null when none is.
     */
    String closest(String name) {
        String wanted = SampleNames.withoutExtension(name).toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Math.max(1, wanted.length() / 3) + 1;
        List<String> all = new ArrayList<>(BuiltinSamples.names());
        for (SampleIndex.Folder folder : index.folders()) {
            for (String f : folder.files()) {
                all.add(SampleNames.withoutExtension(f));
            }
        }
        for (String candidate : all) {
            int d = distance(wanted, candidate.toLowerCase(java.util.Locale.ROOT), bestDistance);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Levenshtein distance, or {@code limit} as soon as it cannot be less. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) {
                return limit;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }

    /** Up to {@link #SUGGESTIONS} names directly inside {@code dir} (sub-folders end in /). */
    private Set<String> nearby(String dir) {
        Set<String> out = new TreeSet<>();
        for (SampleIndex.Folder folder : index.folders()) {
            for (String f : folder.files()) {
                if (f.startsWith(dir)) {
                    String rest = f.substring(dir.length());
                    int slash = rest.indexOf('/');
                    out.add(dir + (slash < 0 ? SampleNames.withoutExtension(rest) : rest.substring(0, slash + 1)));
                    if (out.size() >= SUGGESTIONS) {
                        return out;
                    }
                }
            }
        }
        return out;
    }
}
