package dev.riffcode.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saves as editors make them: in place, by rename-over, in bursts; each is seen once, with the saved text. */
class ScriptWatcherTest {

    @TempDir
    Path dir;

    private final BlockingQueue<String> saves = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> problems = new LinkedBlockingQueue<>();

    private String next() throws InterruptedException {
        return saves.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void anInPlaceSaveIsSeenWithItsText() throws Exception {
        Path file = Files.writeString(dir.resolve("live.py"), "play(60)\n");
        try (ScriptWatcher w = new ScriptWatcher(file, saves::add, problems::add)) {
            Files.writeString(file, "play(62)\n");
            assertEquals("play(62)\n", next());
        }
    }

    @Test
    void aSaveByRenameOverIsSeenToo() throws Exception {
        Path file = Files.writeString(dir.resolve("live.py"), "play(60)\n");
        try (ScriptWatcher w = new ScriptWatcher(file, saves::add, problems::add)) {
            // What vim and VS Code do: write a new file, then move it over the old one.
            Path tmp = Files.writeString(dir.resolve(".live.py.swp"), "play(64)\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertEquals("play(64)\n", next());
            Files.writeString(file, "play(65)\n");
            assertEquals("play(65)\n", next(), "and the watch goes on after the rename");
        }
    }

    @Test
    void aBurstOfEventsFromOneSaveIsOneSave() throws Exception {
        Path file = Files.writeString(dir.resolve("live.py"), "");
        try (ScriptWatcher w = new ScriptWatcher(file, saves::add, problems::add)) {
            Files.writeString(file, "");
            Files.writeString(file, "play(60)\n");
            Files.writeString(file, "play(60)\nsleep(1)\n");
            assertEquals("play(60)\nsleep(1)\n", next());
            assertNull(saves.poll(300, TimeUnit.MILLISECONDS), "one save, one evaluation");
        }
    }

    @Test
    void aFileWrittenAllTheTimeBesideItDoesNotHoldSavesBack() throws Exception {
        Path file = Files.writeString(dir.resolve("live.py"), "play(60)\n");
        Path recording = dir.resolve("take.wav");
        Thread writer = new Thread(() -> {
            // As --record writes its WAV next to the script, many times a second.
            for (int i = 0; i < 400 && !Thread.currentThread().isInterrupted(); i++) {
                try {
                    Files.write(recording, new byte[] {(byte) i}, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                    Thread.sleep(5);
                } catch (Exception e) {
                    return;
                }
            }
        });
        try (ScriptWatcher w = new ScriptWatcher(file, saves::add, problems::add)) {
            writer.start();
            Thread.sleep(100);
            Files.writeString(file, "play(67)\n");
            assertEquals("play(67)\n", saves.poll(1, TimeUnit.SECONDS), "seen within a second");
        } finally {
            writer.interrupt();
            writer.join();
        }
    }

    @Test
    void otherFilesInTheFolderAreIgnoredAndBadTextIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("live.py"), "play(60)\n");
        try (ScriptWatcher w = new ScriptWatcher(file, saves::add, problems::add)) {
            Files.writeString(dir.resolve("other.py"), "x\n");
            assertNull(saves.poll(300, TimeUnit.MILLISECONDS));
            Files.write(file, new byte[] {'p', (byte) 0xE9, '\n'});
            String problem = problems.poll(10, TimeUnit.SECONDS);
            assertTrue(problem != null && problem.contains("not UTF-8"), String.valueOf(problem));
        }
    }
}
