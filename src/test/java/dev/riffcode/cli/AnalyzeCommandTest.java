package dev.riffcode.cli;

import static dev.riffcode.cli.RenderCommandTest.riffcode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.hearing.HearingTest;
import dev.riffcode.hearing.Loudness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze} on files with known contents, and the report and {@code --loudness} of {@code render}. */
class AnalyzeCommandTest {

    @TempDir
    Path dir;

    /** A 48 kHz stereo sine of {@code hz} at {@code dbfs} peak, {@code seconds} long, as 24-bit PCM. */
    private Path sineWav(String name, double hz, double dbfs, double seconds) throws IOException {
        int rate = 48_000;
        float[] x = new float[(int) (seconds * rate)];
        double amp = Math.pow(10, dbfs / 20);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / rate));
        }
        Path wav = dir.resolve(name);
        WavWriter.writeAtomically(wav, new AudioClip(rate, new float[][] {x, x.clone()}), WavFormat.PCM_24);
        return wav;
    }

    @Test
    void jsonHasTheMeasuresOfAKnownSine() throws IOException {
        Path wav = sineWav("a.wav", 440, -20, 6);
        RenderCommandTest.Run r = riffcode("analyze", wav.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(6.0, json.get("seconds").asDouble(), 1e-6);
        assertEquals(2, json.get("channels").asInt());
        // Derived from BS.1770's 48 kHz K-weighting (about -20.7 LUFS: 440 Hz is below the shelf).
        assertEquals(HearingTest.expectedSineLufs(-20, 440, 2), json.get("integratedLufs").asDouble(), 0.1);
        assertEquals(-20.0, json.get("truePeakDbtp").asDouble(), 0.05);
        assertEquals("A", json.get("pitchClasses").get(0).asText());
        assertEquals(1, json.get("pitchClasses").size(), r.out());
        assertEquals(440, json.get("centroidHz").asDouble(), 22);
        assertEquals(0.0, json.get("stereoWidth").asDouble(), 1e-6);
    }

    @Test
    void textReportNamesEachMeasure() throws IOException {
        Path wav = sineWav("b.wav", 1000, -20, 3);
        RenderCommandTest.Run r = riffcode("analyze", wav.toString());
        assertEquals(0, r.code(), r.err());
        for (String label : new String[] {"length", "tempo", "notes", "loudness", "brightness", "stereo", "onsets",
            "silences"}) {
            assertTrue(r.out().contains("\n  " + label), label + " missing in:\n" + r.out());
        }
        assertTrue(r.out().contains("LUFS integrated"), r.out());
    }

    @Test
    void aMissingOrBrokenFileIsExitOneWithTheReason() throws IOException {
        RenderCommandTest.Run missing = riffcode("analyze", dir.resolve("nope.wav").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file: "), missing.err());
        Path broken = dir.resolve("broken.wav");
        Files.writeString(broken, "not a wav");
        RenderCommandTest.Run bad = riffcode("analyze", broken.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("cannot read " + broken), bad.err());
        assertEquals(2, riffcode("analyze").code(), "no file is a usage error");
    }

    @Test
    void renderReportsWhatItHeardAndMeetsALoudnessTarget() throws IOException {
        Path script = dir.resolve("tune.py");
        Files.writeString(script, "use_bpm(120)\nfor n in [57, 60, 64, 57, 60, 64, 57, 60]:\n"
                + "    play(n, synth='tri', amp=0.3, sustain=0.3, release=0.1)\n    sleep(0.5)\n");
        Path plain = dir.resolve("plain.wav");
        RenderCommandTest.Run r = riffcode("render", script.toString(), "-o", plain.toString(), "--no-service");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Heard:") && r.err().contains("notes       C E A"), r.err());
        Path loud = dir.resolve("loud.wav");
        r = riffcode("render", script.toString(), "-o", loud.toString(), "--loudness", "-14", "--no-service");
        assertEquals(0, r.code(), r.err());
        AudioClip clip = WavReader.read(loud);
        assertEquals(-14, Loudness.integrated(clip), 0.15, "the file's loudness");
        assertTrue(Levels.peakDbfs(clip) <= -0.3 + 0.01, "peak " + Levels.peakDbfs(clip) + " dBFS");
        assertTrue(Loudness.integrated(WavReader.read(plain)) < -16, "the plain render is quieter than the target");
        assertTrue(r.err().contains("→ -14.0 LUFS"), r.err());
        RenderCommandTest.Run quiet = riffcode("render", script.toString(), "-o", dir.resolve("q.wav").toString(),
                "--no-report", "--no-service");
        assertFalse(quiet.err().contains("Heard:"), quiet.err());
        RenderCommandTest.Run wrong = riffcode("render", script.toString(), "-o", dir.resolve("w.wav").toString(),
                "--loudness", "5");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("--loudness must be between -70 and 0 LUFS, got 5.0"), wrong.err());
    }
}
