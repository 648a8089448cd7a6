package dev.riffcode.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sound server goes away while {@code ./riffcode live} plays into it (a PulseAudio restart, a crash). JavaSound
 * then takes nothing and returns at once, so a player that kept writing would spin a core forever in silence. It
 * must instead say that the sound stopped and why, keep the session, and end with exit code 1.
 */
class SoundServerGoneTest {

    @Test
    void livePlaySaysTheSoundStoppedAndEndsWhenTheServerGoesAway(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("drone.py"),
                "out(SineOscillator(frequency=330, amplitude=0.2))\n");
        Path err = dir.resolve("err.txt");
        Process live;
        try (PulseSink sink = PulseSink.start()) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-Dpolyglot.engine.WarnInterpreterOnly=false",
                    "-Driffcode.sessions=" + dir.resolve("sessions"), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "live", script.toString());
            pb.environment().putAll(sink.clientEnv());
            live = pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.readString(err).contains("version 1 plays")) {
                    assertTrue(live.isAlive() && System.nanoTime() < deadline, "version 1 played:\n"
                            + Files.readString(err));
                    Thread.sleep(100);
                }
                Thread.sleep(1_000);
            } catch (AssertionError | Exception e) {
                live.destroyForcibly();
                throw e;
            }
        } // the server stops here, with the player still writing into it
        long gone = System.nanoTime();
        try {
            assertTrue(live.waitFor(30, TimeUnit.SECONDS), "the player ended after its sound server went away:\n"
                    + Files.readString(err));
        } finally {
            live.destroyForcibly();
        }
        String log = Files.readString(err, StandardCharsets.UTF_8);
        Duration took = Duration.ofNanos(System.nanoTime() - gone);
        assertEquals(1, live.exitValue(), "exit code 1 (the audio output stopped):\n" + log);
        assertTrue(log.contains("the sound stopped") && log.contains("took no sound"),
                "the reason is said:\n" + log);
        assertTrue(took.toSeconds() < 15, "it ended within seconds, not after a long spin: " + took);
        try (var sessions = Files.list(dir.resolve("sessions"))) {
            assertTrue(sessions.findAny().isPresent(), "the session was kept");
        }
    }
}
