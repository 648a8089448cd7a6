package dev.riffcode.live;

import static dev.riffcode.live.Stage.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.audio.Yin;
import dev.riffcode.runtime.LiveWorker;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.samples.SampleLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live play of sample files and built-in samples, checked on what was rendered: pitch, start frames, swaps, errors. */
class LiveSamplesTest {

    static LiveWorker worker;
    @TempDir
    static Path dir;
    static SampleLibrary library;

    @BeforeAll
    static void start() throws Exception {
        int rate = 48_000;
        float[] tone = new float[rate / 4];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        WavWriter.writeAtomically(dir.resolve("tone.wav"), AudioClip.mono(rate, tone), WavFormat.PCM_16);
        Files.writeString(dir.resolve("broken.wav"), "RIFF nonsense");
        library = SampleLibrary.of(List.of(dir));
        worker = new LiveWorker();
        worker.restart();
    }

    @AfterAll
    static void stop() {
        worker.close();
    }

    private static double pitch(float[] x) {
        Yin.Pitch p = new Yin(SR).detect(x, 0, Math.min(4096, x.length));
        return p.isPeriodic() ? p.frequency() : 0;
    }

    /** Waits (at most 30 s of wall time: the machine may be busy) until {@code done} holds. */
    private static void waitFor(java.util.function.BooleanSupplier done, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what.get());
            }
            Thread.sleep(10);
        }
    }

    /** Passes of the loop by this version that have been rendered in full, and 0.2 s more. */
    private static List<long[]> played(Stage s, int version) {
        return s.events.of("hits").stream().filter(p -> p[0] == version
                && p[1] + p[2] + SR / 5 < s.playedSeconds() * SR).toList();
    }

    private static int firstSound(float[] x) {
        int i = 0;
        while (i < x.length && Math.abs(x[i]) < 1e-3f) {
            i++;
        }
        return i;
    }

    @Test
    void aLoopPlaysItsSampleOnEveryPassAndASwapChangesItsRate() throws Exception {
        try (Stage s = new Stage(worker, LiveSettings.of("live.py"), 40, library)) {
            LivePlayer.Evaluation v1 = s.run("""
                    use_bpm(120)
                    sample("builtin/bell_c4", rate=2, finish=0.25, amp=0.5)
                    sleep(1)
                    @live_loop
                    def hits():
                        sample("tone")
                        sleep(1)
                    """);
            assertTrue(v1.ok(), () -> v1.error().format());
            waitFor(() -> played(s, v1.version()).size() >= 3, () -> s.events.log.toString());
            assertEquals(523.25, pitch(s.frames(v1.startFrame() + 2000, v1.startFrame() + 8000)), 2,
                    "the top level's bell, an octave up");
            List<long[]> passes = played(s, v1.version());
            for (long[] p : passes.subList(1, 3)) {
                int onset = firstSound(s.frames(p[1] - 64, p[1] + 2048)) - 64;
                assertTrue(onset >= 0 && onset <= 3, "the sample starts on its pass's frame " + p[1] + ": " + onset);
                assertEquals(440, pitch(s.frames(p[1] + 500, p[1] + 6000)), 1.5);
            }
            LivePlayer.Evaluation v2 = s.run("""
                    use_bpm(120)
                    @live_loop
                    def hits():
                        sample("tone", rate=2, pan=-1)
                        sleep(1)
                    """);
            assertTrue(v2.ok(), () -> v2.error().format());
            waitFor(() -> played(s, v2.version()).size() >= 2, () -> s.events.log.toString());
            List<long[]> later = played(s, v2.version());
            long at = later.get(1)[1];
            assertEquals(880, pitch(s.frames(at + 300, at + 4000)), 3);
            // rate=2 halves the 0.25 s file: silence after 0.125 s.
            float[] tail = s.frames(at + SR / 8 + 200, at + SR / 4);
            assertEquals(tail.length, firstSound(tail), "the faster sample has ended");
        }
    }

    @Test
    void anUnplayableSampleIsAnErrorAtItsLineAndThePreviousVersionPlaysOn() throws Exception {
        try (Stage s = new Stage(worker, LiveSettings.of("live.py"), 40, library)) {
            LivePlayer.Evaluation v1 = s.run("use_bpm(120)\n@live_loop\ndef hits():\n    sample('tone')\n    sleep(1)\n");
            assertTrue(v1.ok());
            waitFor(() -> played(s, v1.version()).size() >= 1, () -> s.events.log.toString());
            // Decoding fails on the host, for the top level: the version is refused at the line.
            LivePlayer.Evaluation broken = s.run("use_bpm(120)\n\nsample('broken')\n");
            assertFalse(broken.ok());
            assertEquals(3, broken.error().line());
            assertTrue(broken.error().message().contains("cannot decode 'broken'"), broken.error().message());
            // A path out of the folder is refused in the sandbox.
            LivePlayer.Evaluation escape = s.run("sample('../../etc/passwd')\n");
            assertFalse(escape.ok());
            assertEquals(1, escape.error().line());
            assertTrue(escape.error().message().contains("'..' is refused"), escape.error().message());
            // A loop body with a misspelt name fails on its pass and falls back to the good body.
            LivePlayer.Evaluation typo = s.run("use_bpm(120)\n@live_loop\ndef hits():\n    sample('tome')\n"
                    + "    sleep(1)\n");
            assertTrue(typo.ok(), "the top level runs; the pass fails");
            waitFor(() -> s.events.errors.stream().anyMatch(e -> e.message().contains("tome")),
                    () -> s.events.log.toString());
            int before = played(s, v1.version()).size();
            waitFor(() -> played(s, v1.version()).size() >= before + 2, () -> s.events.log.toString());
            ScriptError passError = s.events.errors.stream().filter(e -> e.message().contains("tome")).findFirst()
                    .orElseThrow();
            assertEquals(4, passError.line());
            assertTrue(passError.message().contains("did you mean 'tone'?"), passError.message());
            List<long[]> good = played(s, v1.version());
            long last = good.get(good.size() - 1)[1];
            assertEquals(440, pitch(s.frames(last + 500, last + 6000)), 1.5, () -> "the good body plays on: "
                    + s.events.log + " passes " + s.events.of("hits").stream().map(java.util.Arrays::toString).toList()
                    + " played " + s.playedSeconds());
        }
    }
}
