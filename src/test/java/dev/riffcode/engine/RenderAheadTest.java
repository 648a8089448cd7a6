package dev.riffcode.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.score.Score;
import dev.riffcode.score.UnitGraph;
import java.io.IOException;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OfflineRender renders the score on a second thread, ahead of the master section: a failure there must
 * reach the caller as it is, and no render leaves that thread behind, however it ends.
 */
class RenderAheadTest {

    private static final RenderSettings SETTINGS = RenderSettings.of(44_100);
    private static final Score TEN_SECONDS = new Score(List.of(), List.of(), UnitGraph.EMPTY, 10, List.of());

    /** A backend whose renderer plays a quiet constant and throws at block {@code failAt} (never when negative). */
    private static SynthBackend failingAt(int failAt) {
        return new SynthBackend() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public ScoreRenderer open(Score score, RenderSettings settings, SampleSource samples) {
                return new ScoreRenderer() {
                    private long position;

                    @Override
                    public void render(float[] left, float[] right) {
                        if (position / settings.blockSize() == failAt) {
                            throw new IllegalStateException("renderer broke at block " + failAt);
                        }
                        java.util.Arrays.fill(left, 0.1f);
                        java.util.Arrays.fill(right, 0.1f);
                        position += settings.blockSize();
                    }

                    @Override
                    public long position() {
                        return position;
                    }

                    @Override
                    public boolean scoreFinished() {
                        return false;
                    }
                };
            }

            @Override
            public ScoreRenderer openPart(Score score, RenderSettings settings, SampleSource samples, String strand) {
                return open(score, settings, samples);
            }

            @Override
            public LiveRenderer openLive(RenderSettings settings) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static boolean renderAheadThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("riffcode-render-ahead") && t.isAlive());
    }

    @Test
    @Timeout(60)
    void aFailureWhileRenderingAheadReachesTheCaller() {
        OfflineRender render = new OfflineRender(failingAt(100), SETTINGS);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> render.render(TEN_SECONDS, OptionalDouble.empty(), (l, r, n) -> { }, f -> { }));
        assertEquals("renderer broke at block 100", e.getMessage());
        assertFalse(renderAheadThreadAlive(), "the render-ahead thread outlived its render");
    }

    @Test
    @Timeout(60)
    void aSinkThatFailsStopsTheRenderAheadThread() {
        OfflineRender render = new OfflineRender(failingAt(-1), SETTINGS);
        int[] blocks = {0};
        IOException e = assertThrows(IOException.class, () -> render.render(TEN_SECONDS, OptionalDouble.empty(),
                (l, r, n) -> {
                    if (++blocks[0] == 50) {
                        throw new IOException("disk full");
                    }
                }, f -> { }));
        assertEquals("disk full", e.getMessage());
        assertFalse(renderAheadThreadAlive(), "the render-ahead thread outlived its render");
    }

    @Test
    @Timeout(60)
    void aFinishedRenderLeavesNoThreadBehind() throws IOException {
        OfflineRender.Result result = new OfflineRender(failingAt(-1), SETTINGS)
                .render(TEN_SECONDS, OptionalDouble.of(2), (l, r, n) -> { }, f -> { });
        assertEquals(2 * 44_100, result.frames());
        assertFalse(renderAheadThreadAlive(), "the render-ahead thread outlived its render");
    }

    /** As on one thread, an interrupt neither stops nor spoils a render; the caller still finds it set afterwards. */
    @Test
    @Timeout(60)
    void anInterruptedCallerStillGetsTheWholeRender() throws IOException {
        Thread.currentThread().interrupt();
        try {
            OfflineRender.Result result = new OfflineRender(failingAt(-1), SETTINGS)
                    .render(TEN_SECONDS, OptionalDouble.of(3), (l, r, n) -> { }, f -> { });
            assertEquals(3 * 44_100, result.frames());
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt was swallowed");
        } finally {
            Thread.interrupted();
        }
        assertFalse(renderAheadThreadAlive(), "the render-ahead thread outlived its render");
    }
}
