package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import javax.swing.SwingUtilities;
import javax.swing.text.PlainDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed text reaches the disk shortly after typing stops, and comes back for the same script only when it should. */
class AutosaveTest {

    @TempDir
    Path dir;

    @Test
    void typedTextIsWrittenAfterAPauseAndComesBackForTheSameScript() throws Exception {
        Path state = dir.resolve("state");
        Path script = dir.resolve("beat.py");
        Files.writeString(script, "play(60)\n");
        PlainDocument doc = new PlainDocument();
        Autosave[] autosave = new Autosave[1];
        SwingUtilities.invokeAndWait(() -> {
            autosave[0] = new Autosave(state, doc, () -> text(doc), script);
            insert(doc, "play(60)\nplay(64)\n");
        });
        Path saved = autosave[0].target();
        assertTrue(saved.startsWith(state.resolve("autosave")));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Files.exists(saved) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("play(60)\nplay(64)\n", Files.readString(saved), "written without a close: a kill loses nothing");
        Files.setLastModifiedTime(script, FileTime.fromMillis(Files.getLastModifiedTime(saved).toMillis() - 1000));
        assertEquals(Optional.of("play(60)\nplay(64)\n"), Autosave.recover(state, script, "play(60)\n"));
        assertEquals(Optional.empty(), Autosave.recover(state, dir.resolve("other.py"), ""), "another script");
        assertEquals(Optional.empty(), Autosave.recover(state, script, "play(60)\nplay(64)\n"), "already on disk");
        SwingUtilities.invokeAndWait(() -> autosave[0].close());
    }

    @Test
    void aSaveAskedForAfterCloseIsIgnoredAndCloseKeepsTheLastText() throws Exception {
        PlainDocument doc = new PlainDocument();
        Autosave[] autosave = new Autosave[1];
        SwingUtilities.invokeAndWait(() -> {
            autosave[0] = new Autosave(dir.resolve("state"), doc, () -> text(doc), null);
            insert(doc, "play(72)\n");
            autosave[0].close();   // writes what is pending, at once
            autosave[0].saveNow();   // a closing window still hears of its focus going
        });
        assertEquals("play(72)\n", Files.readString(autosave[0].target()));
    }

    @Test
    void aFileChangedAfterTheAutosaveWins() throws Exception {
        Path state = dir.resolve("state");
        Path script = dir.resolve("beat.py");
        Path saved = Autosave.fileFor(state.resolve("autosave"), script);
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, "old typing\n");
        Files.writeString(script, "edited elsewhere since\n");
        Files.setLastModifiedTime(saved, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertEquals(Optional.empty(), Autosave.recover(state, script, "edited elsewhere since\n"));
    }

    @Test
    void theUntitledBufferAndEachScriptHaveTheirOwnFile() {
        Path a = Autosave.fileFor(dir, dir.resolve("x/beat.py"));
        Path b = Autosave.fileFor(dir, dir.resolve("y/beat.py"));
        assertNotEquals(a, b, "two beat.py in two folders");
        assertTrue(a.getFileName().toString().endsWith("-beat.py"));
        assertEquals(dir.resolve("untitled.py"), Autosave.fileFor(dir, null));
    }

    private static String text(PlainDocument doc) {
        try {
            return doc.getText(0, doc.getLength());
        } catch (javax.swing.text.BadLocationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void insert(PlainDocument doc, String s) {
        try {
            doc.insertString(doc.getLength(), s, null);
        } catch (javax.swing.text.BadLocationException e) {
            throw new IllegalStateException(e);
        }
    }
}
