package dev.riffcode.cli;

import static dev.riffcode.cli.RenderCommandTest.riffcode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Onsets;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.audio.Yin;
import dev.riffcode.cli.RenderCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --samples on the command line, and the samples command that lists and exports what scripts can play. */
class SamplesCommandTest {

    @TempDir
    Path dir;

    private Path kit() throws IOException {
        Path kit = Files.createDirectories(dir.resolve("kit"));
        float[] tone = new float[24_000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 330 * i / 48_000));
        }
        Files.createDirectories(kit.resolve("tones"));
        WavWriter.writeAtomically(kit.resolve("tones/e4.wav"), AudioClip.mono(48_000, tone), WavFormat.PCM_24);
        return kit;
    }

    @Test
    void renderPlaysAFileFromTheSampleFolder() throws IOException {
        Path kit = kit();
        Path script = dir.resolve("s.py");
        Files.writeString(script, "use_bpm(120)\nfor i in range(4):\n    sample('tones/e4', rate=2)\n    sleep(1)\n");
        Path wav = dir.resolve("s.wav");
        Run r = riffcode("render", script.toString(), "-o", wav.toString(), "--samples", kit.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("4 samples"), r.err());
        AudioClip clip = WavReader.read(wav);
        assertEquals(660, new Yin(44_100).detect(clip.toMono(), 2000, 4096).frequency(), 2);
        double[] onsets = Onsets.detect(clip);
        assertEquals(4, onsets.length, Arrays.toString(onsets));
        assertEquals(1.5, onsets[3], 0.008);
        float[] mono = clip.toMono();
        int last = mono.length - 1;
        while (Math.abs(mono[last]) < 0.01) {
            last--;
        }
        assertEquals(1.75, last / 44_100.0, 0.005, "the last sample sounds its quarter second");
    }

    @Test
    void aMissingSampleFolderIsAWrongCommandLine() throws IOException {
        Path script = dir.resolve("s.py");
        Files.writeString(script, "play(60)\n");
        Run r = riffcode("render", script.toString(), "-o", dir.resolve("s.wav").toString(), "--samples",
                dir.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--samples " + dir.resolve("nope") + ": no such folder"), r.err());
        assertFalse(Files.exists(dir.resolve("s.wav")));
    }

    @Test
    void samplesListsTheBuiltInOnesAndTheFolderAndTheRefusedLinks() throws IOException {
        Path kit = kit();
        Path secret = Files.writeString(dir.resolve("secret.wav"), "x");
        Files.createSymbolicLink(kit.resolve("leak.wav"), secret);
        Run r = riffcode("samples", "--samples", kit.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("builtin/bell_c4"), r.out());
        assertTrue(r.out().contains(kit + ":\n  tones/e4"), r.out());
        assertTrue(r.out().contains("leak.wav") && r.out().contains("refused: it leads to " + secret.toRealPath()),
                r.out());
        Run filtered = riffcode("samples", "--samples", kit.toString(), "BELL");
        assertTrue(filtered.out().contains("builtin/bell_c4") && !filtered.out().contains("builtin/kick"),
                filtered.out());
        assertTrue(filtered.out().contains("(none with 'BELL')"), filtered.out());
    }

    @Test
    void theBuiltInSamplesCanBeExportedAndSoundAsDescribed() throws IOException {
        Path out = dir.resolve("wavs");
        Run r = riffcode("samples", "--export", out.toString());
        assertEquals(0, r.code(), r.err());
        AudioClip bell = WavReader.read(out.resolve("bell_c4.wav"));
        assertEquals(261.63, new Yin(44_100).detect(bell.toMono(), 4410, 4096).frequency(), 0.5);
        AudioClip loop = WavReader.read(out.resolve("loop_beat.wav"));
        assertEquals(2.0, loop.durationSeconds(), 1e-9);
        double[] onsets = Onsets.detect(loop);
        assertEquals(8, onsets.length, "eighth notes: " + Arrays.toString(onsets));
        for (int i = 0; i < 8; i++) {
            assertEquals(i * 0.25, onsets[i], 0.008);
        }
        for (String name : new String[] {"kick", "snare", "hat", "clap", "bell_c4", "loop_beat"}) {
            AudioClip x = WavReader.read(out.resolve(name + ".wav"));
            double peak = dev.riffcode.audio.Levels.peakDbfs(x);
            assertEquals(-1.0, peak, 0.1, name + " peaks at -1 dBFS");
        }
    }
}
