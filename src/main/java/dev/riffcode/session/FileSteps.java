package dev.riffcode.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file system calls that {@link AtomicFiles} builds a crash-safe write from, one per step, so
 * that tests can watch their order and make any one of them fail. {@link #DISK} does the real
 * thing.
 */
interface FileSteps {

    /** The real file system. */
    FileSteps DISK = new Disk(FileChannel::open);

    /** Creates {@code file}, which must not exist yet, holding {@code data} (not yet synced). */
    void write(Path file, byte[] data) throws IOException;

    /**
     * Moves {@code source} to the new name {@code file}, copying it if the two are on different
     * file systems.
     *
     * @return true if it copied, so {@code source} is still there
     */
    boolean moveOrCopy(Path source, Path file) throws IOException;

    /** Forces {@code file}'s contents to the disk. */
    void force(Path file) throws IOException;

    /** Renames {@code from} to {@code to} in one step, replacing {@code to} if it exists. */
    void rename(Path from, Path to) throws IOException;

    /** Forces the entries of {@code dir} (such as a rename just made in it) to the disk. */
    void forceFolder(Path dir) throws IOException;

    /** {@link FileSteps} on the real file system. */
    final class Disk implements FileSteps {

        /** Opens the channels that write and force; a test passes one that records the calls made on them. */
        interface ChannelOpener {
            FileChannel open(Path path, OpenOption... options) throws IOException;
        }

        private final ChannelOpener opener;

        Disk(ChannelOpener opener) {
            this.opener = opener;
        }

        @Override
        public void write(Path file, byte[] data) throws IOException {
            try (FileChannel out = opener.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }

        @Override
        public boolean moveOrCopy(Path source, Path file) throws IOException {
            try {
                Files.move(source, file, StandardCopyOption.ATOMIC_MOVE);
                return false;
            } catch (AtomicMoveNotSupportedException e) {
                Files.copy(source, file);
                return true;
            }
        }

        @Override
        public void force(Path file) throws IOException {
            // fsync acts on the file, not on one handle, so a fresh channel syncs what another wrote.
            try (FileChannel out = opener.open(file, StandardOpenOption.WRITE)) {
                out.force(true);
            }
        }

        @Override
        public void rename(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void forceFolder(Path dir) throws IOException {
            try (FileChannel d = opener.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException e) {
                // Some systems (Windows) cannot open a folder to sync it; the rename is still atomic.
            }
        }
    }
}
