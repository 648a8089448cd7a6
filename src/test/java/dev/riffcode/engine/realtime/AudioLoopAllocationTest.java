package dev.riffcode.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.NoteEvent;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One audio block (render, master section, meters, recorder and scope taps, output) allocates nothing, checked with
 * the JVM's per-thread byte counter while a thread steps the loop. It runs in a child JVM without escape analysis:
 * a short-lived object (an iterator, say) is optimised away only when the JIT happens to inline enough, so with
 * escape analysis on, the same code allocates in one run and not in the next. The real audio thread on a real
 * device is checked too, by {@link RealDevicePlaybackTest}.
 */
class AudioLoopAllocationTest {

    private static final RenderSettings SETTINGS = new RenderSettings(Sound.SR, 256);
    private static final int BLOCKS = 2000;

    @Test
    void aBlockAllocatesNothingEvenWithoutEscapeAnalysis(@TempDir Path dir) throws Exception {
        ChildJvm child = ChildJvm.start(List.of("-XX:-DoEscapeAnalysis"), AudioLoopAllocationTest.class, Map.of(),
                dir.resolve("err.log"), dir.toString());
        Map<String, String> said = child.finish(120);
        assumeTrue(!said.containsKey("unsupported"), "no per-thread allocation counter");
        assertTrue(said.containsKey("effects"), "the probe failed: " + said + Files.readString(dir.resolve("err.log")));
        // Any object made per block costs at least 16 bytes a block. Fewer bytes than blocks in all means none is:
        // what may remain is a one-off of a few dozen bytes as the JIT swaps compiled code in.
        assertTrue(Long.parseLong(said.get("filtered")) < BLOCKS,
                "bytes allocated by " + BLOCKS + " blocks of a sine into a low-pass: " + said.get("filtered"));
        assertTrue(Long.parseLong(said.get("effects")) < BLOCKS,
                "bytes allocated by " + BLOCKS + " blocks of notes through an echo and a reverb: " + said.get("effects"));
    }

    /** The child: steps two mixes and says how many bytes {@link #BLOCKS} blocks of each allocated. */
    public static void main(String[] args) throws Exception {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                && mx.isThreadAllocatedMemorySupported())) {
            System.out.println("unsupported");
            return;
        }
        Path dir = Path.of(args[0]);
        System.out.println("filtered " + bytesPerBlocks(filteredSine(), dir.resolve("f.wav")));
        System.out.println("effects " + bytesPerBlocks(notesThroughEffects(), dir.resolve("e.wav")));
    }

    /** A sine and a saw into a low-pass. */
    private static LiveRenderer filteredSine() {
        LiveRenderer r = Sound.sine(SETTINGS, 0, 600, 0.5);
        int lpf = r.addEffect(new FxBus(1, "lpf", 0, Map.of("cutoff", 1500.0)), LiveRenderer.MAIN);
        r.note(new NoteEvent(0, "saw", 48, 0.3, 0, 0.01, 0.1, 600, 0.5, 0.2, 2000, 0.2, lpf, Map.of()), 0);
        return r;
    }

    /** Forty notes through an echo into a reverb. */
    private static LiveRenderer notesThroughEffects() {
        LiveRenderer r = Sound.sine(SETTINGS, 0, 600, 0.5);
        int reverb = r.addEffect(new FxBus(1, "reverb", 0, Map.of("room", 0.7)), LiveRenderer.MAIN);
        int echo = r.addEffect(new FxBus(2, "echo", 0, Map.of("phase", 0.1)), reverb);
        for (int i = 0; i < 40; i++) {
            r.note(new NoteEvent(0, "saw", 48 + i % 24, 0.3, 0, 0.01, 0.1, 0.3, 0.5, 0.2, 2000, 0.2, echo,
                    Map.of()), i * 5000L);
        }
        return r;
    }

    private static long bytesPerBlocks(LiveRenderer renderer, Path wav) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CaptureOutput out = new CaptureOutput(0, false); // keeps nothing, waits for nothing
        try (Recorder recorder = Recorder.start(wav, Sound.SR, WavFormat.PCM_16)) {
            AudioLoop loop = new AudioLoop(renderer, SETTINGS, out, recorder, new Scope(8192));
            for (int i = 0; i < 20_000; i++) {
                loop.cycle(); // warm up so the JIT has settled
            }
            long id = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(id);
            for (int i = 0; i < BLOCKS; i++) {
                loop.cycle();
            }
            return mx.getThreadAllocatedBytes(id) - before;
        }
    }
}
