package dev.riffcode.samples;

import java.util.List;
import java.util.Map;

/**
 * The names a script may play, and nothing else: what the sandbox is told about the sample folders (it never sees a
 * file). Sent with every run, so {@code sample("kit/nope")} fails at its line, in the sandbox.
 *
 * @param folders   the sample folders, in the order names are looked up
 * @param clips     the names of the session's clips ({@code clip:NAME})
 * @param truncated true when the folders hold more files than an index takes; the rest cannot be played
 */
public record SampleIndex(List<Folder> folders, List<String> clips, boolean truncated) {

    /** No folders and no clips. */
    public static final SampleIndex EMPTY = new SampleIndex(List.of(), List.of(), false);

    public SampleIndex {
        folders = folders == null ? List.of() : List.copyOf(folders);
        clips = clips == null ? List.of() : List.copyOf(clips);
    }

    /**
     * One sample folder.
     *
     * @param path    the folder as the user gave it (for messages)
     * @param files   the sample files in it, as relative paths with {@code /}
     * @param refused relative paths of links (to files or folders) that lead outside the folder, and why; names
     *                through them are refused
     */
    public record Folder(String path, List<String> files, Map<String, String> refused) {
        public Folder {
            files = files == null ? List.of() : List.copyOf(files);
            refused = refused == null ? Map.of() : Map.copyOf(refused);
        }
    }
}
