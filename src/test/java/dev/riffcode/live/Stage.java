package dev.riffcode.live;

import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.runtime.LiveWorker;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.samples.SampleLibrary;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A live player on a stage for tests: a real live worker and live renderer, and an audio thread of the test's own
 * that renders in real time (no device) into memory, so what was played can be analysed frame by frame.
 */
final class Stage implements AutoCloseable {

    static final int SR = 44_100;
    static final int BLOCK = 256;

    final LiveRenderer renderer = new PipesBackend(3).openLive(new RenderSettings(SR, BLOCK));
    final Events events = new Events();
    final LivePlayer player;
    private final float[] left;
    private final float[] right;
    private volatile int written;
    private volatile boolean running = true;
    /** What ended the audio thread early, if anything: the renderer must never throw on it. */
    private volatile Throwable audioFailure;
    private final Thread audio;

    /** Everything the player told. */
    static final class Events implements LiveListener {
        final List<String> log = new CopyOnWriteArrayList<>();
        /** One list of both, so that a test reading while the player adds never sees a pass without its loop. */
        private final List<Pass> passes = new CopyOnWriteArrayList<>();
        final List<ScriptError> errors = new CopyOnWriteArrayList<>();
        final List<String> missed = new CopyOnWriteArrayList<>();
        final List<String> lateTakeOvers = new CopyOnWriteArrayList<>();

        @Override
        public void versionStarted(int version, long frame, double bpm, List<String> loops) {
            log.add("version " + version + " at " + frame + " bpm " + bpm + " loops " + loops);
        }

        @Override
        public void versionFailed(int version, ScriptError error) {
            errors.add(error);
            log.add("version " + version + " failed: " + error.format());
        }

        @Override
        public void loopPass(String loop, int version, long frame, long frames) {
            passes.add(new Pass(loop, new long[] {version, frame, frames}));
        }

        @Override
        public void passTakenBack(String loop, int version, long frame) {
            List<Pass> now = List.copyOf(passes);
            for (int i = now.size() - 1; i >= 0; i--) { // the latest such pass
                Pass p = now.get(i);
                if (p.loop().equals(loop) && p.facts()[1] == frame) {
                    passes.remove(p);
                    log.add("pass of " + loop + " at " + frame + " taken back");
                    return;
                }
            }
        }

        @Override
        public void loopFailed(String loop, int version, ScriptError error, Integer fallback) {
            errors.add(error);
            log.add("loop " + loop + " v" + version + " failed: " + error.format() + " -> " + fallback);
        }

        @Override
        public void loopMissed(String loop, long frame, int notesLeftOut) {
            missed.add(loop + "@" + frame + "(" + notesLeftOut + ")");
        }

        @Override
        public void takeOverLate(String loop, int version, long frame) {
            lateTakeOvers.add(loop + " v" + version + "@" + frame);
            log.add("take-over of " + loop + " by v" + version + " too late for the pass at " + frame);
        }

        @Override
        public void passTimed(String loop, double roundTripMillis, double workerMillis) {
            if (roundTripMillis > 100) {
                log.add("a pass of " + loop + " took " + Math.round(roundTripMillis) + " ms");
            }
        }

        @Override
        public void workerRestarting(String why) {
            log.add("worker restarting: " + why);
        }

        @Override
        public void workerRestarted(double millis) {
            log.add("worker back after " + millis + " ms");
        }

        @Override
        public void loopStopped(String loop, String why) {
            log.add("loop " + loop + " stopped: " + why);
        }

        /** The passes of one loop, in order: {version, frame, frames}. */
        List<long[]> of(String loop) {
            return passes.stream().filter(p -> p.loop().equals(loop)).map(Pass::facts).toList();
        }

        /** A pass the player told of: its loop, and {version, frame, frames}. */
        private record Pass(String loop, long[] facts) {
        }
    }

    Stage(LiveWorker worker, LiveSettings settings, double maxSeconds) {
        this(worker, settings, maxSeconds, SampleLibrary.none());
    }

    /** A stage whose scripts can play the samples of {@code samples}. */
    Stage(LiveWorker worker, LiveSettings settings, double maxSeconds, SampleLibrary samples) {
        left = new float[(int) (maxSeconds * SR)];
        right = new float[left.length];
        player = new LivePlayer(worker, renderer, settings, events, samples);
        audio = new Thread(this::renderInRealTime, "test-audio");
        audio.setUncaughtExceptionHandler((t, e) -> audioFailure = e);
        audio.setPriority(Thread.MAX_PRIORITY);
        audio.start();
    }

    private void renderInRealTime() {
        float[] l = new float[BLOCK];
        float[] r = new float[BLOCK];
        long start = System.nanoTime();
        long blockNanos = BLOCK * 1_000_000_000L / SR;
        for (long k = 0; running && written + BLOCK <= left.length; k++) {
            long due = start + k * blockNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            renderer.render(l, r);
            System.arraycopy(l, 0, left, written, BLOCK);
            System.arraycopy(r, 0, right, written, BLOCK);
            written += BLOCK;
        }
    }

    /** Waits until {@code seconds} of audio have been rendered. */
    void playUntil(double seconds) throws InterruptedException {
        while (written < Math.min(left.length / BLOCK * BLOCK, seconds * SR)) {
            if (audioFailure != null) {
                throw new AssertionError("the renderer threw on the audio thread", audioFailure);
            }
            if (!audio.isAlive()) {
                throw new AssertionError("the stage's " + left.length / SR + " s of audio ran out before " + seconds
                        + " s were played (an evaluation took longer than the test allows)");
            }
            Thread.sleep(5);
        }
    }

    double playedSeconds() {
        return written / (double) SR;
    }

    LivePlayer.Evaluation run(String code) throws Exception {
        return player.evaluate(code).get(60, TimeUnit.SECONDS);
    }

    /** Mono of what was rendered, from {@code from} to {@code to} seconds. */
    float[] mono(double from, double to) {
        int a = (int) (from * SR);
        int b = Math.min(written, (int) (to * SR));
        float[] out = new float[Math.max(0, b - a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (left[a + i] + right[a + i]) / 2;
        }
        return out;
    }

    /** Mono of frames [a, b) (counted in frames: a time in seconds can round to the frame before). */
    float[] frames(long a, long b) {
        int to = (int) Math.min(written, b);
        float[] out = new float[(int) Math.max(0, to - a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (left[(int) a + i] + right[(int) a + i]) / 2;
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        audio.join(2_000);
        player.close();
    }
}
