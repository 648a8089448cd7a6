package dev.riffcode.engine.realtime;

import static dev.riffcode.engine.realtime.Sound.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavReader;
import dev.riffcode.engine.MasterSection;
import dev.riffcode.engine.RenderSettings;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audio loop with no device: what it hands the output, the taps and the meters, and how it stops. */
class AudioLoopTest {

    private static final RenderSettings SETTINGS = new RenderSettings(SR, 256);
    private static final int BLOCK = SETTINGS.blockSize();

    /** Runs the loop until the output has {@code frames} frames (failing if it stops first), then stops it. */
    private static AudioLoop.Stats runUntil(AudioLoop loop, CaptureOutput out, int frames) throws Exception {
        loop.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (out.frames() < frames) {
            assertTrue(loop.stats().running() && System.nanoTime() < deadline, "the loop stopped after "
                    + out.frames() + " frames: " + loop.outputError());
            Thread.sleep(5);
        }
        AudioLoop.Stats stats = loop.stats();
        loop.close();
        return stats;
    }

    @Test
    void everyBlockPassesTheMasterSectionBeforeTheTapsAndTheOutput() throws Exception {
        // A sine four times too loud: the master section must hold it at its ceiling, everywhere it goes.
        CaptureOutput out = new CaptureOutput(4 * SR, false);
        CaptureOutput tapped = new CaptureOutput(4 * SR, false);
        Scope scope = new Scope(4096);
        AudioLoop loop = new AudioLoop(TestRenderers.sine(BLOCK, 220, 4), SETTINGS, out,
                (l, r, n) -> tapped.write(l, r, n), scope);
        AudioLoop.Stats stats = runUntil(loop, out, 3 * SR / 2); // the load is measured each whole second
        float ceiling = new MasterSection(SR).ceiling();
        int n = out.frames();
        assertTrue(Sound.peak(out.left, 0, n) <= ceiling, "the output never passes the ceiling");
        assertTrue(Sound.peak(out.left, SR / 10, n - SR / 10) > 0.95 * ceiling, "and is held near it");
        assertArrayEquals(Arrays.copyOf(out.left, n), Arrays.copyOf(tapped.left, n), "a tap sees what is played");
        assertArrayEquals(Arrays.copyOf(out.right, n), Arrays.copyOf(tapped.right, n));
        float[] sl = new float[4096];
        float[] sr = new float[4096];
        long end = scope.copyLatest(sl, sr);
        assertEquals(n, end, "the scope has seen every frame");
        assertArrayEquals(Arrays.copyOfRange(out.left, n - 4096, n), sl, "the scope holds the latest frames");
        assertTrue(stats.clippedBlocks() > 0, "the clip light is on");
        assertTrue(stats.peakLeft() > 0.95 * ceiling && stats.peakLeft() <= ceiling, "meter " + stats.peakLeft());
        assertTrue(stats.load() > 0 && stats.maxLoad() >= stats.load(), "load measured: " + stats);
    }

    @Test
    void aQuietSignalLightsNoClipLight() throws Exception {
        CaptureOutput out = new CaptureOutput(SR, false);
        AudioLoop.Stats stats = runUntil(new AudioLoop(TestRenderers.sine(BLOCK, 220, 0.5), SETTINGS, out), out,
                SR / 2);
        assertEquals(0, stats.clippedBlocks());
        assertEquals(0.5, stats.peakLeft(), 0.01, "meter");
    }

    @Test
    void aRendererThatThrowsGivesSilenceAndTheLoopGoesOn() throws Exception {
        CaptureOutput out = new CaptureOutput(SR, false);
        TestRenderers.Blocks sine = TestRenderers.sine(BLOCK, 220, 0.5);
        TestRenderers.Wrapper flaky = new TestRenderers.Wrapper(sine) {
            private long blocks;

            @Override
            public void render(float[] left, float[] right) {
                if (blocks++ % 10 == 3) {
                    Arrays.fill(left, 1e9f); // half-written garbage before the failure
                    throw new IllegalStateException("voice 7 broke");
                }
                sine.render(left, right);
            }
        };
        AudioLoop loop = new AudioLoop(flaky, SETTINGS, out);
        AudioLoop.Stats stats = runUntil(loop, out, SR / 2);
        assertTrue(stats.running(), "the audio thread is still alive");
        assertTrue(stats.renderErrors() >= out.frames() / BLOCK / 10 - 1, "each failure counted: " + stats);
        assertTrue(stats.lastRenderError().contains("voice 7 broke"), stats.lastRenderError());
        int latency = new MasterSection(SR).latencyFrames();
        int failed = 13 * BLOCK + latency; // block 13 failed; the master section delays it by its look-ahead
        // Silence, but for the tail of the master section's DC blocker after the sine stopped mid-swing.
        assertEquals(0, Sound.peak(out.left, failed + 4, BLOCK - 8), 0.02, "a failed block is silence");
        assertTrue(Sound.rms(out.left, failed + BLOCK + 50, BLOCK) > 0.2, "and the sound comes back after it");
    }

    @Test
    void fadeOutAndStopFadesWithoutAClickAndReturnsInTime() throws Exception {
        CaptureOutput out = new CaptureOutput(3 * SR, true);
        AudioLoop loop = new AudioLoop(Sound.sine(SETTINGS, 0, 60, 1), SETTINGS, out);
        loop.start();
        Thread.sleep(500);
        int before = out.frames();
        long t0 = System.nanoTime();
        loop.fadeOutAndStop(0.2);
        double took = (System.nanoTime() - t0) / 1e9;
        assertFalse(loop.stats().running(), "stopped");
        assertTrue(took >= 0.18 && took <= 0.2 + 0.3, "returned after the fade: " + took + " s");
        int n = out.frames();
        // The fade starts with the block after the one being played when it is asked for.
        int fade = (int) (0.2 * SR);
        int latency = new MasterSection(SR).latencyFrames();
        assertTrue(n >= before + fade + latency, "it wrote the whole fade: " + n + " frames, " + before + " before");
        assertTrue(n <= before + fade + latency + 2 * BLOCK, "and stopped after it: " + n + " frames");
        double own = Sound.sineStep(440, Sound.peak(out.left, SR / 10, before - SR / 10));
        double step = Sound.largestStep(out.left, SR / 10, n);
        assertTrue(step <= own, "no click: largest step " + step + ", the sine's own " + own);
        assertTrue(Sound.peak(out.left, n - latency, latency) < 0.01, "faded to silence by the end");
    }

    @Test
    void theRecordingIsExactlyWhatTheOutputGot(@TempDir Path dir) throws Exception {
        for (WavFormat format : new WavFormat[] {WavFormat.PCM_16, WavFormat.FLOAT_32}) {
            Path wav = dir.resolve("rec-" + format.cliName() + ".wav");
            // Paced as a device is: unpaced, the loop outruns the recorder's two-second ring (it drops, and counts).
            CaptureOutput out = new CaptureOutput(10 * SR, true);
            Recorder recorder = Recorder.start(wav, SR, format);
            AudioLoop loop = new AudioLoop(TestRenderers.sine(BLOCK, 330, 0.7), SETTINGS, out, recorder);
            runUntil(loop, out, SR);
            recorder.close();
            assertEquals(0, recorder.overruns(), format + ": no block dropped from the recording");
            AudioClip clip = WavReader.read(wav);
            int n = out.frames();
            assertEquals(n, clip.frames(), format + ": every frame played is recorded");
            float tolerance = format == WavFormat.PCM_16 ? 0.51f / 32768 : 0f;
            for (int i = 0; i < n; i++) {
                assertEquals(out.left[i], clip.channels()[0][i], tolerance, format + " left " + i);
                assertEquals(out.right[i], clip.channels()[1][i], tolerance, format + " right " + i);
            }
        }
    }
}
