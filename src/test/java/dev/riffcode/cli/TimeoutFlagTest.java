package dev.riffcode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.cli.RenderCommandTest.Run;
import dev.riffcode.runtime.ScriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The wall-time bound as the command line sets it: {@code --timeout S}, 10 s when not given. */
class TimeoutFlagTest {

    @TempDir
    Path dir;

    @Test
    void aLoopThatNeverEndsIsStoppedAtTheTimeoutTheUserGave() throws Exception {
        Path script = dir.resolve("spin.py");
        Files.writeString(script, "play(60)\nwhile True:\n    pass\n");
        Path wav = dir.resolve("spin.wav");
        // The worker is started before the clock runs, so the time measured is the script's, not the JVM's start.
        ScriptRunner warm = new ScriptRunner();
        warm.warmUp();
        CommandLine.IFactory withWarmWorker = RenderCommand.factoryWith(() -> new RenderCommand(() -> warm));
        long t0 = System.nanoTime();
        Run r = RenderCommandTest.riffcode(withWarmWorker, "render", script.toString(), "-o", wav.toString(), "--timeout", "1");
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertEquals(1, r.code(), r.err());
        assertTrue(seconds >= 1.0, "stopped after " + seconds + " s, before the 1 s bound");
        // Slack for a loaded machine; a bound read ten times too long would take 10 s.
        assertTrue(seconds < 1.0 + 3.0, "stopped after " + seconds + " s; the bound is 1 s");
        assertTrue(r.err().contains("spin.py: Timeout: the script ran longer than 1.0 s and was stopped"), r.err());
        assertFalse(Files.exists(wav), "nothing is written when the script is stopped");
    }

    @Test
    void withoutTheFlagTheBoundIsTenSeconds() {
        assertEquals(10_000, parsedTimeoutMillis(), "default --timeout");
        assertEquals(2_500, parsedTimeoutMillis("--timeout", "2.5"));
    }

    /** The bound render would hand the runner for these flags (nothing runs). */
    private static long parsedTimeoutMillis(String... flags) {
        RenderCommand render = new RenderCommand();
        CommandLine cli = new CommandLine(render);
        String[] args = new String[flags.length + 3];
        args[0] = "tune.py";
        args[1] = "-o";
        args[2] = "tune.wav";
        System.arraycopy(flags, 0, args, 3, flags.length);
        cli.parseArgs(args);
        return render.render.options(cli.getCommandSpec()).timeoutMillis();
    }
}
