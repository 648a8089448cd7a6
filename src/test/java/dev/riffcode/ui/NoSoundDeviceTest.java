package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.Levels;
import dev.riffcode.engine.realtime.AudioDeviceException;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor on a machine with no sound device: it says so once, Run renders the piece in memory, and the scopes go
 * through the rendered audio instead of the live sound.
 */
class NoSoundDeviceTest {

    static final String TONE = """
            use_bpm(120)
            @live_loop
            def tone():
                play(69, synth="sine", sustain=0.45, release=0.05, amp=0.5)
                sleep(0.5)
            """;

    @TempDir
    static Path dir;

    static MainWindow window;
    static Robot robot;

    @BeforeAll
    static void open() throws Exception {
        Displays.requireOrSkip();
        EditorContext context = new EditorContext(Map.of("DISPLAY", System.getenv().getOrDefault("DISPLAY", "")),
                dir.resolve("config.json"), dir.resolve("sessions"), dir.resolve("state"),
                rate -> {
                    throw new AudioDeviceException("no sound card in this test machine");
                }, List.of());
        Path script = dir.resolve("tone.py");
        Files.writeString(script, TONE);
        window = EditorApp.open(context, script);
        robot = BasicRobot.robotWithCurrentAwtHierarchy();
        Windows.waitFor(window, "the sandbox", Duration.ofSeconds(180), () -> window.playback.ready().isDone());
    }

    @AfterAll
    static void close() {
        if (robot != null) {
            robot.cleanUpWithoutDisposingWindows();
        }
        if (window != null) {
            Windows.onEdt(() -> {
                window.quit();
                return null;
            });
        }
    }

    @Test
    void runRendersAndTheScopesShowTheRenderedAudio() throws Exception {
        Windows.waitFor(window, "the no-device notice", Duration.ofSeconds(10), () -> status().startsWith(
                "No sound device (no sound card in this test machine)"));
        assertTrue(Windows.onEdt(() -> window.status.engine()).contains("no sound device"));
        assertEquals(0, Windows.spectrogramBand(window), "dark scopes before the Run");

        new FrameFixture(robot, window).textBox("code").focus();
        robot.pressKey(KeyEvent.VK_CONTROL);
        robot.pressAndReleaseKey(KeyEvent.VK_ENTER);
        robot.releaseKey(KeyEvent.VK_CONTROL);
        Windows.waitFor(window, "the render", Duration.ofSeconds(240), () -> status().startsWith(
                "No sound device: rendered"));
        float[][] audio = Windows.onEdt(() -> window.live.rendered());
        assertNotNull(audio, "the rendered audio");
        float[] middle = java.util.Arrays.copyOfRange(audio[0], Playback.RATE, 2 * Playback.RATE);
        assertEquals(440, Windows.pitch(middle, Playback.RATE), 3, "the render is the loop's A4");
        assertTrue(Levels.rms(middle) > 0.05, "and audible");
        Windows.waitFor(window, "the A4 on the spectrogram", Duration.ofSeconds(10), () -> {
            int band = Windows.spectrogramBand(window);
            return band > 0 && band < 20;
        });
        Windows.screenshot(window, "08-no-sound-device");

        Windows.onEdt(() -> window.live.stop());
        Windows.waitFor(window, "the scopes to go quiet after Stop", Duration.ofSeconds(10),
                () -> Windows.spectrogramBand(window) == 0);
    }

    static String status() {
        return Windows.onEdt(() -> window.status.text());
    }
}
