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

    /**
     * What a name was found to be.
     *
     * @param folder the folder's position in the index, or -1 for a clip
     * @param file   the file's path relative to the folder, as it is on disk; or the clip's name
     */
    public record Match(int folder, String file) {
        public boolean clip() {
            return folder < 0;
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
            return new Lookup(new Match(-1, clip), null, true);
        }
        String error = "no clip named '" + clip + "' in this session; "
                + (clips.isEmpty() ? "it has no clips yet (./riffcode clip makes one)"
                        : "its clips are " + String.join(", ", clips));
        return new Lookup(null, error, true);
    }

    private String missing(String name) {
        StringBuilder m = new StringBuilder("no sample named '").append(name).append("'");
        if (index.folders().isEmpty()) {
            return m.append(": no sample folders are set (give --samples DIR, or list them as \"sample_folders\" in "
                    + "~/.config/riffcode/config.json)").toString();
        }
        m.append(" in the sample folders (");
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
        if (index.truncated()) {
            m.append(" (the folders hold too many files: only the first were indexed)");
        }
        return m.toString();
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
