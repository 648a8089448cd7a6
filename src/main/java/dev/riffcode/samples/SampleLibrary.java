package dev.riffcode.samples;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.engine.SampleSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples scripts can play, on the host: the user's sample folders (in lookup order) and the session's named
 * clips. It gives the sandbox an {@link #index() index} of names, and the engine the decoded audio of a name, found by
 * the same rules ({@link SampleFinder}) and checked again on disk: a file whose real path has left its folder since
 * it was indexed is refused too. Decoded audio is cached across runs.
 *
 * <p>Thread-safe: live play indexes on one thread and decodes on another.
 */
public final class SampleLibrary implements SampleSource {

    /** Decoded audio kept across runs, at most this much. */
    private static final long CACHE_BYTES = 512L << 20;

    private final List<Path> folders;
    private final Map<String, Path> clips;
    private final SampleCache cache;
    private volatile SampleFinder finder;

    private SampleLibrary(List<Path> folders, Map<String, Path> clips, SampleCache cache) {
        this.folders = List.copyOf(folders);
        this.clips = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clips));
        this.cache = cache;
    }

    /** A library with no folders and no clips: scripts can play only the built-in samples and drums. */
    public static SampleLibrary none() {
        return new SampleLibrary(List.of(), Map.of(), new SampleCache(CACHE_BYTES));
    }

    /**
     * A library of these folders, looked up in this order.
     *
     * @throws IllegalArgumentException naming a folder that does not exist or is not a folder
     */
    public static SampleLibrary of(List<Path> folders) {
        for (Path f : folders) {
            if (!Files.isDirectory(f)) {
                throw new IllegalArgumentException(Files.exists(f) ? f + " is not a folder"
                        : "no such sample folder: " + f);
            }
        }
        return new SampleLibrary(folders, Map.of(), new SampleCache(CACHE_BYTES));
    }

    /**
     * The same library with a named clip: {@code sample("clip:NAME")} plays {@code file} (a WAV, FLAC or MP3 the
     * session holds; it need not be in a sample folder). The decoded-audio cache is shared.
     */
    public SampleLibrary withClip(String name, Path file) {
        if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a clip needs a name of 1..200 printable characters, got '" + name + "'");
        }
        Map<String, Path> more = new LinkedHashMap<>(clips);
        more.put(name, file);
        return new SampleLibrary(folders, more, cache);
    }

    /**
     * The same library with every WAV, FLAC and MP3 file directly in {@code folder} as a clip named by its file name
     * without the extension ({@code choir.wav} plays as {@code clip:choir}): how a session's saved clips are offered.
     * A missing folder adds nothing.
     *
     * @throws IOException when the folder cannot be listed
     */
    public SampleLibrary withClips(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return this;
        }
        SampleLibrary out = this;
        try (var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (Files.isRegularFile(f) && !file.startsWith(".") && SampleNames.hasAudioExtension(file)) {
                    out = out.withClip(SampleNames.withoutExtension(file), f);
                }
            }
        }
        return out;
    }

    public List<Path> folders() {
        return folders;
    }

    /** True when scripts can play nothing but the built-in drums. */
    public boolean isEmpty() {
        return folders.isEmpty() && clips.isEmpty();
    }

    /**
     * Walks the folders again and returns the names a script may play now; the names the engine then asks for are
     * looked up in this index. Cheap for folders of a few thousand files; live play calls it for each version.
     */
    public SampleIndex index() {
        SampleIndex index = SampleScanner.scan(folders, new ArrayList<>(clips.keySet()));
        finder = new SampleFinder(index);
        return index;
    }

    /**
     * The file a name plays, by its real path.
     *
     * @throws SampleException when the name names nothing, or its file has gone or now leads outside its folder
     */
    public Path file(String name) throws SampleException {
        SampleFinder.Match match = match(name);
        if (match.builtin()) {
            throw new SampleException("'" + name + "' is built in: it has no file");
        }
        return file(name, match);
    }

    /** What a name plays, by the index last made (made now if there is none). */
    private SampleFinder.Match match(String name) throws SampleException {
        SampleFinder f = finder;
        if (f == null) {
            index();
            f = finder;
        }
        SampleFinder.Lookup lookup = f.find(name);
        if (!lookup.found()) {
            throw new SampleException(lookup.error());
        }
        return lookup.match();
    }

    private Path file(String name, SampleFinder.Match match) throws SampleException {
        if (match.clip()) {
            Path clip = clips.get(match.file());
            if (!Files.isRegularFile(clip)) {
                throw new SampleException("the clip '" + match.file() + "' has no audio file (" + clip + " is missing)");
            }
            return clip;
        }
        Path folder = folders.get(match.folder());
        Path path = folder.resolve(match.file());
        try {
            Path real = path.toRealPath();
            if (!real.startsWith(folder.toRealPath())) {
                throw new SampleException("'" + name + "' is refused: " + path + " leads outside its sample folder (to "
                        + real + "); links out of the sample folders are not followed");
            }
            if (!Files.isRegularFile(real)) {
                throw new SampleException("'" + name + "': " + path + " is not a file");
            }
            return real;
        } catch (IOException e) {
            if (e instanceof SampleException s) {
                throw s;
            }
            throw new SampleException("'" + name + "': " + path + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The named sample decoded at {@code sampleRate} (from the cache when the file has not changed). */
    @Override
    public AudioClip audio(String name, int sampleRate) throws SampleException {
        SampleFinder.Match match = match(name);
        if (match.builtin()) {
            return BuiltinSamples.audio(name, sampleRate);
        }
        Path file = file(name, match);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new SampleException("'" + name + "': " + file + " cannot be read (" + e.getMessage() + ")", e);
        }
        SampleCache.Key key = new SampleCache.Key(file, attrs.lastModifiedTime().toMillis(), attrs.size(), sampleRate);
        return cache.get(key, () -> SampleDecoder.decode(file, "'" + name + "' (" + file + ")", sampleRate));
    }

    /**
     * What a model writing a script should know about the sample folders: the names it may play, at most
     * {@code maxNames} of them (a model cannot guess file names); empty when there are no folders or clips.
     */
    public String promptNote(int maxNames) {
        SampleIndex index = index();
        List<String> names = new ArrayList<>();
        for (String clip : index.clips()) {
            names.add(SampleNames.CLIP + clip);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        int total = names.size();
        for (SampleIndex.Folder folder : index.folders()) {
            for (String file : folder.files()) {
                String name = SampleNames.withoutExtension(file);
                if (seen.add(name)) {
                    total++;
                    if (names.size() < maxNames) {
                        names.add(name);
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return "";
        }
        return "\n\n## The user's samples\n\nBesides the built-in samples, sample(\"NAME\") can play these files and "
                + "clips (use the names exactly as written):\n" + String.join(", ", names)
                + (total > names.size() ? ", and " + (total - names.size()) + " more" : "") + "\n";
    }

    /** How many times a file was decoded so far, cache misses only. */
    public long decodes() {
        return cache.decodes();
    }
}
