package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.engine.realtime.AudioDeviceException;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 loses nothing typed: the editor runs in a process of its own, real key presses type into its window, the
 * process is killed a second after the last key, and the next window for the same script has the text back.
 */
class AutosaveAfterKillTest {

    @TempDir
    Path dir;

    @Test
    void textTypedBeforeAKillIsBackInTheNextWindow() throws Exception {
        Displays.requireOrSkip();
        Path script = dir.resolve("beat.py");
        Files.writeString(script, "use_bpm(100)\n");
        Path state = dir.resolve("state");
        ProcessBuilder launch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Driffcode.sessions=" + dir.resolve("sessions"),
                EditorProcess.class.getName(), script.toString());
        launch.environment().put("XDG_STATE_HOME", state.toString());
        launch.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        launch.redirectErrorStream(true);
        Process editor = launch.start();
        try {
            int[] at = ready(editor);
            Robot keys = new Robot();
            keys.setAutoDelay(15);
            keys.mouseMove(at[0] + 300, at[1] + 80);   // below the first line: the caret goes to the end
            keys.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            keys.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            keys.delay(300);
            type(keys, "kept = 42");
            keys.delay(1000);   // typing pauses: the autosave's moment (300 ms after the last key)
        } finally {
            List<ProcessHandle> workers = editor.descendants().toList();
            editor.destroyForcibly();   // SIGKILL: no shutdown hook, no window closing
            workers.forEach(ProcessHandle::destroyForcibly);
            editor.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(137, editor.exitValue(), "killed by SIGKILL");
        assertEquals("use_bpm(100)\n", Files.readString(script), "the script itself is written only by Save");

        EditorContext again = new EditorContext(Map.of("DISPLAY", System.getenv().getOrDefault("DISPLAY", "")),
                dir.resolve("config.json"), dir.resolve("sessions"), state.resolve("riffcode"), rate -> {
                    throw new AudioDeviceException("not needed here");
                }, List.of());
        MainWindow window = EditorApp.open(again, script);
        try {
            assertEquals("use_bpm(100)\nkept = 42", Windows.onEdt(() -> window.editor.text()));
            String status = Windows.onEdt(() -> window.status.text());
            assertTrue(status.startsWith("Brought back the text you had not saved"), status);
        } finally {
            Windows.onEdt(() -> {
                window.quit();
                return null;
            });
        }
    }

    /** Waits (60 s at most) for the editor process to say where its editor is on the screen. */
    private static int[] ready(Process editor) throws Exception {
        CompletableFuture<int[]> ready = CompletableFuture.supplyAsync(() -> {
            StringBuilder said = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(editor.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("ready ")) {
                        String[] xy = line.split(" ");
                        return new int[] {Integer.parseInt(xy[1]), Integer.parseInt(xy[2])};
                    }
                    said.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                said.append(e);
            }
            throw new IllegalStateException("the editor process ended before its window was up:\n" + said);
        });
        return ready.get(60, TimeUnit.SECONDS);
    }

    private static void type(Robot keys, String text) {
        for (char c : text.toCharArray()) {
            int code = c == '=' ? KeyEvent.VK_EQUALS : KeyEvent.getExtendedKeyCodeForChar(c);
            keys.keyPress(code);
            keys.keyRelease(code);
        }
    }
}
