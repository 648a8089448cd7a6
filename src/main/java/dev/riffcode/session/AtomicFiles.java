package dev.riffcode.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe file writes: data goes to a hidden temporary file in the target's folder, is synced
 * to disk and then renamed over the target in one step. Whenever a process dies, a reader finds
 * either no file or the complete one; at worst a temporary file is left behind.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code data} to {@code dir/name} atomically and returns what the index records. */
    static StoredFile write(Path dir, String name, byte[] data) throws IOException {
        Path temp = newTemp(dir, name);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        commit(temp, dir.resolve(name));
        return new StoredFile(name, sha256(data), data.length);
    }

    /**
     * Moves the finished file {@code source} to {@code dir/name} atomically. A source on another
     * file system is copied first and deleted once the copy is in place.
     */
    static StoredFile moveIn(Path source, Path dir, String name) throws IOException {
        Path temp = newTemp(dir, name);
        boolean copied = false;
        try {
            try {
                Files.move(source, temp, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.copy(source, temp);
                copied = true;
            }
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                out.force(true); // the source may never have been synced
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        StoredFile stored = new StoredFile(name, sha256(temp), Files.size(temp));
        commit(temp, dir.resolve(name));
        if (copied) {
            Files.deleteIfExists(source);
        }
        return stored;
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

    /** Makes a rename in {@code dir} durable; some systems (Windows) cannot, which is harmless. */
    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Not supported here; the rename itself is still atomic.
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

    private static void commit(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(target.getParent());
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
