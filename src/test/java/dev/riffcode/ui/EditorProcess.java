package dev.riffcode.ui;

import java.awt.Point;
import java.nio.file.Path;

/**
 * The editor as the app opens it ({@link EditorContext#fromSystem}, so the environment decides where it keeps its
 * state), in a process of its own that a test can kill. Prints {@code ready X Y} with the editor's place on the screen
 * once the window is up.
 */
public final class EditorProcess {

    private EditorProcess() {
    }

    public static void main(String[] args) throws Exception {
        MainWindow window = EditorApp.open(EditorContext.fromSystem(), Path.of(args[0]));
        Point at = Windows.onEdt(() -> window.editor.area().getLocationOnScreen());
        System.out.println("ready " + at.x + " " + at.y);
        System.out.flush();
        window.awaitClosed();
        System.exit(0);
    }
}
