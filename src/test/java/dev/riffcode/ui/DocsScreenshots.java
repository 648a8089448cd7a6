package dev.riffcode.ui;

import dev.riffcode.engine.realtime.VirtualClockOutput;
import dev.riffcode.llm.ScriptedOpenAiServer;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two pictures of the editor, taken from the real window under Xvfb: a beat playing with a generated
 * change waiting in the preview (light), then the change taken and the history open (dark). Not part of the suite:
 * {@code xvfb-run -a mvn test -Dtest=DocsScreenshots -Driffcode.docs=true} writes docs/editor-light.png and
 * docs/editor-dark.png.
 */
@EnabledIfSystemProperty(named = "riffcode.docs", matches = "true")
class DocsScreenshots {

    static final String LEAD = """

            @live_loop
            def lead():
                for n in ["E4", "G4", "B4", "D5", "B4", "G4", "A4", "B4"]:
                    play(n, synth="pluck", release=0.4, amp=0.5)
                    sleep(0.5)
            """;

    @TempDir
    Path dir;

    @Test
    void lightThenDark() throws Exception {
        String beat = Files.readString(Path.of("templates", "examples", "11_live_loop_beat.py"));
        try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
            Path config = dir.resolve("config/riffcode/config.json");
            UserConfig.write(config, server.baseUrl(), "scripted-model", "");
            EditorContext context = new EditorContext(Map.of("DISPLAY", System.getenv().getOrDefault("DISPLAY", "")),
                    config, dir.resolve("sessions"), dir.resolve("state"), VirtualClockOutput::new, List.of());
            Path script = dir.resolve("beat.py");
            Files.writeString(script, beat);
            MainWindow window = EditorApp.open(context, script);
            Robot robot = BasicRobot.robotWithCurrentAwtHierarchy();
            FrameFixture frame = new FrameFixture(robot, window);
            try {
                Windows.onEdt(() -> {
                    window.switchTheme(Theme.LIGHT);
                    return null;
                });
                Windows.waitFor(window, "the sandbox", Duration.ofSeconds(180), () -> window.playback.ready().isDone());
                frame.textBox("code").focus();
                robot.pressKey(KeyEvent.VK_CONTROL);
                robot.pressAndReleaseKey(KeyEvent.VK_ENTER);
                robot.releaseKey(KeyEvent.VK_CONTROL);
                Windows.waitFor(window, "the beat", Duration.ofSeconds(60),
                        () -> Windows.onEdt(() -> window.status.text()).startsWith("▶ version 1"));

                server.enqueue(ScriptedOpenAiServer.Reply.chunks(("Here is the beat with a pluck lead on top.\n\n"
                        + "```python\n" + beat + LEAD + "```\n").split("(?<=\n)")));
                frame.textBox("prompt").focus();
                robot.enterText("add a pluck lead on top, in E minor");
                robot.pressKey(KeyEvent.VK_SHIFT);   // an edit of the code in the editor
                robot.pressAndReleaseKey(KeyEvent.VK_ENTER);
                robot.releaseKey(KeyEvent.VK_SHIFT);
                Windows.waitFor(window, "the new version", Duration.ofSeconds(240),
                        () -> Windows.onEdt(() -> window.preview.proposed()) != null);
                Thread.sleep(3000);   // the spectrogram fills
                shoot(window, "editor-light");

                frame.button("take").click();
                Windows.waitFor(window, "the lead", Duration.ofSeconds(60),
                        () -> Windows.onEdt(() -> window.status.text()).startsWith("▶ version 2"));
                Windows.onEdt(() -> {
                    window.switchTheme(Theme.DARK);
                    window.below.setSelectedComponent(window.history);
                    return null;
                });
                Thread.sleep(6000);
                shoot(window, "editor-dark");
            } finally {
                robot.cleanUpWithoutDisposingWindows();
                Windows.onEdt(() -> {
                    window.quit();
                    return null;
                });
            }
        }
    }

    private static void shoot(MainWindow window, String name) throws Exception {
        Windows.screenshot(window, name);
        Files.copy(Path.of("target", "screenshots", name + ".png"), Path.of("docs", name + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
