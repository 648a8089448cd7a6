package dev.riffcode.ui;

import java.awt.Component;
import java.awt.Container;
import java.awt.Point;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.swing.JLabel;
import javax.swing.Timer;

/**
 * The editor as the app opens it ({@link EditorContext#fromSystem}, so the environment decides where it keeps its
 * state and where its sound goes), in a process of its own that a test can kill. Prints {@code ready X Y} with the
 * editor's place on the screen once the window is up, then the window's bounds as {@code bounds X Y W H}.
 *
 * <p>With {@code --report} after the script it goes on printing, one {@code key value} line each time it changes,
 * what a person sees of the window's state: the status bar ({@code status}), the engine label ({@code engine}), the
 * 1-based lines with an error notice ({@code marks}, the squiggles), the failed run's line ({@code runmark}) and the
 * error strip ({@code errorbar}); and the audio loop's underruns ({@code underruns}).
 */
public final class EditorProcess {

    private EditorProcess() {
    }

    public static void main(String[] args) throws Exception {
        MainWindow window = EditorApp.open(EditorContext.fromSystem(), Path.of(args[0]));
        Point at = Windows.onEdt(() -> window.editor.area().getLocationOnScreen());
        Rectangle bounds = Windows.onEdt(window::getBounds);
        System.out.println("ready " + at.x + " " + at.y);
        System.out.println("bounds " + bounds.x + " " + bounds.y + " " + bounds.width + " " + bounds.height);
        System.out.flush();
        if (args.length > 1 && args[1].equals("--report")) {
            Map<String, String> said = new LinkedHashMap<>();
            Windows.onEdt(() -> {
                // The status can change twice within a poll ("▶ version 2", then "late for a pass"): every change of
                // its labels is said as it happens.
                for (Component c : window.status.getComponents()) {
                    watchLabels(c);
                }
                new Timer(20, e -> report(window, said)).start();
                return null;
            });
        }
        window.awaitClosed();
        System.exit(0);
    }

    private static void watchLabels(Component c) {
        if (c instanceof JLabel label && label.getName() != null) {
            label.addPropertyChangeListener("text", e -> say(label.getName(), label.getText()));
        }
        if (c instanceof Container container) {
            for (Component child : container.getComponents()) {
                watchLabels(child);
            }
        }
    }

    private static void say(String key, String value) {
        System.out.println(key + " " + value.replace('\n', ' '));
        System.out.flush();
    }

    /** Prints what changed since the last report (on the event thread, where the window's state is read). */
    private static void report(MainWindow window, Map<String, String> said) {
        Map<String, String> now = new LinkedHashMap<>();
        now.put("marks", window.editor.area().getParserNotices().stream().map(n -> String.valueOf(n.getLine() + 1))
                .sorted().collect(Collectors.joining(",")));
        var run = window.editor.error(ErrorMarks.Source.RUN);
        now.put("runmark", run == null ? "" : String.valueOf(run.line()));
        now.put("errorbar", window.errorBar.message());
        var stats = window.playback.audioStats();
        now.put("underruns", stats == null ? "" : String.valueOf(stats.underruns()));
        now.forEach((key, value) -> {
            if (!value.equals(said.put(key, value))) {
                say(key, value);
            }
        });
    }
}
