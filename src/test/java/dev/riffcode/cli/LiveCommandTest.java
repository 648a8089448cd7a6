package dev.riffcode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.Yin;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code riffcode live} as a user runs it, in a child JVM with no sound device (the PulseAudio tests cover the real
 * line): the message when there is no device, playing to a virtual clock with --record, saves that change the
 * sound, the session, and Ctrl+C.
 */
class LiveCommandTest {

    static final String A4 = "osc = SineOscillator(frequency=440, amplitude=0.3)\nout(osc)\n"
            + "@live_loop\ndef hold():\n    sleep(1)\n";

    @TempDir
    Path dir;

    private Process start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-Driffcode.sessions=" + dir.resolve("sessions"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "live"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        // No sound server reachable: the machine has no audio output, whatever runs on it.
        pb.environment().put("PULSE_SERVER", "unix:" + dir.resolve("no-such-server"));
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        return pb.start();
    }

    private String err() throws IOException {
        return Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    }

    private int finish(Process p) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("live did not stop:\n" + err());
        }
        return p.exitValue();
    }

    private void waitFor(String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!err().contains(text)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in:\n" + err());
            }
            Thread.sleep(100);
        }
    }

    private static double pitch(float[] x, int from, int to) {
        float[] part = java.util.Arrays.copyOfRange(x, from, to);
        return new Yin(44_100).detect(part, 0, 4096).frequency();
    }

    @Test
    void withNoDeviceItSaysSoAndWhatToDo() throws Exception {
        Path script = Files.writeString(dir.resolve("a.py"), A4);
        int code = finish(start(script.toString(), "--stop-after", "2"));
        assertEquals(1, code, err());
        assertTrue(err().contains("No audio output device") && err().contains("--record OUT.wav"), err());
    }

    @Test
    void aSaveChangesTheSoundAndEveryVersionIsKept() throws Exception {
        Path script = Files.writeString(dir.resolve("a.py"), A4);
        Path wav = dir.resolve("take.wav");
        Process p = start(script.toString(), "--record", wav.toString(), "--stop-after", "9");
        waitFor("version 1 plays", p);
        Thread.sleep(2_000);
        Files.writeString(script, A4 + "play(60\n");                       // a syntax error: the sound goes on
        waitFor("version 2: a.py:6: SyntaxError", p);
        Files.writeString(script, A4.replace("440", "660"));               // the same oscillator glides to 660
        waitFor("version 3 plays", p);
        assertEquals(0, finish(p), err());
        AudioClip clip = WavReader.read(wav);
        float[] mono = clip.toMono();
        int frames = mono.length;
        assertTrue(frames > 6 * 44_100, "about 9 s were recorded: " + frames);
        assertEquals(440, pitch(mono, 44_100, 2 * 44_100), 2, "version 1 played");
        assertEquals(660, pitch(mono, frames - 44_100, frames - 8_000), 3, "version 3 played at the end");
        try (Session s = new SessionStore(dir.resolve("sessions")).open("a-py")) {
            List<Step.Code> versions = s.versions();
            assertEquals(3, versions.size(), "every version, the broken one too");
            assertTrue(s.steps().stream().anyMatch(st -> st instanceof Step.Validation v && v.error() != null
                    && v.error().contains("SyntaxError")), "the error is kept with its version");
        }
    }

    @Test
    void enterPlaysTheFileAgainAndAClosedInputIsFine() throws Exception {
        Path script = Files.writeString(dir.resolve("a.py"), A4);
        Process p = start(script.toString(), "--record", dir.resolve("t.wav").toString(), "--stop-after", "8");
        waitFor("version 1 plays", p);
        p.getOutputStream().write('\n');
        p.getOutputStream().flush();
        waitFor("version 2 plays", p);
        p.getOutputStream().close();          // no more input: it plays on
        Thread.sleep(1_000);
        assertTrue(p.isAlive(), "still playing after its input closed:\n" + err());
        assertEquals(0, finish(p), err());
    }

    @Test
    void ctrlCFadesOutAndLeavesAReadableRecording() throws Exception {
        Path script = Files.writeString(dir.resolve("a.py"), A4);
        Path wav = dir.resolve("take.wav");
        Process p = start(script.toString(), "--record", wav.toString());
        waitFor("version 1 plays", p);
        Thread.sleep(2_000);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertEquals(130, finish(p), "the exit code after Ctrl+C:\n" + err());
        float[] mono = WavReader.read(wav).toMono();
        assertTrue(mono.length > 44_100, "the recording is readable and holds what played");
        // It ends in a fade of at most 50 ms: loud 60 ms before the end, silent at the end.
        int end = mono.length;
        assertTrue(peak(mono, end - (int) (0.15 * 44_100), end - (int) (0.1 * 44_100)) > 0.05, "it played to the end");
        // A linear fade of 50 ms: a quarter of the way from its end the level is down by three quarters.
        double full = peak(mono, end - (int) (0.15 * 44_100), end - (int) (0.1 * 44_100));
        double late = peak(mono, end - 550, end);
        assertTrue(late < full * 0.3, "and faded out: " + late + " at the end, " + full + " before");
        assertTrue(peak(mono, end - 32, end) < full * 0.05, "to silence: " + peak(mono, end - 32, end));
    }

    private static double peak(float[] x, int from, int to) {
        double p = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            p = Math.max(p, Math.abs(x[i]));
        }
        return p;
    }
}
