package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.Levels;
import dev.riffcode.audio.Yin;
import dev.riffcode.engine.realtime.VirtualClockOutput;
import dev.riffcode.llm.ScriptedOpenAiServer;
import dev.riffcode.session.Origin;
import dev.riffcode.session.Step;
import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JEditorPane;
import javax.swing.SwingUtilities;
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
        waitFor("the failed run", Duration.ofSeconds(30), () -> status().startsWith("Run failed at line 4"));
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
        // E5 at 0.5 steps at most 2π·659·0.5/SR ≈ 0.047 from one sample to the next; a cut would step up to 0.5.
        double step = largestStep(capture.mono(pressedAt - SR / 10, stoppedAt));
        assertTrue(step < 0.06, "a fade, not a click: largest step " + step);
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

    /**
     * How many rows of the spectrogram's newest column are bright, from the real screen: 0 for silence, a few for a
     * pure tone (the column is a few pixels inside the right edge, clear of the border).
     */
    static int spectrogramBand() throws Exception {
        Rectangle r = onEdt(() -> {
            for (Component c : window.scopes.getComponents()) {
                if (c instanceof javax.swing.JComponent j
                        && "Spectrogram".equals(j.getAccessibleContext().getAccessibleName())) {
                    java.awt.Point at = j.getLocationOnScreen();
                    return new Rectangle(at.x, at.y, j.getWidth(), j.getHeight());
                }
            }
            throw new AssertionError("no spectrogram in the scopes");
        });
        BufferedImage shot = new java.awt.Robot().createScreenCapture(r);
        int x = shot.getWidth() - 10;
        int bright = 0;
        for (int y = 8; y < shot.getHeight() - 8; y++) {
            int rgb = shot.getRGB(x, y);
            double lum = 0.2126 * (rgb >> 16 & 0xff) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff);
            bright += lum > 100 ? 1 : 0;
        }
        return bright;
    }

    static double largestStep(float[] x) {
        double max = 0;
        for (int i = 1; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - x[i - 1]));
        }
        return max;
    }

    static double pitch(float[] x) {
        Yin.Pitch p = new Yin(SR).detect(x, x.length / 4, Math.min(4096, x.length / 2));
        return p.isPeriodic() ? p.frequency() : 0;
    }

    static <T> T onEdt(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    result.set(work.call());
                } catch (Exception e) {
                    failure.set(e);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(String what, Duration limit, Check check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                screenshot("failed-" + what.replaceAll("\\W+", "-"));
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "; status: "
                        + onEdt(() -> window.status.text()));
            }
            Thread.sleep(50);
        }
    }

    /** The window as it looks now, to target/screenshots/NAME.png (a build artifact, and for the README). */
    static void screenshot(String name) throws Exception {
        Rectangle bounds = onEdt(() -> window.getBounds());
        BufferedImage image = new java.awt.Robot().createScreenCapture(bounds);
        Path out = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(out.getParent());
        ImageIO.write(image, "png", out.toFile());
    }

    /** A key with a modifier held, as fingers press it (the robot's modifier masks are the old AWT ones). */
    static void chord(int modifier, int key) {
        robot.pressKey(modifier);
        robot.pressAndReleaseKey(key);
        robot.releaseKey(modifier);
    }
}
