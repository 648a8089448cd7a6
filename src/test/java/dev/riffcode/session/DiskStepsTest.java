package dev.riffcode.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@link FileSteps.Disk}: its force steps must really ask the operating system to sync.
 * A crash test cannot see a missing fsync (the page cache survives a killed process), so these
 * tests watch the channels Disk opens and record every {@code force} made on them.
 */
class DiskStepsTest {

    /**
     * One {@code force} call: the file or folder its channel was opened on, whether metadata was
     * asked for too, and whether it was a folder at the time (a new session's staging folder is
     * renamed later).
     */
    record Forced(Path path, boolean metaData, boolean folder) {
    }

    private final List<Forced> forced = new ArrayList<>();
    private final FileSteps disk = new FileSteps.Disk(this::openRecording);

    private FileChannel openRecording(Path path, OpenOption... options) throws IOException {
        return new ForceRecordingChannel(FileChannel.open(path, options), path);
    }

    @Test
    void forcingAFileSyncsThatFileWithItsMetadata(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("version-1.py");
        byte[] data = "play(60)\n".getBytes(StandardCharsets.UTF_8);
        disk.write(file, data);
        assertEquals(List.of(), forced, "writing alone does not sync (AtomicFiles asks for it as its own step)");

        disk.force(file);

        assertEquals(List.of(new Forced(file, true, false)), forced);
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void forcingAFolderSyncsTheFolderItself(@TempDir Path dir) throws IOException {
        disk.forceFolder(dir);

        assertEquals(List.of(new Forced(dir, true, true)), forced);
    }

    @Test
    void aSessionSaveSyncsEveryFileBeforeItsRenameAndTheFolderAfter(@TempDir Path root) throws IOException {
        SessionStore store = new SessionStore(root, new TestClock("2025-03-01T14:05:09Z"), disk);
        Session session = store.create("a sine");
        session.codeVersion("play(60)\n", Origin.MANUAL, null);
        List<Path> folders = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Forced f : forced) {
            (f.folder() ? folders : files).add(f.path());
        }

        for (Path f : files) {
            assertEquals(true, AtomicFiles.isTemp(f), "only temporary files are synced (before their rename): " + f);
        }
        try (var saved = Files.list(session.folder())) {
            long written = saved.filter(Files::isRegularFile).count();
            assertEquals(true, files.size() >= written, files.size() + " syncs for " + written + " files");
        }
        assertEquals(true, folders.contains(session.folder()), "the session folder is synced after its renames: " + folders);
    }

    /** Passes every call to the real channel, and notes each {@code force}. */
    private final class ForceRecordingChannel extends FileChannel {
        private final FileChannel real;
        private final Path path;

        ForceRecordingChannel(FileChannel real, Path path) {
            this.real = real;
            this.path = path;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            real.force(metaData);
            forced.add(new Forced(path, metaData, Files.isDirectory(path)));
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return real.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return real.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
