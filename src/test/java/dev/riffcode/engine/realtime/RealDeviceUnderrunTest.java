package dev.riffcode.engine.realtime;

import static dev.riffcode.engine.realtime.Sound.SR;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audio thread stops once for longer than the device buffer (as a long pause would stop it): the listener hears
 * a gap, and the output counts it. (That a clean run counts none is checked by {@link RealDevicePlaybackTest}.)
 *
 * <p>Only "at least one" is asserted: after an underrun, JavaSound's recovery through ALSA's pulse plugin is erratic
 * (the restarted stream sometimes swallows more audio, making a second gap), which is the device's doing.
 */
class RealDeviceUnderrunTest {

    @Test
    void aStallLongerThanTheBufferIsHeardAndCounted(@TempDir Path dir) throws Exception {
        try (PulseSink sink = PulseSink.start()) {
            Path log = dir.resolve("player.log");
            PulseSink.Recording parec = sink.record(dir.resolve("sink.raw"));
            // 100 ms of buffer, a 400 ms stall at 2 s.
            ChildJvm player = ChildJvm.start(LivePlayer.class, sink.clientEnv(), log,
                    dir.resolve("r.wav").toString(), "4", "100", "0.1", "2", "400");
            Map<String, String> said = player.finish(60);
            Thread.sleep(300);
            float[][] heard = parec.stop();
            assertTrue(said.containsKey("done"), "the player failed: " + said + "\n" + Files.readString(log));

            float[] x = heard[0];
            int onset = Sound.firstAbove(x, 0, 0.01);
            int end = onset + 3 * SR; // well before the fade
            int gaps = 0;
            boolean inGap = false;
            for (int at = onset + SR / 20; at + SR / 100 <= end; at += SR / 100) {
                boolean quiet = Sound.rms(x, at, SR / 100) < 0.01;
                if (quiet && !inGap) {
                    gaps++;
                }
                inGap = quiet;
            }
            assertTrue(gaps >= 1, "the listener hears a gap");
            assertTrue(Long.parseLong(said.get("underruns")) >= 1, "the underrun is counted: " + said.get("underruns"));
        }
    }
}
