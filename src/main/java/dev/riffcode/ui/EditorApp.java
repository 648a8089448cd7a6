package dev.riffcode.ui;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.SwingUtilities;

/**
 * Opens the editor: the window first (visible and ready to type in at once), then, in the background, what takes
 * seconds (the Python sandbox, the sound card, the API reference).
 */
public final class EditorApp {

    private EditorApp() {
    }

    /**
     * Shows the window for {@code file} (null: an empty buffer) and returns it once it is visible.
     *
     * @throws IOException when the file exists but cannot be read
     */
    public static MainWindow open(EditorContext context, Path file) throws IOException {
        String text = file != null && Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        MainWindow[] made = new MainWindow[1];
        try {
            SwingUtilities.invokeAndWait(() -> {
                EditorPrefs prefs = new EditorPrefs(context.stateDir());
                Theme.install(prefs.theme(), context.env());
                MainWindow window = new MainWindow(context, prefs);
                window.open(file, text);
                window.setVisible(true);
                window.editor.area().requestFocusInWindow();
                window.startBackground();
                made[0] = window;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the editor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the editor's window could not be made: " + e.getCause(), e.getCause());
        }
        return made[0];
    }

    /** Opens the editor and waits until its window is closed (the command line's {@code edit}). */
    public static void run(Path file) throws IOException, InterruptedException {
        open(EditorContext.fromSystem(), file).awaitClosed();
    }
}
