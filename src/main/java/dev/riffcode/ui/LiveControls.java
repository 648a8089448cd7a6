package dev.riffcode.ui;

import dev.riffcode.audio.Levels;
import dev.riffcode.live.LiveListener;
import dev.riffcode.live.LivePlayer;
import dev.riffcode.runtime.ScriptError;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.swing.JButton;
import javax.swing.JMenu;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

/**
 * Run and Stop: the buttons, the keys (Ctrl+Enter or Alt+R, Ctrl+. or Alt+S), what the window shows while live
 * play goes on (errors on their lines, the playing version, the loops), and the session's record of every Run.
 * Used on the EDT; the sound itself is the {@link Playback}'s.
 */
final class LiveControls {

    private final MainWindow window;
    private final Playback playback;
    private final EditorSession session;
    private final JButton runButton = new JButton("▶ Run");
    private final JButton stopButton = new JButton("■ Stop");
    private SyntaxChecker checker;
    private float[][] rendered;
    private int runs;
    /** Runs and plays from the history: only the latest one's rendered audio goes to the scopes. */
    private int plays;
    /** Live play's version number to the session's, for what the window shows. Used on the EDT. */
    private final java.util.Map<Integer, Integer> sessionVersions = new java.util.HashMap<>();
    /** The time of the last Run, for the benchmark's Run-to-sound. */
    private volatile long lastRunAt;

    LiveControls(MainWindow window, Playback playback, EditorSession session) {
        this.window = window;
        this.playback = playback;
        this.session = session;
        runButton.setName("run");
        stopButton.setName("stop");
        runButton.setToolTipText("Play the code live; it takes over on the next beat (Ctrl+Enter, Alt+R)");
        stopButton.setToolTipText("Stop everything that plays, with a short fade (Ctrl+., Alt+S)");
        runButton.addActionListener(e -> run());
        stopButton.addActionListener(e -> stop());
        int menu = CodeEditor.menuMask();
        window.bindKey(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, menu), "riffcode-run", this::run);
        window.bindKey(KeyStroke.getKeyStroke(KeyEvent.VK_R, InputEvent.ALT_DOWN_MASK), "riffcode-run-alt", this::run);
        window.bindKey(KeyStroke.getKeyStroke(KeyEvent.VK_PERIOD, menu), "riffcode-stop", this::stop);
        window.bindKey(KeyStroke.getKeyStroke(KeyEvent.VK_S, InputEvent.ALT_DOWN_MASK), "riffcode-stop-alt", this::stop);
        JMenu menuRun = window.menu("Run");
        menuRun.add(MainWindow.item("Run", KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, menu), this::run));
        menuRun.add(MainWindow.item("Stop", KeyStroke.getKeyStroke(KeyEvent.VK_PERIOD, menu), this::stop));
    }

    JButton runButton() {
        return runButton;
    }

    JButton stopButton() {
        return stopButton;
    }

    /** Starts the sound and the sandbox in the background; the window says how it goes. */
    void start() {
        window.status.engine("Python: starting…");
        Thread t = new Thread(() -> {
            playback.start(new Events()).whenComplete((x, failure) -> SwingUtilities.invokeLater(() -> started(failure)));
        }, "riffcode-start");
        t.setDaemon(true);
        t.start();
    }

    private void started(Throwable failure) {
        if (failure != null) {
            window.status.engine("Python: not running");
            window.status.say(Playback.cause(failure).getMessage() + ". Run cannot play; check that Java can start "
                    + "child processes, then reopen the editor.");
            return;
        }
        String sound = playback.hasDevice() ? "sound: " + playback.deviceName() : "no sound device";
        window.status.engine("Python ready · " + sound);
        if (!playback.hasDevice()) {
            // Said once: every Run then renders in memory.
            window.status.say("No sound device (" + firstSentence(playback.noDevice()) + "). Run renders the piece "
                    + "in memory and shows it in the scopes; Export writes a WAV file.");
        } else if (window.status.text().isBlank()) {
            window.status.say("Ready: Ctrl+Enter plays the code, Ctrl+. stops it.");
        }
        checker = new SyntaxChecker(window.editor.area().getDocument(), window.editor::text, playback::check,
                error -> {
                    window.editor.showError(ErrorMarks.Source.TYPING, error);
                    ScriptError run = window.editor.error(ErrorMarks.Source.RUN);
                    if (error == null && run != null && run.category() == ScriptError.Category.SYNTAX) {
                        // The Run failed to compile, and the text compiles now: that mark is out of date.
                        window.editor.showError(ErrorMarks.Source.RUN, null);
                    }
                    showErrors();
                });
        checker.checkNow();
    }

    /** Plays the editor's code: it takes over on the next beat, or with no device it is rendered in memory. */
    void run() {
        String code = window.editor.text();
        int mine = ++runs;
        int play = ++plays;
        // The session version is written while the code starts playing: the window names versions as the history
        // does, and the disk never delays the sound.
        String title = window.file() != null ? "edit " + window.file().getFileName() : "editor";
        CompletableFuture<Integer> version = session.version(title, code);
        startPlaying(code).whenComplete((outcome, failure) -> version.whenComplete((v, notWritten) ->
                SwingUtilities.invokeLater(() -> {
                    window.status.done();
                    window.updateTitle();
                    if (play == plays) {
                        showRendered(outcome);
                    }
                    ran(v, mine, outcome, failure);
                    if (notWritten != null) {
                        window.status.say(window.status.text() + " (Not recorded: the session could not be written: "
                                + Playback.cause(notWritten).getMessage() + ".)");
                    }
                })));
    }

    /**
     * Plays a version from the history as it was, to hear it against the editor's (A/B): the editor, its marks and
     * the session stay as they are, and Run plays the editor's code again.
     */
    void playFromHistory(int version, String code) {
        int play = ++plays;
        startPlaying(code).whenComplete((outcome, failure) -> SwingUtilities.invokeLater(() -> {
            window.status.done();
            if (failure != null) {
                window.status.say("Version " + version + " could not play: " + Playback.cause(failure).getMessage());
            } else if (outcome.error() != null) {
                ScriptError e = outcome.error();
                window.status.say("Version " + version + " failed at " + (e.line() > 0 ? "line " + e.line()
                        : "its start") + ": " + e.kind() + (playback.hasDevice() ? "; what played goes on." : "."));
            } else if (play == plays) {
                sessionVersions.put(outcome.version(), version);
                showRendered(outcome);
                window.status.say("▶ version " + version + " from the history" + (playback.hasDevice()
                        ? " plays from the next beat" : " (rendered in memory, in the scopes)")
                        + "; Ctrl+Enter plays the editor's code again.");
            }
        }));
    }

    private CompletableFuture<Playback.Outcome> startPlaying(String code) {
        lastRunAt = playback.firstSound().arm();
        window.status.say(playback.ready().isDone() ? (playback.hasDevice() ? "Running…" : "Rendering…")
                : "Run waits for the Python sandbox, which is still starting (a few seconds)…");
        if (!playback.hasDevice()) {
            window.status.progress("rendering", -1);
        }
        return playback.run(code);
    }

    /** With no sound device, the scopes go through the rendered audio as if it played now. */
    private void showRendered(Playback.Outcome outcome) {
        if (outcome != null && outcome.rendered() != null) {
            rendered = outcome.rendered();
            window.scopes.showRendered(rendered, Playback.RATE);
        }
    }

    /** @param version the Run's session version, or null when the session could not be written */
    private void ran(Integer version, int mine, Playback.Outcome outcome, Throwable failure) {
        if (failure != null) {
            window.status.say("Run could not play: " + Playback.cause(failure).getMessage());
            return;
        }
        ScriptError error = outcome.error();
        if (mine == runs) {
            window.editor.showError(ErrorMarks.Source.RUN, error);
            showErrors();
        }
        if (error != null) {
            window.status.say("Run failed at " + (error.line() > 0 ? "line " + error.line() : "its start") + ": "
                    + error.kind() + ". " + (playback.hasDevice() ? "The previous version plays on; fix the line "
                    + "and run again." : "Fix the line and run again."));
        } else if (outcome.rendered() != null) {
            float[][] audio = outcome.rendered();
            window.status.say(String.format(Locale.ROOT, "No sound device: rendered %.1f s in memory, peak %.1f "
                    + "dBFS; the scopes show it as it would play. Export writes a WAV.",
                    audio[0].length / (double) Playback.RATE,
                    Levels.toDb(Math.max(Levels.peak(audio[0]), Levels.peak(audio[1])))));
        } else if (outcome.startFrame() < 0) {
            window.status.say("Stopped before it started.");
        } else {
            if (version != null) {
                sessionVersions.put(outcome.version(), version);
            }
            window.status.say("▶ version " + (version != null ? version : outcome.version())
                    + " plays from the next beat" + (outcome.loops().isEmpty() ? "" : " (loops: " + String.join(", ", outcome.loops()) + ")")
                    + lastLine(outcome.printed()));
        }
        if (version != null) {
            session.validation(version, error).whenComplete((x, e) -> {
                if (e != null) {
                    SwingUtilities.invokeLater(() -> window.status.say("Could not write the session: "
                            + e.getMessage() + " (the sound is not affected)"));
                }
            });
        }
    }

    /** Stops everything that plays, with a short fade (with no device: the scopes leave the render for silence). */
    CompletableFuture<Void> stop() {
        ++plays;
        if (!playback.hasDevice()) {
            window.scopes.showRendered(new float[][] {new float[0]}, Playback.RATE);
        }
        return playback.stop().whenComplete((x, failure) -> SwingUtilities.invokeLater(() ->
                window.status.say(failure == null ? "■ Stopped. Ctrl+Enter plays again."
                        : "Stop failed: " + Playback.cause(failure).getMessage())));
    }

    private void showErrors() {
        CodeEditor editor = window.editor;
        List<ScriptError> all = new java.util.ArrayList<>();
        if (editor.error(ErrorMarks.Source.RUN) != null) {
            all.add(editor.error(ErrorMarks.Source.RUN));
        }
        ScriptError typing = editor.error(ErrorMarks.Source.TYPING);
        if (typing != null && !typing.equals(editor.error(ErrorMarks.Source.RUN))) {
            all.add(typing);
        }
        window.errorBar.show(all, editor.error(ErrorMarks.Source.RUN) != null);
    }

    /**
     * What plays now, with the session's version numbers (live play counts its own; the loops view and the history
     * then speak of the same versions). Versions not from this window's session keep live play's number.
     */
    LivePlayer.Status status() {
        LivePlayer.Status s = playback.status();
        if (s == null || sessionVersions.isEmpty()) {
            return s;
        }
        List<LivePlayer.LoopStatus> loops = new java.util.ArrayList<>(s.loops().size());
        for (LivePlayer.LoopStatus l : s.loops()) {
            loops.add(new LivePlayer.LoopStatus(l.name(), inSession(l.version()), l.passes(), l.nextStart(),
                    l.passFrames(), l.stopping()));
        }
        return new LivePlayer.Status(s.version() == null ? null : inSession(s.version()), s.bpm(), loops,
                s.position());
    }

    private int inSession(int liveVersion) {
        return sessionVersions.getOrDefault(liveVersion, liveVersion);
    }

    /** The audio of the last Run without a device. */
    float[][] rendered() {
        return rendered;
    }

    long lastRunAt() {
        return lastRunAt;
    }

    private static String lastLine(String printed) {
        if (printed == null || printed.isBlank()) {
            return "";
        }
        String[] lines = printed.strip().split("\n");
        return "; it printed: " + lines[lines.length - 1];
    }

    private static String firstSentence(String s) {
        return s == null ? "unknown" : s.split("\\. ")[0];
    }

    /** What live play tells while it plays, shown in the window. */
    private final class Events implements LiveListener {
        @Override
        public void loopFailed(String loop, int version, ScriptError error, Integer fallback) {
            String then = fallback == null ? "it stops" : "it goes on with version " + fallback + "'s body";
            later("live_loop " + loop + " failed" + (error.line() > 0 ? " at line " + error.line() : "") + ": "
                    + error.kind() + ": "
                    + error.message() + "; " + then + ".");
        }

        @Override
        public void loopMissed(String loop, long frame, int notesLeftOut) {
            later(loop + " was late for a pass" + (notesLeftOut > 0 ? " (" + notesLeftOut + " notes left out)" : "")
                    + ": the machine is busy, or the pass does too much.");
        }

        @Override
        public void printed(int version, String text) {
            later("version " + version + " printed: " + text.strip().replace('\n', ' '));
        }

        @Override
        public void workerRestarting(String why) {
            later("The Python worker is being replaced (" + why + "); loops rejoin when it is back.");
        }

        @Override
        public void workerRestarted(double millis) {
            later(String.format(Locale.ROOT, "The Python worker is back after %.1f s.", millis / 1000));
        }

        private void later(String text) {
            SwingUtilities.invokeLater(() -> window.status.say(text));
        }
    }
}
