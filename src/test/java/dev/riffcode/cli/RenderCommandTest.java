package dev.riffcode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.Yin;
import dev.riffcode.testing.StemSum;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The render command as a user meets it: exit codes, messages, files. */
class RenderCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run riffcode(String... args) {
        return riffcode(CommandLine.defaultFactory(), args);
    }

    /** A command line whose subcommands {@code factory} makes (e.g. render with a worker already started). */
    static Run riffcode(CommandLine.IFactory factory, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(factory, args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void rendersAScriptToAWavFile() throws IOException {
        Path script = dir.resolve("tune.py");
        Files.writeString(script, "print('hello from the script')\nplay('A4', sustain=1, synth='tri')\n");
        Path wav = dir.resolve("tune.wav");
        Run r = riffcode("render", script.toString(), "-o", wav.toString(), "--rate", "48000", "--bits", "24");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hello from the script"), "the script's prints reach stdout: " + r.out());
        assertTrue(r.err().contains("wrote " + wav), r.err());
        AudioClip clip = WavReader.read(wav);
        assertEquals(48_000, clip.sampleRate());
        assertEquals(440, new Yin(48_000).detect(clip.toMono(), 9600, 4096).frequency(), 2);
    }

    @Test
    void aFailingScriptExitsOneWithFileLineKindMessageAndWritesNothing() throws IOException {
        Path script = dir.resolve("bad.py");
        Files.writeString(script, "play(60)\nsleep(1)\nplay(60, pan=3)\n");
        Path wav = dir.resolve("bad.wav");
        Run r = riffcode("render", script.toString(), "-o", wav.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad.py:3: ValueError: play(): pan must be between -1 and 1, got 3"), r.err());
        assertFalse(Files.exists(wav), "nothing is written on failure");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp files either");
        }
    }

    @Test
    void aWrongCommandLineExitsTwoAndSaysWhatIsAllowed() throws IOException {
        Path script = dir.resolve("ok.py");
        Files.writeString(script, "play(60)\n");
        String out = dir.resolve("x.wav").toString();
        Run rate = riffcode("render", script.toString(), "-o", out, "--rate", "22050");
        assertEquals(2, rate.code());
        assertTrue(rate.err().contains("--rate must be 44100 or 48000"), rate.err());
        Run bits = riffcode("render", script.toString(), "-o", out, "--bits", "8");
        assertEquals(2, bits.code());
        assertTrue(bits.err().contains("16, 24 or 32f"), bits.err());
        Run missing = riffcode("render", dir.resolve("nope.py").toString(), "-o", out);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such script"), missing.err());
        assertEquals(2, riffcode("render", script.toString()).code(), "-o is required");
        assertEquals(2, riffcode("frobnicate").code());
    }

    @Test
    void helpTeaches() {
        Run top = riffcode("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("render") && top.out().contains("Start here"), top.out());
        Run render = riffcode("help", "render");
        assertTrue(render.out().contains("--seconds") && render.out().contains("Examples"), render.out());
    }

    /** A live loop of kicks under a held A4: two parts. */
    static final String DUO = "use_bpm(120)\n@live_loop\ndef beat():\n    sample('bd_haus')\n    sleep(1)\n"
            + "play('A4', synth='tri', sustain=2)\nsleep(4)\n";

    @Test
    void stemsGoBesideTheMixOnePerPartAndAddUpToIt() throws IOException {
        Path script = dir.resolve("duo.py");
        Files.writeString(script, DUO);
        Path wav = dir.resolve("duo.wav");
        Path stems = dir.resolve("duo-stems");
        Run r = riffcode("render", script.toString(), "-o", wav.toString(), "--stems", stems.toString(), "--bits", "24",
                "--seconds", "4", "--no-report");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("wrote stem " + stems.resolve("beat.wav") + " (part beat)"), r.err());
        AudioClip main = WavReader.read(stems.resolve("main.wav"));
        AudioClip beat = WavReader.read(stems.resolve("beat.wav"));
        assertEquals(440, new Yin(44_100).detect(main.toMono(), 22_050, 4096).frequency(), 2, "the tune's stem");
        assertTrue(new Yin(44_100).detect(beat.toMono(), 22_050, 4096).frequency() < 200, "the kick's stem is low");
        double db = StemSum.residualDb(WavReader.read(wav), List.of(main, beat));
        assertTrue(db < -60, "24-bit stems against the 24-bit mix: " + db + " dB");
    }

    @Test
    void stemsAndMidiRefuseWhatTheyCannotDoBeforeRendering() throws IOException {
        Path script = dir.resolve("duo.py");
        Files.writeString(script, DUO);
        Run loud = riffcode("render", script.toString(), "-o", dir.resolve("a.wav").toString(), "--stems",
                dir.resolve("s").toString(), "--loudness", "-14");
        assertEquals(2, loud.code());
        assertTrue(loud.err().contains("--stems does not combine with --loudness"), loud.err());
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Run onFile = riffcode("render", script.toString(), "-o", dir.resolve("a.wav").toString(), "--stems",
                file.toString());
        assertEquals(2, onFile.code());
        assertTrue(onFile.err().contains("is a file; give a folder"), onFile.err());
        Run noFolder = riffcode("render", script.toString(), "-o", dir.resolve("a.wav").toString(), "--midi",
                dir.resolve("nowhere/a.mid").toString());
        assertEquals(2, noFolder.code());
        assertTrue(noFolder.err().contains("--midi: cannot write") && noFolder.err().contains("mkdir -p"), noFolder.err());
        assertFalse(Files.exists(dir.resolve("a.wav")), "nothing was rendered");
    }
}
