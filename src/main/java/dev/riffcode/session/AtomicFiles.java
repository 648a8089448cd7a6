package dev.riffcode.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe file writes. Each write takes these steps, through {@link FileSteps}:
 *
 * <ol>
 *   <li>write the data to a hidden temporary file in the target's folder,
 *   <li>force that file to the disk,
 *   <li>rename it over the target in one step,
 *   <li>force the folder, so that the rename itself survives a power cut.
 * </ol>
 *
 * <p>Whenever a process dies, a reader finds the old file (or none) or the complete new one; at
 * worst a temporary file is left behind. A caller that records a file in an index writes the
 * index after the file, so an index never names a file that is not durably there.
 */
final class AtomicFiles {

    private final FileSteps steps;

    AtomicFiles(FileSteps steps) {
        this.steps = steps;
    }

    /**
     * Writes {@code data} to {@code dir/name} atomically and returns what the index records.
     *
     * @throws IOException naming the file; it then has its old contents (or none), or the new
     *     ones if only the last step, the folder sync, failed
     */
    StoredFile write(Path dir, String name, byte[] data) throws IOException {
        Path target = dir.resolve(name);
        Path temp = newTemp(dir, name);
        try {
            try {
                steps.write(temp, data);
                steps.force(temp);
                steps.rename(temp, target);
            } catch (IOException | RuntimeException e) {
                discard(temp, e);
                throw e;
            }
            steps.forceFolder(dir);
        } catch (IOException e) {
            throw failed(target, e);
        }
        return new StoredFile(name, sha256(data), data.length);
    }

    /**
     * Moves the finished file {@code source} to {@code dir/name} atomically. A source on another
     * file system is copied first and deleted once the copy is in place.
     */
    StoredFile moveIn(Path source, Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        Path temp = newTemp(dir, name);
        boolean copied;
        StoredFile stored;
        try {
            try {
                copied = steps.moveOrCopy(source, temp);
                steps.force(temp); // the source may never have been synced
                stored = new StoredFile(name, sha256(temp), Files.size(temp));
                steps.rename(temp, target);
            } catch (IOException | RuntimeException e) {
                discard(temp, e);
                throw e;
            }
            steps.forceFolder(dir);
        } catch (IOException e) {
            throw failed(target, e);
        }
        if (copied) {
            Files.deleteIfExists(source);
        }
        return stored;
    }

    /** Makes a rename in {@code dir} durable. */
    void syncFolder(Path dir) throws IOException {
        try {
            steps.forceFolder(dir);
        } catch (IOException e) {
            throw failed(dir, e);
        }
    }

    /** True for the temporary files this class (and {@code WavWriter}) leave when killed. */
    static boolean isTemp(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /** Deletes leftover temporary files in {@code dir}; only call while no one else writes there. */
    static void deleteTemps(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, AtomicFiles::isTemp)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Deletes the temporary file of a failed write; a failure to do so is noted on {@code cause}. */
    private static void discard(Path temp, Exception cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** The error a caller sees: which file could not be saved, and why. */
    private static IOException failed(Path target, IOException cause) {
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new IOException("could not save " + target + ": " + why, cause);
    }

    private static Path newTemp(Path dir, String name) {
        return dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
