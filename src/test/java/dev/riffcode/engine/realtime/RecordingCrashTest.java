package dev.riffcode.engine.realtime;

import static dev.riffcode.engine.realtime.Sound.LSB;
import static dev.riffcode.engine.realtime.Sound.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A player recording what it plays is killed with {@code kill -9} mid-play: its WAV must still open, hold what was
 * played up to shortly before the kill (at most half a second is lost, allowing for a busy machine), and be exactly
 * what the sound card (a PulseAudio null sink) received.
 */
class RecordingCrashTest {

    @Test
    void aKilledPlayerLeavesAReadableRecordingOfWhatWasHeard(@TempDir Path dir) throws Exception {
        try (PulseSink sink = PulseSink.start()) {
            Path wav = dir.resolve("killed.wav");
            Path log = dir.resolve("player.log");
            PulseSink.Recording parec = sink.record(dir.resolve("sink.raw"));
            ChildJvm player = ChildJvm.start(LivePlayer.class, sink.clientEnv(), log, wav.toString(), "0", "100",
                    "0.3");
            long played = 0;
            String[] line;
            while (played < 3L * SR && (line = player.next()) != null) {
                if (line[0].equals("frames")) {
                    played = Long.parseLong(line[1]);
                }
            }
            player.kill();
            Thread.sleep(300);
            float[][] heard = parec.stop();
            assertTrue(played >= 3L * SR, "the player played 3 s before the kill: " + played + " frames\n"
                    + Files.readString(log));

            AudioClip clip = WavReader.read(wav); // throws if the file is not a readable WAV
            int frames = clip.frames();
            assertTrue(frames >= played - 0.5 * SR, "the recording holds up to half a second before the kill: "
                    + frames + " frames, " + played + " played");
            assertTrue(frames <= played + 0.2 * SR, "and no more than was played: " + frames + " of " + played);

            float[][] recorded = clip.channels();
            int lag = Sound.align(recorded[0], heard[0]);
            // The sink heard the player until the kill cut its stream off, dropping what the device buffer held.
            int heardUntil = lastSound(heard[0]) + 1 - lag;
            assertTrue(heardUntil >= frames - 0.3 * SR, "the sink heard what was recorded up to the device buffer: "
                    + heardUntil + " of " + frames + " frames");
            int overlap = Math.min(frames, heardUntil);
            for (int ch = 0; ch < 2; ch++) {
                int diff = Sound.firstDifference(recorded[ch], heard[ch], lag, overlap, LSB * 1.01);
                assertEquals(-1, diff, "channel " + ch + ": the recording differs from the sink at frame " + diff);
            }
        }
    }

    private static int lastSound(float[] x) {
        int i = x.length - 1;
        while (i > 0 && Math.abs(x[i]) < 0.01) {
            i--;
        }
        return i;
    }
}
