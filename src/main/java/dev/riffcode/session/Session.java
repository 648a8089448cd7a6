package dev.riffcode.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One recording session: everything that happened between a student and the model, in order, in
 * one folder ({@code session.json} plus {@code vN.py}, {@code vN.wav} with its hearing report
 * {@code vN.report.json}, {@code answer-N.txt} and, for long prompts, {@code prompt-N.txt}).
 *
 * <p><b>Crash safety.</b> Each recording method first writes its file (if any) atomically, then
 * rewrites {@code session.json} atomically, and only then returns. If the process dies at any
 * moment, the folder holds the index as it was before or after the step, and every file the index
 * names is complete. A file written just before a crash but never indexed is overwritten by the
 * next step that needs its name; temporary files are deleted when the session is next written.
 *
 * <p><b>Secrets.</b> Every recorded string passes through {@link Secrets#scrub(String)}, code
 * included, so no API key reaches the disk.
 *
 * <p><b>One writer.</b> The first recording call takes an exclusive lock on the folder (a
 * {@code .lock} file), held until {@link #close()}, and re-reads the index under it. A second
 * writer, in this process or another, gets an {@link IOException} instead of silently losing
 * steps. Reading needs no lock; a session that has not written shows the index as it was when
 * opened. Public methods are synchronised, so threads can share a session.
 */
public final class Session implements AutoCloseable {

    /** The index file in every session folder. */
    public static final String INDEX = "session.json";
    /**
     * Prompts longer than this go to their own file: the index is rewritten on every step, so a
     * pasted megabyte must not be part of it.
     */
    public static final int INLINE_PROMPT_CHARS = 4096;
    private static final String LOCK = ".lock";

    private final Path folder;
    private final Clock clock;
    private final AtomicFiles disk;
    private SessionJson.Index index;
    private FileChannel lockChannel;
    private FileLock lock;

    private Session(Path folder, SessionJson.Index index, Clock clock, AtomicFiles disk) {
        this.folder = folder;
        this.index = index;
        this.clock = clock;
        this.disk = disk;
    }

    /**
     * Reads the session in {@code folder}, which will write through {@code disk}; leftover
     * temporary files are ignored.
     */
    static Session load(Path folder, Clock clock, AtomicFiles disk) throws IOException {
        return new Session(folder, SessionJson.read(folder.resolve(INDEX)), clock, disk);
    }

    // ---- reading ------------------------------------------------------------------------------

    /** The folder name, such as {@code 20250301-140509-techno-beat}. */
    public String name() {
        return folder.getFileName().toString();
    }

    /** The folder that holds the session's files. */
    public Path folder() {
        return folder;
    }

    /** The name the session was created with, or null. */
    public synchronized String title() {
        return index.title();
    }

    /** When the session was created. */
    public synchronized Instant created() {
        return index.created();
    }

    /** All steps, oldest first (an unmodifiable snapshot). */
    public synchronized List<Step> steps() {
        return index.steps();
    }

    /** The code steps, version 1 first. */
    public synchronized List<Step.Code> versions() {
        List<Step.Code> out = new ArrayList<>();
        for (Step s : index.steps()) {
            if (s instanceof Step.Code c) {
                out.add(c);
            }
        }
        return out;
    }

    /** The newest version number, 0 if there is no code yet. */
    public synchronized int latestVersion() {
        return count(Step.Code.class);
    }

    /** The code of the newest version, if any. */
    public synchronized Optional<String> latestCode() throws IOException {
        int latest = latestVersion();
        return latest == 0 ? Optional.empty() : Optional.of(code(latest));
    }

    /** The code of {@code version}, read from its file. */
    public synchronized String code(int version) throws IOException {
        return Files.readString(folder.resolve(codeStep(version).file().name()), StandardCharsets.UTF_8);
    }

    /** The text of a prompt step, from the index or from its file. */
    public synchronized String promptText(Step.Prompt prompt) throws IOException {
        return prompt.file() == null ? prompt.text()
                : Files.readString(folder.resolve(prompt.file().name()), StandardCharsets.UTF_8);
    }

    /** Counts and times for listings. */
    public synchronized SessionSummary summary() {
        return SessionSummary.of(name(), index);
    }

    /**
     * Checks every file the index names: it must exist with the recorded size and SHA-256.
     *
     * @return one line per problem; empty if all is well
     */
    public synchronized List<String> verify() {
        List<String> problems = new ArrayList<>();
        for (StoredFile f : files(index)) {
            Path p = folder.resolve(f.name());
            try {
                if (!Files.isRegularFile(p)) {
                    problems.add(f.name() + " is missing");
                } else if (Files.size(p) != f.bytes()) {
                    problems.add(f.name() + " has " + Files.size(p) + " bytes, the index says " + f.bytes());
                } else if (!AtomicFiles.sha256(p).equals(f.sha256())) {
                    problems.add(f.name() + " does not match its SHA-256 in the index");
                }
            } catch (IOException e) {
                problems.add(f.name() + " cannot be read: " + e.getMessage());
            }
        }
        return problems;
    }

    /** The session as a Markdown story, in order, as {@code README.md} in an export shows it. */
    public synchronized String story() {
        return SessionStory.markdown(this, index, clock.getZone());
    }

    /**
     * Writes a zip a student can hand in: a folder named after the session with {@code README.md}
     * (the {@linkplain #story() story}), {@code session.json} and every file it references. The
     * zip itself is written atomically. Temporary and lock files are left out.
     */
    public synchronized void export(Path zip) throws IOException {
        Path target = zip.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW);
                    ZipOutputStream out = new ZipOutputStream(file, StandardCharsets.UTF_8)) {
                String prefix = name() + "/";
                putEntry(out, prefix + "README.md", story().getBytes(StandardCharsets.UTF_8));
                // The index as this snapshot knows it, so the zip is consistent even mid-recording.
                putEntry(out, prefix + INDEX, SessionJson.write(index));
                for (StoredFile f : files(index)) {
                    Path p = folder.resolve(f.name());
                    if (Files.isRegularFile(p)) {
                        out.putNextEntry(new ZipEntry(prefix + f.name()));
                        Files.copy(p, out);
                        out.closeEntry();
                    }
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    // ---- recording ----------------------------------------------------------------------------

    /**
     * Records a prompt sent to a model.
     *
     * @param endpoint the API's base URL (never the key; anything key-like is scrubbed), or null
     * @return the step id
     */
    public synchronized int prompt(String text, PromptMode mode, String model, String endpoint) throws IOException {
        Objects.requireNonNull(text, "text");
        beginWrite();
        String inline = clean(text);
        StoredFile file = null;
        if (inline.length() > INLINE_PROMPT_CHARS) {
            file = writeText("prompt-" + (count(Step.Prompt.class) + 1) + ".txt", inline);
            inline = null;
        }
        return append(new Step.Prompt(nextId(), now(), inline, file, mode, clean(model), clean(endpoint)));
    }

    /**
     * Records what a model sent back, exactly as received (including when it is useless or cut
     * short), in {@code answer-N.txt}.
     *
     * @param finishReason as the API reported it, or null
     * @param promptTokens tokens in the request, or null if unknown
     * @param completionTokens tokens in the answer, or null if unknown
     * @param partial true if the stream broke off
     * @return the step id
     */
    public synchronized int answer(String text, String model, String finishReason, Integer promptTokens,
            Integer completionTokens, long durationMs, boolean partial) throws IOException {
        Objects.requireNonNull(text, "text");
        beginWrite();
        String file = "answer-" + (count(Step.Answer.class) + 1) + ".txt";
        StoredFile stored = writeText(file, text);
        return append(new Step.Answer(nextId(), now(), lastPromptId(), stored, clean(model), clean(finishReason),
                promptTokens, completionTokens, durationMs, partial));
    }

    /**
     * Records a new code version in {@code vN.py}, byte for byte (line endings are kept).
     *
     * @param parent the version this one derives from, or null
     * @return the new version number
     * @throws IllegalArgumentException if {@code parent} is not an existing version
     */
    public synchronized int codeVersion(String code, Origin origin, Integer parent) throws IOException {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(origin, "origin");
        beginWrite();
        if (parent != null) {
            codeStep(parent);
        }
        int version = count(Step.Code.class) + 1;
        StoredFile stored = writeText("v" + version + ".py", code);
        append(new Step.Code(nextId(), now(), version, origin, parent, stored));
        return version;
    }

    /** Records code the user changed by hand, derived from the latest version. */
    public synchronized int manualEdit(String code) throws IOException {
        beginWrite();
        int latest = latestVersion();
        return codeVersion(code, Origin.MANUAL, latest == 0 ? null : latest);
    }

    /**
     * Records the result of checking {@code version}.
     *
     * @param error null if the version is fine, else the error message
     * @param line the script line of the error, or null
     * @return the step id
     */
    public synchronized int validation(int version, String error, Integer line) throws IOException {
        beginWrite();
        codeStep(version);
        return append(new Step.Validation(nextId(), now(), version, error == null, clean(error), line));
    }

    /** Records that a repair of {@code version} starts, and why; returns the step id. */
    public synchronized int repair(int version, String reason) throws IOException {
        beginWrite();
        codeStep(version);
        return append(new Step.Repair(nextId(), now(), version, clean(reason)));
    }

    /**
     * Records a render of {@code version}, moving the finished WAV file {@code wav} into the
     * session as {@code vN.wav} (later renders of the same version: {@code vN-2.wav}...).
     *
     * @param peakDbfs peak level; negative infinity (silence) is stored as null
     * @return the step id
     */
    public synchronized int render(int version, Path wav, double seconds, int sampleRate, double peakDbfs)
            throws IOException {
        return render(version, wav, seconds, sampleRate, peakDbfs, null);
    }

    /**
     * As {@link #render(int, Path, double, int, double)}, with the hearing report of the audio
     * ({@code report}, JSON, or null for none) kept next to it as {@code vN.report.json}. The report
     * is written first, then the WAV file, then the index, so a crash leaves no indexed render
     * without its report.
     */
    public synchronized int render(int version, Path wav, double seconds, int sampleRate, double peakDbfs,
            byte[] report) throws IOException {
        beginWrite();
        codeStep(version);
        String name = renderFileName(version);
        StoredFile reportFile = report == null ? null : disk.write(folder, reportFileName(name), report);
        StoredFile stored = disk.moveIn(wav, folder, name);
        return appendRender(version, stored, seconds, sampleRate, peakDbfs, reportFile);
    }

    /** As {@link #render(int, Path, double, int, double)}, with the WAV file's bytes. */
    public synchronized int render(int version, byte[] wav, double seconds, int sampleRate, double peakDbfs)
            throws IOException {
        return render(version, wav, seconds, sampleRate, peakDbfs, null);
    }

    /** As {@link #render(int, Path, double, int, double, byte[])}, with the WAV file's bytes. */
    public synchronized int render(int version, byte[] wav, double seconds, int sampleRate, double peakDbfs,
            byte[] report) throws IOException {
        beginWrite();
        codeStep(version);
        String name = renderFileName(version);
        StoredFile reportFile = report == null ? null : disk.write(folder, reportFileName(name), report);
        StoredFile stored = disk.write(folder, name, wav);
        return appendRender(version, stored, seconds, sampleRate, peakDbfs, reportFile);
    }

    /**
     * Records stems of the latest render of {@code version}: each file is copied in as {@code vN-stem-NAME.wav}
     * (beside {@code vN.wav}; {@code vN-2-stem-NAME.wav} for its second render), then the step is appended.
     *
     * @return the step id
     */
    public synchronized int stems(int version, List<Path> files) throws IOException {
        return exported(version, "stems", files, file -> "-stem-" + file.getFileName());
    }

    /** Records a MIDI file of the latest render of {@code version}, copied in as {@code vN.mid}. */
    public synchronized int midi(int version, Path file) throws IOException {
        return exported(version, "midi", List.of(file), f -> ".mid");
    }

    private int exported(int version, String kind, List<Path> files, java.util.function.Function<Path, String> suffix)
            throws IOException {
        beginWrite();
        codeStep(version);
        Step.Render render = null;
        for (Step s : index.steps()) {
            if (s instanceof Step.Render r && r.version() == version) {
                render = r;
            }
        }
        if (render == null) {
            throw new IllegalArgumentException("version " + version + " of session " + name() + " has no render yet");
        }
        String base = render.file().name().substring(0, render.file().name().length() - ".wav".length());
        List<StoredFile> stored = new ArrayList<>();
        for (Path file : files) {
            stored.add(disk.write(folder, base + suffix.apply(file), Files.readAllBytes(file)));
        }
        return append(new Step.Export(nextId(), now(), version, render.id(), kind, stored));
    }

    /**
     * The hearing report of a render, as stored (JSON), or empty if it has none.
     *
     * @throws IOException if the file named by the index cannot be read
     */
    public synchronized Optional<byte[]> report(Step.Render render) throws IOException {
        if (render.report() == null) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(folder.resolve(render.report().name())));
    }

    /**
     * Records a clip made by a diffusion backend: its raw answers first, then the WAV, then the step (so the index
     * never names a file that is not there).
     *
     * @param wav      the clip as a WAV file, or null when nothing usable arrived
     * @param parts    raw answers by part name (e.g. {@code segment-1.mp3}), in order; kept as
     *                 {@code clip-NAME-PART}
     * @param complete false for a clip cut short by a failure or a cancel
     * @return the step, which names the clip and its files
     */
    public synchronized Step.Clip clip(String name, String backend, String endpoint, byte[] wav, double seconds,
            int sampleRate, double peakDbfs, boolean complete, java.util.Map<String, byte[]> parts)
            throws IOException {
        beginWrite();
        String unique = uniqueClipName(name);
        List<StoredFile> stored = new ArrayList<>();
        for (var part : parts.entrySet()) {
            String file = "clip-" + unique + "-" + part.getKey().replaceAll("[^A-Za-z0-9._-]", "_");
            stored.add(disk.write(folder, file, part.getValue()));
        }
        StoredFile file = wav == null ? null : disk.write(folder, "clip-" + unique + ".wav", wav);
        Double peak = wav != null && Double.isFinite(peakDbfs) ? peakDbfs : null;
        Step.Clip step = new Step.Clip(nextId(), now(), lastPromptId(), unique, clean(backend), clean(endpoint), file,
                seconds, sampleRate, peak, complete, stored);
        append(step);
        return step;
    }

    /**
     * Records a picture that goes with the latest prompt, kept byte for byte as {@code image-N.EXT}.
     *
     * @param extension {@code png} or {@code jpg}
     * @param source    the file name it came from
     * @param features  what was measured in it, in words, or null
     * @return the step
     */
    public synchronized Step.Image image(byte[] bytes, String extension, String source, int width, int height,
            String features) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        if (!extension.matches("[a-z]{3,4}")) {
            throw new IllegalArgumentException("not a picture file extension: " + extension);
        }
        beginWrite();
        StoredFile file = disk.write(folder, "image-" + (count(Step.Image.class) + 1) + "." + extension, bytes);
        Step.Image step = new Step.Image(nextId(), now(), lastPromptId(), file, clean(source), width, height,
                clean(features));
        append(step);
        return step;
    }

    /** The clips of this session, oldest first. */
    public synchronized List<Step.Clip> clips() {
        List<Step.Clip> out = new ArrayList<>();
        for (Step s : index.steps()) {
            if (s instanceof Step.Clip c) {
                out.add(c);
            }
        }
        return out;
    }

    /** The WAV file of the clip called {@code name} (as {@code sample("clip:NAME")} names it), if it has one. */
    public synchronized Optional<Path> clipFile(String name) {
        Step.Clip found = null;
        for (Step s : index.steps()) {
            if (s instanceof Step.Clip c && c.name().equals(name) && c.file() != null) {
                found = c;
            }
        }
        return found == null ? Optional.empty() : Optional.of(folder.resolve(found.file().name()));
    }

    /** {@code name} as a file-safe slug, with -2, -3... added when the session already has a clip of that name. */
    private String uniqueClipName(String name) {
        String slug = name == null ? "" : java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = "clip";
        }
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (Step s : index.steps()) {
            if (s instanceof Step.Clip c) {
                taken.add(c.name());
            }
        }
        String candidate = slug;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = slug + "-" + n;
        }
        return candidate;
    }

    /**
     * Records a failure, such as a model call refused with HTTP 429.
     *
     * @param category a short word for what failed: "model", "network", "render"...
     * @return the step id
     */
    public synchronized int error(String category, String message) throws IOException {
        return error(category, message, null);
    }

    /** As {@link #error(String, String)}, about code version {@code version} (or null). */
    public synchronized int error(String category, String message, Integer version) throws IOException {
        beginWrite();
        if (version != null) {
            codeStep(version);
        }
        return append(new Step.Failure(nextId(), now(), clean(category), clean(message), version));
    }

    /** Records free text; returns the step id. */
    public synchronized int note(String text) throws IOException {
        Objects.requireNonNull(text, "text");
        beginWrite();
        return append(new Step.Note(nextId(), now(), clean(text)));
    }

    /**
     * Renders every code version again, oldest first, and records what happened as new steps: a
     * note saying the replay started, then for each version a render step (with a new WAV file),
     * a failed validation step, or an error step if the code file is missing or the renderer
     * threw. One failure does not stop the replay. The session stays locked while it runs.
     *
     * @return one entry per version, in order
     */
    public synchronized List<ReplayRenderer.Replayed> replay(ReplayRenderer renderer) throws IOException {
        beginWrite();
        List<Step.Code> versions = versions();
        note("replay: rendering all " + versions.size() + " versions again");
        List<ReplayRenderer.Replayed> report = new ArrayList<>();
        for (Step.Code v : versions) {
            int n = v.version();
            ReplayRenderer.Result result;
            try {
                result = renderer.render(n, code(n));
            } catch (IOException | RuntimeException e) {
                String message = "replay of v" + n + " failed: " + e;
                report.add(new ReplayRenderer.Replayed(n, false, error("replay", message, n), message));
                continue;
            }
            if (result.ok()) {
                int step = render(n, result.wav(), result.seconds(), result.sampleRate(), result.peakDbfs(),
                        result.report());
                report.add(new ReplayRenderer.Replayed(n, true, step, null));
            } else {
                String message = result.error() == null ? "the renderer gave no WAV file" : result.error();
                report.add(new ReplayRenderer.Replayed(n, false, validation(n, message, result.line()), message));
            }
        }
        return report;
    }

    /** Releases the writer lock; the session can still be read, and written again (re-locking). */
    @Override
    public synchronized void close() throws IOException {
        if (lockChannel != null) {
            try {
                lockChannel.close(); // also releases the lock
            } finally {
                lockChannel = null;
                lock = null;
            }
        }
    }

    // ---- internals ----------------------------------------------------------------------------

    /**
     * Takes the writer lock if this session does not hold it yet, then re-reads the index (another
     * writer may have appended since we read it) and clears temporary files left by a crash.
     */
    private void beginWrite() throws IOException {
        if (lock != null) {
            return;
        }
        FileChannel channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (acquired == null) {
            channel.close();
            throw new IOException("session " + name() + " is already being recorded by another Riffcode "
                    + "window or command; close that first");
        }
        try {
            index = SessionJson.read(folder.resolve(INDEX));
            AtomicFiles.deleteTemps(folder);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        lockChannel = channel;
        lock = acquired;
    }

    /** Writes the index with {@code step} added; only then does the step count as recorded. */
    private int append(Step step) throws IOException {
        List<Step> steps = new ArrayList<>(index.steps());
        steps.add(step);
        SessionJson.Index next = new SessionJson.Index(index.format(), index.title(), index.created(), steps);
        disk.write(folder, INDEX, SessionJson.write(next));
        index = next;
        return step.id();
    }

    private int appendRender(int version, StoredFile stored, double seconds, int sampleRate, double peakDbfs,
            StoredFile report) throws IOException {
        Double peak = Double.isFinite(peakDbfs) ? peakDbfs : null;
        return append(new Step.Render(nextId(), now(), version, stored, seconds, sampleRate, peak, report));
    }

    /** v2.wav → v2.report.json, v2-3.wav → v2-3.report.json. */
    private static String reportFileName(String wavName) {
        return wavName.substring(0, wavName.length() - ".wav".length()) + ".report.json";
    }

    private StoredFile writeText(String file, String text) throws IOException {
        return disk.write(folder, file, clean(text).getBytes(StandardCharsets.UTF_8));
    }

    private String renderFileName(int version) {
        int earlier = 0;
        for (Step s : index.steps()) {
            if (s instanceof Step.Render r && r.version() == version) {
                earlier++;
            }
        }
        return earlier == 0 ? "v" + version + ".wav" : "v" + version + "-" + (earlier + 1) + ".wav";
    }

    private Step.Code codeStep(int version) {
        for (Step s : index.steps()) {
            if (s instanceof Step.Code c && c.version() == version) {
                return c;
            }
        }
        throw new IllegalArgumentException("session " + name() + " has no version " + version
                + " (it has " + latestVersion() + ")");
    }

    private Integer lastPromptId() {
        List<Step> steps = index.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i) instanceof Step.Prompt p) {
                return p.id();
            }
        }
        return null;
    }

    private int count(Class<? extends Step> kind) {
        int n = 0;
        for (Step s : index.steps()) {
            if (kind.isInstance(s)) {
                n++;
            }
        }
        return n;
    }

    private int nextId() {
        return index.steps().size() + 1;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static List<StoredFile> files(SessionJson.Index index) {
        List<StoredFile> out = new ArrayList<>();
        for (Step s : index.steps()) {
            if (s instanceof Step.Prompt p && p.file() != null) {
                out.add(p.file());
            } else if (s instanceof Step.Answer a) {
                out.add(a.file());
            } else if (s instanceof Step.Code c) {
                out.add(c.file());
            } else if (s instanceof Step.Render r) {
                if (r.report() != null) {
                    out.add(r.report());
                }
                out.add(r.file());
            } else if (s instanceof Step.Export e) {
                out.addAll(e.files());
            } else if (s instanceof Step.Image i) {
                out.add(i.file());
            } else if (s instanceof Step.Clip c) {
                out.addAll(c.parts());
                if (c.file() != null) {
                    out.add(c.file());
                }
            }
        }
        return out;
    }

    /**
     * Scrubs secrets and replaces unpaired surrogates (which UTF-8 cannot hold) with U+FFFD, so the
     * JSON index and the text files always say the same thing.
     */
    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return Secrets.scrub(out == null ? text : out.toString());
    }

    private static void putEntry(ZipOutputStream out, String name, byte[] data) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(data);
        out.closeEntry();
    }
}
