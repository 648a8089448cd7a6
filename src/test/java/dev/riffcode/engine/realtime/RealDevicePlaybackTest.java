package dev.riffcode.engine.realtime;

import static dev.riffcode.engine.realtime.Sound.LSB;
import static dev.riffcode.engine.realtime.Sound.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.Yin;
import dev.riffcode.engine.MasterSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight seconds of a 440 Hz sine through the whole real path: the live renderer on the audio thread, the master
 * section, JavaSound's default line, ALSA's pulse plugin, a PulseAudio null sink, recorded from the sink's monitor
 * by parec. The player also records what it plays (as {@code --record} does), and ends with a fade out. The tests
 * listen to what the sink received.
 */
class RealDevicePlaybackTest {

    /** Generous, so that a busy machine does not make the test flaky: the path, not the latency, is under test. */
    private static final int BUFFER_MILLIS = 200;
    private static final double PLAY_SECONDS = 8;
    private static final double FADE_SECONDS = 0.3;

    private static PulseSink sink;
    private static Map<String, String> said;
    private static float[][] heard;
    private static float[][] recorded;
    private static int lag;

    @BeforeAll
    static void playIntoTheSink(@TempDir Path dir) throws Exception {
        sink = PulseSink.start();
        Path wav = dir.resolve("record.wav");
        PulseSink.Recording parec = sink.record(dir.resolve("sink.raw"));
        Path log = dir.resolve("player.log");
        // Without escape analysis, so that the allocation check does not depend on what the JIT inlined.
        ChildJvm player = ChildJvm.start(List.of("-XX:-DoEscapeAnalysis"), LivePlayer.class, sink.clientEnv(), log,
                wav.toString(),
                String.valueOf(PLAY_SECONDS), String.valueOf(BUFFER_MILLIS), String.valueOf(FADE_SECONDS));
        said = player.finish(60);
        Thread.sleep(300); // what the sink got last reaches parec
        heard = parec.stop();
        assertTrue(said.containsKey("done"), "the player failed: " + said + "\n" + Files.readString(log));
        AudioClip clip = WavReader.read(wav);
        assertTrue(clip.channelCount() == 2 && clip.sampleRate() == SR, "a stereo 44.1 kHz recording");
        recorded = clip.channels();
        lag = Sound.align(recorded[0], heard[0]);
        System.out.printf("device %s, buffer %s frames; in it when the fade began: %s frames; fadeOutAndStop(%.1f)"
                + " took %s ms; load %s (max %s); underruns %s (%s by 3 s)%n", said.get("device"), said.get("buffer"),
                said.get("latency"), FADE_SECONDS, said.get("fadeMillis"), said.get("load"), said.get("maxLoad"),
                said.get("underruns"), said.get("underrunsAt3s"));
    }

    @AfterAll
    static void stopTheServer() {
        if (sink != null) {
            sink.close();
        }
    }

    private static long fadeFrame() {
        return Long.parseLong(said.get("fadeFrame"));
    }

    @Test
    void theSinkHearsA440HzSine() {
        int from = lag + (int) LivePlayer.ONSET + SR;
        assertEquals(440, new Yin(SR).detect(heard[0], from, 8192).frequency(), 0.5, "pitch heard");
    }

    @Test
    void theSineNeverDropsOut() {
        int from = lag + (int) LivePlayer.ONSET + SR / 20;
        int to = lag + (int) fadeFrame();
        assertTrue(to - from > 7 * SR, "the sink heard the whole 8 s: " + (to - from) + " frames");
        double level = Sound.rms(heard[0], from, to - from);
        double quietest = Sound.quietestWindow(heard[0], from, to, SR / 100);
        assertTrue(quietest > 0.8 * level, "no gap: the quietest 10 ms has RMS " + quietest + " of " + level);
        double step = Sound.largestStep(heard[0], from, to);
        double own = Sound.sineStep(440, Sound.peak(heard[0], from, to - from));
        assertTrue(step <= own, "no discontinuity: largest step " + step + ", the sine's own " + own);
        assertEquals("0", said.get("renderErrors"), "render errors");
        assertEquals("0", said.get("underruns"), "underruns counted");
    }

    @Test
    void theLevelOfEachChannelIsWhatTheEngineRendered() {
        int from = (int) LivePlayer.ONSET + SR;
        int n = 5 * SR;
        float[][] expected = Sound.offline(Sound.sine(LivePlayer.SETTINGS, LivePlayer.ONSET, 3600, LivePlayer.AMP,
                LivePlayer.PAN), LivePlayer.SETTINGS, from + n);
        for (int ch = 0; ch < 2; ch++) {
            double heardDb = 20 * Math.log10(Sound.rms(heard[ch], from + lag, n));
            double renderedDb = 20 * Math.log10(Sound.rms(expected[ch], from, n));
            assertEquals(renderedDb, heardDb, 0.05, "channel " + ch + ": level heard vs rendered (dBFS)");
        }
    }

    @Test
    void theRecordingIsWhatTheSinkReceived() {
        int frames = recorded[0].length;
        assertTrue(frames >= fadeFrame(), "the recording holds all that was played: " + frames + " of "
                + fadeFrame());
        assertTrue(lag + frames <= heard[0].length, "the sink heard the recording's whole length");
        for (int ch = 0; ch < 2; ch++) {
            int diff = Sound.firstDifference(recorded[ch], heard[ch], lag, frames, LSB * 1.01);
            assertEquals(-1, diff, "channel " + ch + ": the recording differs from the sink at frame " + diff);
        }
        assertEquals("0", said.get("overruns"), "recorder overruns");
    }

    @Test
    void theFadeOutIsSmoothEndsInSilenceAndReturnsInTime() {
        int fadeStart = lag + (int) fadeFrame();
        int fadeEnd = fadeStart + LivePlayer.SETTINGS.blockSize() + (int) (FADE_SECONDS * SR)
                + new MasterSection(SR).latencyFrames();
        assertTrue(heard[0].length > fadeEnd + SR / 20 + SR / 10, "the sink heard the fade to its end");
        double steady = Sound.rms(heard[0], fadeStart - SR, SR);
        assertTrue(Sound.rms(heard[0], fadeStart, SR / 50) > 0.8 * steady, "still sounding as the fade begins");
        double own = Sound.sineStep(440, Sound.peak(heard[0], fadeStart - SR, SR));
        double step = Sound.largestStep(heard[0], fadeStart - SR, fadeEnd + SR / 10);
        assertTrue(step <= own, "no click: largest step " + step + ", the sine's own " + own);
        // From 50 ms after the fade's end as aligned at the start: over 8 s the sink's own timing may drift a few ms
        // from that alignment (a fresh-clone run heard the tail of the fade, 0.02, right at the predicted end).
        double after = Sound.peak(heard[0], fadeEnd + SR / 20, SR / 10);
        assertTrue(after <= 2 * LSB, "silent after the fade: peak " + after);
        long millis = Long.parseLong(said.get("fadeMillis"));
        double bound = FADE_SECONDS * 1000 + Integer.parseInt(said.get("latency")) * 1000.0 / SR + 300;
        assertTrue(millis <= bound, "fadeOutAndStop returned in " + millis + " ms, allowed " + bound);
        assertTrue(millis >= FADE_SECONDS * 1000 * 0.9, "it waited for the fade: " + millis + " ms");
        assertFalse(Boolean.parseBoolean(said.get("running")), "the audio thread stopped");
    }

    @Test
    void theAudioThreadAllocatedNothingWhilePlaying() {
        Assumptions.assumeTrue(said.containsKey("allocated") && !said.get("allocated").startsWith("-"),
                "no per-thread allocation counter");
        // Fewer bytes than blocks: no object per block (see AudioLoopAllocationTest).
        long blocks = 4L * SR / LivePlayer.SETTINGS.blockSize();
        assertTrue(Long.parseLong(said.get("allocated")) < blocks,
                "bytes the audio thread allocated from 3 s to 7 s of playing: " + said.get("allocated"));
    }
}
