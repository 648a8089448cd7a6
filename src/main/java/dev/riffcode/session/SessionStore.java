package dev.riffcode.session;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The folder that holds all sessions, one sub-folder each, named
 * {@code yyyyMMdd-HHmmss-slug} so that a plain directory listing is in time order.
 *
 * <p>A session folder appears complete or not at all: it is prepared under a hidden name and
 * renamed into place. Hidden entries, plain files (such as the folder's README) and folders
 * without a {@code session.json} are not sessions and are ignored.
 */
public final class SessionStore {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String STAGING = ".new-";
    private static final int MAX_SLUG = 40;

    private final Path root;
    private final Clock clock;
    private final AtomicFiles disk;

    /** A store in {@code root}, which is created when the first session is. */
    public SessionStore(Path root) {
        this(root, Clock.systemDefaultZone());
    }

    /** A store whose times (and folder names, in the clock's zone) come from {@code clock}. */
    public SessionStore(Path root, Clock clock) {
        this(root, clock, FileSteps.DISK);
    }

    /** A store whose sessions write through {@code steps}, so tests can watch or break each step. */
    SessionStore(Path root, Clock clock, FileSteps steps) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        this.disk = new AtomicFiles(steps);
    }

    /**
     * Where sessions go when the user does not say: the system property {@code riffcode.sessions}
     * if set, else the {@code sessions/} folder of the Riffcode checkout this code runs from, else
     * {@code ./sessions}.
     */
    public static Path defaultRoot() {
        String configured = System.getProperty("riffcode.sessions");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // ./riffcode runs target/riffcode.jar (tests run target/classes): look upwards for the checkout.
        CodeSource source = SessionStore.class.getProtectionDomain().getCodeSource();
        if (source != null) {
            try {
                for (Path dir = Path.of(source.getLocation().toURI()).getParent(); dir != null; dir = dir.getParent()) {
                    if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("sessions"))) {
                        return dir.resolve("sessions");
                    }
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // Not a plain file location (a jar inside a jar, say): use the working directory.
            }
        }
        return Path.of("sessions");
    }

    /** The folder holding the sessions. */
    public Path root() {
        return root;
    }

    /**
     * Starts a new, empty session.
     *
     * @param title a name for it, or null; it is kept as the title and, simplified to ASCII
     *     letters, digits and dashes, ends the folder name
     */
    public Session create(String title) throws IOException {
        Files.createDirectories(root);
        removeOldStaging();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String cleanTitle = title == null || title.isBlank() ? null : Secrets.scrub(title.strip());
        String base = STAMP.format(now.atZone(clock.getZone())) + "-" + slug(cleanTitle);

        // Prepare the folder under a hidden name, then rename it into place in one step.
        Path staging = root.resolve(STAGING + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createDirectory(staging);
        try {
            SessionJson.Index index = new SessionJson.Index(SessionJson.FORMAT, cleanTitle, now, List.of());
            disk.write(staging, Session.INDEX, SessionJson.write(index));
            for (int n = 1; ; n++) {
                Path target = root.resolve(n == 1 ? base : base + "-" + n);
                if (Files.exists(target) || !claim(staging, target)) {
                    continue; // taken, perhaps by a session created in the same second
                }
                disk.syncFolder(root);
                return Session.load(target, clock, disk);
            }
        } finally {
            deleteTree(staging);
        }
    }

    /** All sessions, newest first; unreadable ones are listed with their {@code problem}. */
    public List<SessionSummary> list() throws IOException {
        List<SessionSummary> out = new ArrayList<>();
        for (Path folder : folders()) {
            String name = folder.getFileName().toString();
            try {
                out.add(SessionSummary.of(name, SessionJson.read(folder.resolve(Session.INDEX))));
            } catch (IOException e) {
                out.add(new SessionSummary(name, null, null, 0, 0, 0, 0, null, e.getMessage()));
            }
        }
        out.sort(SessionSummary.NEWEST_FIRST);
        return out;
    }

    /**
     * Opens a session by its folder name, a unique beginning of it (such as the date), or a unique
     * part of it (such as the slug).
     *
     * @throws IllegalArgumentException naming the candidates if none or several match
     */
    public Session open(String name) throws IOException {
        return Session.load(find(name), clock, disk);
    }

    /** Writes {@code name}'s hand-in zip to {@code zip}; see {@link Session#export(Path)}. */
    public void export(String name, Path zip) throws IOException {
        try (Session session = open(name)) {
            session.export(zip);
        }
    }

    /** Renders every version of {@code name} again; see {@link Session#replay(ReplayRenderer)}. */
    public List<ReplayRenderer.Replayed> replay(String name, ReplayRenderer renderer) throws IOException {
        try (Session session = open(name)) {
            return session.replay(renderer);
        }
    }

    private Path find(String name) throws IOException {
        List<String> names = folders().stream().map(p -> p.getFileName().toString()).sorted(Comparator.reverseOrder())
                .collect(Collectors.toList());
        if (names.contains(name)) {
            return root.resolve(name);
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> matches = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(wanted))
                .collect(Collectors.toList());
        if (matches.isEmpty()) {
            matches = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).contains(wanted)).collect(Collectors.toList());
        }
        if (matches.size() == 1) {
            return root.resolve(matches.get(0));
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException(names.isEmpty()
                    ? "no session '" + name + "': there are no sessions in " + root
                    : "no session matches '" + name + "'; the newest are: " + candidates(names));
        }
        throw new IllegalArgumentException("'" + name + "' matches " + matches.size() + " sessions: "
                + candidates(matches) + "; give more of the name");
    }

    private static String candidates(List<String> names) {
        int shown = Math.min(names.size(), 10);
        return String.join(", ", names.subList(0, shown)) + (names.size() > shown ? ", ..." : "");
    }

    /** Session folders: visible directories with an index. */
    private List<Path> folders() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p.resolve(Session.INDEX))) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Renames {@code staging} to {@code target}; false if another process took the name first. */
    private static boolean claim(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileSystemException e) {
            if (Files.exists(target)) {
                return false;
            }
            throw e;
        }
    }

    /** Staging folders of creations killed half-way; an hour is far longer than any creation takes. */
    private void removeOldStaging() throws IOException {
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, STAGING + "*")) {
            for (Path p : entries) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        deleteTree(p);
                    }
                } catch (NoSuchFileException gone) {
                    // another creation just renamed or removed its own staging folder
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** "Techno beat, 120 BPM!" becomes "techno-beat-120-bpm"; accents are dropped. */
    static String slug(String title) {
        if (title == null) {
            return "session";
        }
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "session" : slug;
    }
}
