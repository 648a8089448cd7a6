package dev.riffcode.cli;

import static dev.riffcode.cli.RenderCommandTest.riffcode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A place a command cannot write to is named in words and exits 1: no stack trace, nothing half-written left. */
class OutputFilesTest {

    @TempDir
    Path dir;

    private Path script() throws IOException {
        Path script = dir.resolve("tune.py");
        Files.writeString(script, "play('A4', sustain=8, synth='saw')\n");
        return script;
    }

    private static void assertNoStackTrace(RenderCommandTest.Run r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no Java internals: " + r.err());
    }

    @Test
    void aMissingFolderIsNamedBeforeAnyWork() throws IOException {
        Path missing = dir.resolve("no").resolve("such");
        RenderCommandTest.Run r = riffcode("render", script().toString(), "-o", missing.resolve("x.wav").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("the folder " + missing + " does not exist"), r.err());
        assertTrue(r.err().contains("mkdir -p " + missing), "says what to do: " + r.err());
        assertNoStackTrace(r);
    }

    @Test
    void aFileWhereAFolderShouldBeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        RenderCommandTest.Run r = riffcode("render", script().toString(), "-o", file.resolve("x.wav").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(file + " is a file, not a folder"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void generateChecksItsOutputFolderToo() throws IOException {
        Path missing = dir.resolve("gone");
        RenderCommandTest.Run r = riffcode("generate", "a tune", "--offline", "-o", missing.resolve("x.wav").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("the folder " + missing + " does not exist"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void aFullDiskIsSaidPlainlyAndLeavesNothingBehind() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        assumeTrue(mount(small, "size=64k"), "needs root to mount a 64 KB tmpfs");
        try {
            Path wav = small.resolve("x.wav");
            RenderCommandTest.Run r = riffcode("render", script().toString(), "-o", wav.toString());
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("could not write " + wav + ": the disk is full"), r.err());
            assertNoStackTrace(r);
            try (var files = Files.list(small)) {
                assertEquals(0, files.count(), "no partial WAV and no temp file");
            }
        } finally {
            unmount(small);
        }
    }

    @Test
    void aReadOnlyFolderIsNamed() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        assumeTrue(mount(ro, "ro,size=64k"), "needs root to mount a read-only tmpfs");
        try {
            RenderCommandTest.Run r = riffcode("render", script().toString(), "-o", ro.resolve("x.wav").toString());
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("the folder " + ro + " is not writable"), r.err());
            assertNoStackTrace(r);
        } finally {
            unmount(ro);
        }
    }

    @Test
    void explanationsNameTheFileTheUserGaveNotTheTempFile() {
        String full = OutputFiles.explain(new java.nio.file.FileSystemException("/music/.beat.wav.3f2a9c.tmp", null,
                "No space left on device"));
        assertEquals("could not write /music/beat.wav: the disk is full; free some space or write elsewhere", full);
        String denied = OutputFiles.explain(new java.nio.file.AccessDeniedException("/music/beat.wav"));
        assertTrue(denied.startsWith("could not write /music/beat.wav: permission denied"), denied);
    }

    private static boolean mount(Path at, String options) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void unmount(Path at) throws Exception {
        new ProcessBuilder("umount", at.toString()).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }
}
