package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.Levels;
import dev.riffcode.engine.realtime.VirtualClockOutput;
import dev.riffcode.llm.ScriptedOpenAiServer;
import dev.riffcode.session.Origin;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.Step;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.swing.JEditorPane;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.FrameFixture;
import org.fife.ui.rsyntaxtextarea.parser.ParserNotice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor's real window, driven as a person would (keys and clicks through AssertJ-Swing's robot, under Xvfb in
 * CI), with live play on a virtual clock whose every block is captured and analysed. One window for the whole class:
 * the sandbox starts once, as it does in the app. The tests run in order, each from where the last left the window.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditorWindowTest {

    static final int SR = Playback.RATE;
    static final String TONE = """
            use_bpm(120)
            @live_loop
            def tone():
                play(69, synth="sine", sustain=0.45, release=0.05, amp=0.5)
                sleep(0.5)
            """;
    static final String GENERATED = """
            use_bpm(120)
            @live_loop
            def tone():
                play(76, synth="sine", sustain=0.45, release=0.05, amp=0.5)
                sleep(0.5)
            """;

    @TempDir
    static Path dir;

    static MainWindow window;
    static FrameFixture frame;
    static Robot robot;
    static CaptureTap capture;
    static ScriptedOpenAiServer server;
    static Path script;

    @BeforeAll
    static void open() throws Exception {
        Displays.requireOrSkip();
        server = ScriptedOpenAiServer.start();
        Path config = dir.resolve("config/riffcode/config.json");
        UserConfig.write(config, server.baseUrl(), "scripted-model", "");
        capture = new CaptureTap(SR, 240);
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", System.getenv().getOrDefault("DISPLAY", ""));
        EditorContext context = new EditorContext(env, config, dir.resolve("sessions"), dir.resolve("state"),
                VirtualClockOutput::new, List.of(capture));
        script = dir.resolve("tone.py");
        Files.writeString(script, TONE);
        window = EditorApp.open(context, script);
        robot = BasicRobot.robotWithCurrentAwtHierarchy();
        robot.settings().delayBetweenEvents(15);
        frame = new FrameFixture(robot, window);
        // The sandbox warms in the background; the window is usable before it is ready.
        waitFor("the live worker", Duration.ofSeconds(180), () -> window.playback.ready().isDone());
        assertFalse(window.playback.ready().isCompletedExceptionally(), "the live worker started");
    }

    @AfterAll
    static void close() {
        if (frame != null) {
            frame.cleanUp();
        }
        if (window != null) {
            onEdt(() -> {
                window.quit();
                return null;
            });
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theWindowNamesTheScriptAndTakesTyping() throws Exception {
        assertEquals("Riffcode — tone.py", window.getTitle());
        frame.textBox("code").focus();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_END);
        robot.enterText("# typed\n");
        waitFor("the typed line", Duration.ofSeconds(5), () -> text().endsWith("# typed\n"));
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_Z);
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_Z);
        waitFor("undo", Duration.ofSeconds(5), () -> text().equals(TONE));
        screenshot("01-window");
    }

    @Test
    @Order(2)
    void ctrlEnterPlaysTheCodeLiveAndTheScopesShowIt() throws Exception {
        frame.textBox("code").focus();
        assertEquals(0, spectrogramBand(), "a dark spectrogram before anything plays");
        long before = capture.frames();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_ENTER);
        waitFor("version 1 to play", Duration.ofSeconds(60), () -> status().startsWith("▶ version 1"));
        hears(440, 3, before, "the loop's A4 from the audio thread");
        // The scopes read the same sound: the scope tap holds A4, and the spectrogram on screen has one bright band.
        float[] left = new float[8192];
        float[] right = new float[8192];
        waitFor("A4 in the scope tap", Duration.ofSeconds(10), () -> {
            window.playback.scope().copyLatest(left, right);
            return Math.abs(pitch(left) - 440) < 3;
        });
        waitFor("one narrow bright band on the scrolling spectrogram", Duration.ofSeconds(10), () -> {
            int band = spectrogramBand();
            return band > 0 && band < 20;
        });
        // The Run is version 1 of the window's session, with its validation.
        waitFor("the session", Duration.ofSeconds(10), () -> window.session.current() != null
                && window.session.current().versions().size() == 1);
        assertEquals(Origin.MANUAL, window.session.current().versions().get(0).origin());
    }

    @Test
    @Order(3)
    void aBrokenEditIsMarkedOnItsLineWhileTheOldSoundGoesOn() throws Exception {
        frame.textBox("code").focus();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_HOME);
        for (int i = 0; i < 3; i++) {
            robot.pressAndReleaseKey(KeyEvent.VK_DOWN, 0);
        }
        robot.pressAndReleaseKey(KeyEvent.VK_END, 0);
        robot.pressAndReleaseKey(KeyEvent.VK_BACK_SPACE, 0);   // line 4 loses its closing bracket
        waitFor("the squiggle as you type", Duration.ofSeconds(20), () -> errorLines().contains(3));
        ParserNotice notice = onEdt(() -> window.editor.area().getParserNotices().get(0));
        assertEquals(ParserNotice.Level.ERROR, notice.getLevel());
        assertTrue(notice.getMessage().contains("SyntaxError"), notice.getMessage());
        assertTrue(onEdt(() -> window.errorBar.message()).contains("line 4"), onEdt(() -> window.errorBar.message()));

        long failedAt = capture.frames();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_ENTER);
        waitFor("the failed run's mark", Duration.ofSeconds(30),
                () -> onEdt(() -> window.editor.error(ErrorMarks.Source.RUN)) != null);
        assertEquals(4, onEdt(() -> window.editor.error(ErrorMarks.Source.RUN)).line());
        assertTrue(onEdt(() -> window.errorBar.message()).startsWith("Run failed, the previous version plays on"));
        screenshot("02-broken-edit");
        waitFor("more sound", Duration.ofSeconds(30), () -> capture.frames() > failedAt + 4 * SR);
        assertEquals(1, window.playback.status().version(), "version 1 still plays");
        // Half-second windows after the failed run: on a machine this busy a pass may come late and be left out
        // (the window says so), but the old loop must go on sounding.
        StringBuilder heard = new StringBuilder();
        int a4 = 0;
        for (int k = 0; k < 8; k++) {
            float[] part = capture.mono(failedAt + k * SR / 2, failedAt + (k + 1) * SR / 2);
            double hz = pitch(part);
            heard.append(String.format(java.util.Locale.ROOT, " %.0f Hz/%.2f", hz, Levels.rms(part)));
            a4 += Math.abs(hz - 440) < 3 && Levels.rms(part) > 0.05 ? 1 : 0;
        }
        assertTrue(a4 >= 6, "version 1's A4 plays on after the failed run:" + heard);

        robot.enterText(")");   // fixed again: the syntax marks go, the Run's too (it was a syntax error)
        waitFor("the marks to go", Duration.ofSeconds(20), () -> errorLines().isEmpty());
        assertEquals("", onEdt(() -> window.errorBar.message()));
    }

    @Test
    @Order(4)
    void completionShowsPlaysDocumentation() throws Exception {
        waitFor("the API reference", Duration.ofSeconds(240), () -> window.completions.loaded() > 20);
        frame.textBox("code").focus();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_END);
        robot.enterText("pla");
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_SPACE);
        waitFor("play's documentation", Duration.ofSeconds(10), () -> shownText().contains("Play a note now"));
        String shown = shownText();
        assertTrue(shown.contains("play(note, amp=1"), "with its signature: " + shown);
        screenshot("03-completion");
        robot.pressAndReleaseKey(KeyEvent.VK_ESCAPE, 0);
        onEdt(() -> {
            window.editor.replaceAll(TONE);
            return null;
        });
    }

    @Test
    @Order(5)
    void aPromptStreamsIntoThePreviewAndTakeReplacesTheCodeAsOneUndo() throws Exception {
        String[] chunks = ("Here is a brighter version.\n\n```python\n" + GENERATED + "```\n").split("(?<=\n)");
        server.enqueue(ScriptedOpenAiServer.Reply.chunks(chunks).withChunkDelay(Duration.ofMillis(400)));
        frame.textBox("prompt").focus();
        robot.enterText("a brighter tone");
        robot.pressAndReleaseKey(KeyEvent.VK_ENTER, 0);
        waitFor("the first lines in the preview", Duration.ofSeconds(30),
                () -> onEdt(() -> window.preview.streamed()).contains("```python"));
        assertFalse(onEdt(() -> window.preview.streamed()).contains("sleep(0.5)\n```"), "still streaming");
        assertEquals(TONE, text(), "the editor is untouched while the answer streams");
        screenshot("04-streaming");
        waitFor("a validated version", Duration.ofSeconds(240), () -> onEdt(() -> window.preview.proposed()) != null);
        assertEquals(GENERATED, onEdt(() -> window.preview.proposed()));
        assertEquals(TONE, text(), "nothing is taken before Take");
        screenshot("05-diff");
        long takenAt = capture.frames();
        frame.button("take").click();
        waitFor("the new code", Duration.ofSeconds(10), () -> text().equals(GENERATED));
        waitFor("it to play", Duration.ofSeconds(60), () -> status().startsWith("▶ version"));
        hears(659.3, 4, takenAt, "E5 now");

        List<Step> steps = window.session.current().steps();
        assertTrue(steps.stream().anyMatch(s -> s instanceof Step.Prompt), "the prompt is in the session");
        assertTrue(window.session.current().versions().stream().anyMatch(v -> v.origin() == Origin.LLM));

        frame.textBox("code").focus();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_Z);
        waitFor("one undo back", Duration.ofSeconds(5), () -> text().equals(TONE));
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_Y);
        waitFor("redo", Duration.ofSeconds(5), () -> text().equals(GENERATED));
    }

    @Test
    @Order(6)
    void theHistoryPlaysAnOldVersionAndRestoresItAsOneUndo() throws Exception {
        frame.tabbedPane("below").selectTab("History");
        waitFor("version 1 in the history", Duration.ofSeconds(5), () -> onEdt(() -> window.history.model() != null
                && window.history.model().version(1).isPresent()));
        assertEquals(onEdt(() -> window.history.model().latestVersion()), onEdt(() -> window.history.selectedVersion()),
                "the history follows the newest version");
        screenshot("06-history");
        long playedAt = capture.frames();
        frame.button("play-v1").click();
        waitFor("version 1 from the history", Duration.ofSeconds(30),
                () -> status().startsWith("▶ version 1 from the history"));
        hears(440, 3, playedAt, "A4 again (A/B)");
        assertEquals(GENERATED, text(), "playing a version from the history leaves the editor as it is");

        frame.button("restore-v1").click();
        waitFor("version 1 in the editor", Duration.ofSeconds(5), () -> text().equals(TONE));
        frame.textBox("code").focus();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_Z);
        waitFor("one undo back", Duration.ofSeconds(5), () -> text().equals(GENERATED));
        long back = capture.frames();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_ENTER);
        waitFor("the editor's code", Duration.ofSeconds(30), () -> status().startsWith("▶ version"));
        hears(659.3, 4, back, "B: E5 again");
    }

    @Test
    @Order(7)
    void cancelStopsAGenerationAtOnce() throws Exception {
        server.enqueue(ScriptedOpenAiServer.Reply.chunks("Thinking", " very", " slowly", "...")
                .withChunkDelay(Duration.ofSeconds(3)));
        frame.textBox("prompt").focus();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_A);
        robot.enterText("something slow");
        robot.pressAndReleaseKey(KeyEvent.VK_ENTER, 0);
        waitFor("the generation", Duration.ofSeconds(10), () -> onEdt(() -> window.prompt.generating()));
        long t0 = System.nanoTime();
        frame.button("cancel").click();
        waitFor("cancelled", Duration.ofSeconds(2), () -> !onEdt(() -> window.prompt.generating()));
        assertTrue((System.nanoTime() - t0) / 1e6 < 1000, "at once");
        assertTrue(status().startsWith("Generation cancelled"), status());
        assertEquals(GENERATED, text(), "the editor is unchanged");
    }

    @Test
    @Order(8)
    void stopFadesOutAndRunPlaysAgain() throws Exception {
        frame.textBox("code").focus();
        long pressedAt = capture.frames();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_PERIOD);
        waitFor("stopped", Duration.ofSeconds(10), () -> status().startsWith("■ Stopped"));
        long stoppedAt = capture.frames();
        waitFor("a second", Duration.ofSeconds(30), () -> capture.frames() > stoppedAt + SR);
        assertEquals(0, Levels.rms(capture.mono(stoppedAt, stoppedAt + SR)), 1e-6, "silence after Stop");
        double fade = fadeMillis(capture.mono(pressedAt - SR / 10, stoppedAt));
        assertTrue(fade >= 15 && fade <= 150, "a quick fade, not a cut (a click): " + fade + " ms");
        chord(KeyEvent.VK_ALT, KeyEvent.VK_R);
        waitFor("playing again", Duration.ofSeconds(30), () -> status().startsWith("▶ version"));
        hears(659.3, 4, stoppedAt + SR, "E5: Alt+R plays again after a Stop");
    }

    @Test
    @Order(9)
    void typedTextIsAutosavedWithoutClosing() throws Exception {
        frame.textBox("code").focus();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_END);
        robot.enterText("# not saved yet\n");
        Path saved = window.autosave.target();
        waitFor("the autosave", Duration.ofSeconds(5), () -> Files.exists(saved)
                && Files.readString(saved, StandardCharsets.UTF_8).endsWith("# not saved yet\n"));
        assertEquals(TONE, Files.readString(script), "the script itself is written only by Save");
        assertEquals(text(), Autosave.recover(window.context.stateDir(), script, TONE).orElseThrow(),
                "a launch after a kill brings it back");
    }

    @Test
    @Order(10)
    void anEarlierSessionOpensFromTheSessionBrowser() throws Exception {
        String bass = "use_bpm(90)\n@live_loop\ndef bass():\n    play(36, synth=\"saw\", release=0.5)\n    sleep(1)\n";
        try (Session earlier = new SessionStore(dir.resolve("sessions")).create("bass sketch")) {
            earlier.codeVersion(bass, Origin.MANUAL, null);
        }
        String before = text();
        String windowSession = window.session.current().name();
        frame.textBox("code").focus();
        robot.pressKey(KeyEvent.VK_CONTROL);
        robot.pressKey(KeyEvent.VK_SHIFT);
        robot.pressAndReleaseKey(KeyEvent.VK_O);
        robot.releaseKey(KeyEvent.VK_SHIFT);
        robot.releaseKey(KeyEvent.VK_CONTROL);
        waitFor("the session browser, ready to filter", Duration.ofSeconds(10), () -> onEdt(() -> {
            Component focused = java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
            return focused != null && "filter".equals(focused.getName());
        }));
        robot.enterText("bass");
        waitFor("one session left by the filter", Duration.ofSeconds(5), () -> onEdt(() -> {
            javax.swing.JTable table = robot.finder().findByName("sessions", javax.swing.JTable.class);
            return table.getRowCount() == 1;
        }));
        screenshot("07-session-browser");
        robot.pressAndReleaseKey(KeyEvent.VK_ENTER);
        waitFor("the session's code", Duration.ofSeconds(10), () -> text().equals(bass));
        assertEquals("bass sketch", window.session.current().title());
        waitFor("its history", Duration.ofSeconds(5), () -> onEdt(() -> window.history.model() != null
                && window.history.model().latestVersion() == 1));
        assertTrue(status().startsWith("Opened session bass sketch"), status());
        // The window's own session was closed: its lock is free for another writer.
        try (Session own = new SessionStore(dir.resolve("sessions")).open(windowSession)) {
            own.note("written while the window has another session open");
        }
        // A click, as a person would: with no window manager (Xvfb) the frame does not get the focus back by itself
        // when the dialog closes.
        frame.textBox("code").click();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_Z);
        waitFor("one undo back", Duration.ofSeconds(5), () -> text().equals(before));
    }

    // ------------------------------------------------------------------ helpers

    static String text() throws Exception {
        return onEdt(() -> window.editor.text());
    }

    static String status() throws Exception {
        return onEdt(() -> window.status.text());
    }

    /** The 0-based lines with an error notice. */
    static List<Integer> errorLines() throws Exception {
        return onEdt(() -> window.editor.area().getParserNotices().stream().map(ParserNotice::getLine).toList());
    }

    /** The text of every editor pane in every window (the completion's description window among them). */
    static String shownText() throws Exception {
        return onEdt(() -> {
            StringBuilder all = new StringBuilder();
            for (Window w : Window.getWindows()) {
                if (w.isShowing()) {
                    collect(w, all);
                }
            }
            return all.toString();
        });
    }

    private static void collect(Component c, StringBuilder into) {
        if (c instanceof JEditorPane pane && pane.isShowing()) {
            into.append(pane.getText().replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&").replace("&quot;", "\"")).append('\n');
        }
        if (c instanceof Container container) {
            for (Component child : container.getComponents()) {
                collect(child, into);
            }
        }
    }

    /**
     * Waits (20 s at most) until a half-second of what the audio thread played after {@code from} has this pitch and
     * is audible. On a busy machine a pass may come late and be left out, so the first half-second is not required;
     * a wrong note or silence never passes. The failure lists what was heard.
     */
    static void hears(double hz, double tolerance, long from, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            long end = capture.frames();
            if (end - from >= SR / 2) {
                float[] part = capture.mono(end - SR / 2, end);
                if (Math.abs(pitch(part) - hz) < tolerance && Levels.rms(part) > 0.05) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        StringBuilder heard = new StringBuilder();
        for (long at = Math.max(from, capture.frames() - 8L * SR / 2); at + SR / 2 <= capture.frames(); at += SR / 2) {
            float[] part = capture.mono(at, at + SR / 2);
            heard.append(String.format(java.util.Locale.ROOT, " %.0f Hz/%.2f", pitch(part), Levels.rms(part)));
        }
        screenshot("failed-" + what.replaceAll("\\W+", "-"));
        throw new AssertionError("never heard " + what + " (" + hz + " Hz); the last half-seconds:" + heard
                + "; status: " + status());
    }

    static int spectrogramBand() throws Exception {
        return Windows.spectrogramBand(window);
    }

    /**
     * How long the sound took to go from its level (that of its first 100 ms) to silence: from the last 3 ms window
     * at 80 % of it or more to the first below 5 %. A cut takes a window or two; a 50 ms fade about 35 ms.
     */
    static double fadeMillis(float[] x) {
        int w = SR * 3 / 1000;
        double level = Levels.rms(java.util.Arrays.copyOf(x, SR / 10));
        int loud = -1;
        for (int i = 0; i + w <= x.length; i += w) {
            double rms = Levels.rms(java.util.Arrays.copyOfRange(x, i, i + w));
            if (rms < 0.05 * level) {
                return loud < 0 ? -1 : (i - loud) * 1000.0 / SR;
            }
            if (rms >= 0.8 * level) {
                loud = i + w;
            }
        }
        return Double.POSITIVE_INFINITY;   // it never went silent
    }

    static double pitch(float[] x) {
        return Windows.pitch(x, SR);
    }

    static <T> T onEdt(Callable<T> work) {
        return Windows.onEdt(work);
    }

    static void waitFor(String what, Duration limit, Windows.Check check) throws Exception {
        Windows.waitFor(window, what, limit, check);
    }

    static void screenshot(String name) throws Exception {
        Windows.screenshot(window, name);
    }

    /** A key with a modifier held, as fingers press it (the robot's modifier masks are the old AWT ones). */
    static void chord(int modifier, int key) {
        robot.pressKey(modifier);
        robot.pressAndReleaseKey(key);
        robot.releaseKey(modifier);
    }
}
