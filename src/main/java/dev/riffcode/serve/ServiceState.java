package dev.riffcode.serve;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.Map;
import java.util.Set;

/**
 * The small file through which the command line finds a running service on this machine: its address, port, token,
 * process id, session folder and build. It lives in the user's runtime folder ({@code $XDG_RUNTIME_DIR/riffcode}) or
 * else config folder ({@code ~/.config/riffcode}), is readable by its owner only (it holds the token), and a file
 * that anyone else could have written or read is not trusted.
 */
public final class ServiceState {

    /** What a running service leaves for its clients. */
    public record Entry(String url, String token, long pid, String sessions, String build, String started) {
        /** Never shows the token. */
        @Override
        public String toString() {
            return "service " + url + " (pid " + pid + ")";
        }
    }

    private ServiceState() {
    }

    /**
     * Where the state file is: {@code RIFFCODE_SERVE_STATE} if set (several services on one machine, tests), else
     * {@code $XDG_RUNTIME_DIR/riffcode/serve.json} when that folder exists, else
     * {@code $XDG_CONFIG_HOME/riffcode/serve.json} (by default {@code ~/.config/riffcode/serve.json}).
     */
    public static Path defaultPath(Map<String, String> env) {
        String explicit = env.get("RIFFCODE_SERVE_STATE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "riffcode", "serve.json");
        }
        String config = env.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("riffcode").resolve("serve.json");
    }

    /** Writes the entry atomically, owner-only (folder 0700 when this creates it, file 0600). */
    static void write(Path file, Entry entry) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView(PosixFileAttributeView.class);
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, ".serve-", ".tmp", attrs);
        try {
            Files.write(tmp, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of("/") : p;
    }

    /** A state file read back, or why it cannot be used. */
    public record Read(Entry entry, String problem) {
    }

    /** The entry in {@code file}; null when there is no file. */
    public static Read read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            String unsafe = unsafe(file);
            if (unsafe != null) {
                return new Read(null, unsafe);
            }
            Entry e = parse(Files.readAllBytes(file));
            if (e.url() == null || e.token() == null) {
                return new Read(null, file + " is not a service state file");
            }
            return new Read(e, null);
        } catch (IOException e) {
            return new Read(null, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads the entry with Jackson's streaming parser: a client that only talks to a service starts faster without databind. */
    private static Entry parse(byte[] json) throws IOException {
        java.util.Map<String, String> f = new java.util.HashMap<>();
        try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(json)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                com.fasterxml.jackson.core.JsonToken t = p.nextToken();
                if (t.isScalarValue()) {
                    f.put(name, p.getValueAsString());
                } else {
                    p.skipChildren();
                }
            }
        }
        long pid;
        try {
            pid = Long.parseLong(f.getOrDefault("pid", "-1"));
        } catch (NumberFormatException e) {
            pid = -1;
        }
        return new Entry(f.get("url"), f.get("token"), pid, f.get("sessions"), f.get("build"), f.get("started"));
    }

    /** Why the file must not be trusted (another owner, readable or writable by others), or null. */
    static String unsafe(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return null;
        }
        PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class);
        String me = System.getProperty("user.name");
        if (me != null && !attrs.owner().getName().equals(me)) {
            return file + " belongs to " + attrs.owner().getName() + ", not to you; ignoring it";
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                return file + " can be read or written by others (" + PosixFilePermissions.toString(perms)
                        + "); ignoring it (chmod 600 it, or restart the service)";
            }
        }
        return null;
    }

    /** Deletes the state file if it still names process {@code pid} (a newer service may have replaced it). */
    static void removeIfOurs(Path file, long pid) {
        if (file == null) {
            return;
        }
        Read r = read(file);
        if (r != null && r.entry() != null && r.entry().pid() == pid) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stale file is noticed by clients: its process is gone
            }
        }
    }

    /**
     * Which build this is: the jar's size and time (a rebuilt jar is another build), or the classes folder when
     * running from one. A client only uses a service of its own build.
     */
    public static String buildId() {
        CodeSource source = ServiceState.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return "unknown";
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            if (Files.isRegularFile(p)) {
                return p.getFileName() + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
            }
            return "classes:" + p;
        } catch (URISyntaxException | IOException | IllegalArgumentException e) {
            return "unknown";
        }
    }
}
