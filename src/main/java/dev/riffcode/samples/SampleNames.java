package dev.riffcode.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a sample name may be, and which files it can mean. A name is a path relative to a sample folder, with
 * {@code /} between folders and the extension optional ({@code kit/snare} finds {@code kit/snare.wav}); nothing in it
 * may point outside the folder. {@code clip:NAME} names a clip of the session instead.
 */
public final class SampleNames {

    /** The prefix of clip names. */
    public static final String CLIP = "clip:";
    /** The formats a sample can be, in the order a name without an extension tries them. */
    public static final List<String> EXTENSIONS = List.of(".wav", ".flac", ".mp3");
    private static final int MAX_LENGTH = 512;

    private SampleNames() {
    }

    /** Why {@code name} cannot name a sample file, or null when it is well formed. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "a sample needs a name, like 'kit/snare'";
        }
        if (name.length() > MAX_LENGTH) {
            return "a sample name may be at most " + MAX_LENGTH + " characters long";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "a sample name cannot hold control characters";
            }
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.startsWith("~")
                || name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return "absolute paths are refused: name a sample by its path inside a sample folder, like 'kit/snare'";
        }
        if (name.contains("\\")) {
            return "use / between folders in a sample name, like 'kit/snare'";
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..")) {
                return "'..' is refused: a sample name cannot leave its sample folder";
            }
            if (part.isEmpty() || part.equals(".")) {
                return "a sample name is folders and a file name with one / between each, like 'kit/snare'";
            }
        }
        return null;
    }

    /** True when the name ends in one of the sample formats' extensions (in any case). */
    public static boolean hasAudioExtension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /**
     * The relative paths {@code name} can mean, in the order they are tried, as {@link #key keys}: the name as given
     * when it has a sample format's extension, else the name with each extension.
     */
    public static List<String> candidates(String name) {
        if (hasAudioExtension(name)) {
            return List.of(key(name));
        }
        List<String> out = new ArrayList<>();
        for (String ext : EXTENSIONS) {
            out.add(name + ext);
        }
        return out;
    }

    /** A file's relative path with its extension in lower case, so {@code Snare.WAV} is found as {@code Snare.wav}. */
    public static String key(String path) {
        int dot = path.lastIndexOf('.');
        return dot <= path.lastIndexOf('/') ? path : path.substring(0, dot) + path.substring(dot).toLowerCase(Locale.ROOT);
    }

    /** The name without its format's extension: how a file is offered to scripts. */
    public static String withoutExtension(String path) {
        return hasAudioExtension(path) ? path.substring(0, path.lastIndexOf('.')) : path;
    }
}
