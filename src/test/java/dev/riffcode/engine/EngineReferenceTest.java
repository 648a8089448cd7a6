package dev.riffcode.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.engine.dsp.ReferenceSafetyLimiter;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.score.Score;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import dev.riffcode.testing.Difference;
import dev.riffcode.testing.SharedRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Speed must never change the sound: every teaching example and the peer benchmark's patches P1-P3 are
 * rendered by the engine as it is and by the straightforward implementation it replaced (kept in src/test:
 * {@link ReferenceSafetyLimiter}, driven by the plain render loop below), and compared sample by sample.
 * The difference's energy must stay 90 dB below the signal's, in each channel. The render on one thread and
 * the one rendered ahead on a second thread must be identical.
 */
class EngineReferenceTest {

    static final double MAX_DIFFERENCE_DB = -90;
    private static final RenderSettings SETTINGS = RenderSettings.of(44_100);

    @TestFactory
    Stream<DynamicTest> theFastEngineSoundsLikeTheReference() throws IOException {
        List<Path> scripts;
        try (Stream<Path> examples = Files.list(Path.of("templates/examples"))) {
            scripts = Stream.concat(examples.filter(p -> p.toString().endsWith(".py")).sorted(),
                    Stream.of("p1", "p2", "p3").map(p -> Path.of("bench/peers/riffcode/" + p + ".py"))).toList();
        }
        assertTrue(scripts.size() >= 18, "examples and P1-P3 expected, found " + scripts);
        Studio studio = new Studio(SharedRunner.get(), new PipesBackend());
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> compare(studio, p)));
    }

    private static void compare(Studio studio, Path script) throws IOException {
        String name = script.getFileName().toString();
        RenderOptions options = RenderOptions.defaults().withTimeoutMillis(60_000);
        RunResult run = studio.run(name, Files.readString(script), options);
        assertTrue(run.ok(), () -> name + " failed: " + run.error().format());
        float[][] fast = new OfflineRender(new PipesBackend(), SETTINGS, options.samples())
                .toArrays(run.score(), OptionalDouble.empty());
        // Rendering ahead on a second thread must not change a single sample, nor where a render ends.
        float[][] oneThread = new OfflineRender(new PipesBackend(), SETTINGS, options.samples()).oneThread()
                .toArrays(run.score(), OptionalDouble.empty());
        assertArrayEquals(oneThread[0], fast[0], name + ": rendered ahead on a second thread, left");
        assertArrayEquals(oneThread[1], fast[1], name + ": rendered ahead on a second thread, right");
        float[][] reference = reference(run.score(), options.samples(), fast[0].length);
        for (int ch = 0; ch < 2; ch++) {
            double db = Difference.db(fast[ch], reference[ch]);
            assertTrue(db < MAX_DIFFERENCE_DB, String.format("%s channel %d differs from the reference by %.1f dB "
                    + "(difference energy relative to the signal's; the limit is %.0f dB)", name, ch, db, MAX_DIFFERENCE_DB));
        }
    }

    /**
     * The reference render: the score's voices and graph through the old per-sample limiter, the look-ahead
     * delay dropped from the start, {@code frames} long.
     */
    static float[][] reference(Score score, SampleSource samples, int frames) {
        float[][] out = {new float[frames], new float[frames]};
        int[] written = {0};
        reference(score, samples, frames, (left, right, n) -> {
            System.arraycopy(left, 0, out[0], written[0], n);
            System.arraycopy(right, 0, out[1], written[0], n);
            written[0] += n;
        });
        return out;
    }

    /** The reference render into a sink (also timed by EngineSpeed, as the engine before it was made faster). */
    static void reference(Score score, SampleSource samples, long frames, OfflineRender.BlockSink sink) {
        ScoreRenderer renderer = new PipesBackend().open(score, SETTINGS, samples);
        ReferenceSafetyLimiter limiter = new ReferenceSafetyLimiter(SETTINGS.sampleRate());
        int block = SETTINGS.blockSize();
        float[] left = new float[block];
        float[] right = new float[block];
        int skip = limiter.latencySamples();
        long written = 0;
        while (written < frames) {
            renderer.render(left, right);
            limiter.process(left, right, 0, block);
            int from = Math.min(skip, block);
            skip -= from;
            int n = (int) Math.min(block - from, frames - written);
            if (from > 0) {
                System.arraycopy(left, from, left, 0, n);
                System.arraycopy(right, from, right, 0, n);
            }
            try {
                sink.accept(left, right, n);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            written += n;
        }
    }
}
