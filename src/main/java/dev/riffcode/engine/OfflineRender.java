package dev.riffcode.engine;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.score.Score;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

/**
 * Non-real-time rendering of a score: as fast as the machine allows, sample-accurate, through
 * the {@link MasterSection}. The look-ahead latency is compensated so that a note scheduled at
 * t = 1 s starts at exactly frame 1 s × rate in the output.
 */
public final class OfflineRender {

    /** Effect tails (reverb, echo) ring on after the last note until silent, at most this long. */
    public static final double MAX_TAIL_SECONDS = 8;
    private static final float SILENCE = 1e-4f;
    private static final double SILENT_FOR_SECONDS = 0.25;

    private final SynthBackend backend;
    private final RenderSettings settings;
    private final SampleSource samples;
    /** Whether the score is rendered on a second thread, ahead of the master section (see {@link #render}). */
    private final boolean renderAhead;

    public OfflineRender(SynthBackend backend, RenderSettings settings) {
        this(backend, settings, SampleSource.NONE);
    }

    /** @param samples where the audio of the sample files a score names comes from */
    public OfflineRender(SynthBackend backend, RenderSettings settings, SampleSource samples) {
        this(backend, settings, samples, Runtime.getRuntime().availableProcessors() > 1);
    }

    private OfflineRender(SynthBackend backend, RenderSettings settings, SampleSource samples, boolean renderAhead) {
        this.backend = backend;
        this.settings = settings;
        this.samples = samples;
        this.renderAhead = renderAhead;
    }

    /** The same render on the calling thread alone: the same samples, one core's worth of speed. */
    public OfflineRender oneThread() {
        return new OfflineRender(backend, settings, samples, false);
    }

    /**
     * What a render produced.
     *
     * @param peak      the output's peak (linear, after the master section)
     * @param inputPeak the peak that reached the master section; above its ceiling, the limiter changed the sound
     */
    public record Result(long frames, int sampleRate, double peak, double renderMillis, double inputPeak) {

        public Result(long frames, int sampleRate, double peak, double renderMillis) {
            this(frames, sampleRate, peak, renderMillis, peak);
        }

        public double seconds() {
            return frames / (double) sampleRate;
        }

        public double realtimeFactor() {
            return renderMillis <= 0 ? Double.POSITIVE_INFINITY : seconds() * 1000 / renderMillis;
        }

        public double peakDbfs() {
            return peak <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(peak);
        }
    }

    /** Receives rendered stereo blocks. */
    public interface BlockSink {
        void accept(float[] left, float[] right, int frames) throws IOException;
    }

    /**
     * Renders to a WAV file; nothing is left at {@code target} unless the whole render succeeded.
     *
     * @param seconds exact length, or empty for "the score's length plus its effect tail"
     */
    public Result toWav(Score score, OptionalDouble seconds, Path target, WavFormat format, DoubleConsumer progress)
            throws IOException {
        return toWav(score, null, seconds, target, format, progress);
    }

    /**
     * Renders one part of the score (a stem; null for the whole score) to a WAV file, through a master section of its
     * own; nothing is left at {@code target} unless the whole render succeeded.
     */
    public Result toWav(Score score, String strand, OptionalDouble seconds, Path target, WavFormat format,
            DoubleConsumer progress) throws IOException {
        return toWav(score, strand, seconds, target, format, progress, (l, r, n) -> { });
    }

    /**
     * As {@link #toWav(Score, OptionalDouble, Path, WavFormat, DoubleConsumer)}, also keeping the audio in memory as
     * the file holds it (each sample as the format stores it): what the file sounds like, without reading it back.
     */
    public InMemory toWavAndMemory(Score score, OptionalDouble seconds, Path target, WavFormat format,
            DoubleConsumer progress) throws IOException {
        Collector kept = new Collector(longest(score, seconds), format);
        Result result = toWav(score, null, seconds, target, format, progress, kept);
        return new InMemory(kept.audio(), result);
    }

    private Result toWav(Score score, String strand, OptionalDouble seconds, Path target, WavFormat format,
            DoubleConsumer progress, BlockSink also) throws IOException {
        try (WavWriter writer = WavWriter.open(target, settings.sampleRate(), 2, format)) {
            float[][] block = new float[2][];
            Result result = render(score, strand, seconds, (l, r, n) -> {
                block[0] = l;
                block[1] = r;
                writer.write(block, n);
                also.accept(l, r, n);
            }, progress);
            writer.commit();
            return result;
        }
    }

    /** Audio rendered into memory ([0] left, [1] right) and what the render measured. */
    public record InMemory(float[][] audio, Result result) {
    }

    /** The most frames a render of {@code score} can give: the length asked for, or the score's plus the longest tail. */
    private long longest(Score score, OptionalDouble seconds) {
        return seconds.isPresent() ? settings.frames(seconds.getAsDouble())
                : settings.frames(score.lengthSeconds() + MAX_TAIL_SECONDS);
    }

    /** Keeps rendered blocks in arrays, each sample as {@code stored} keeps it (null: as rendered). */
    private static final class Collector implements BlockSink {
        private final float[][] out;
        private final WavFormat stored;
        private int pos;

        Collector(long frames, WavFormat stored) {
            if (frames > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too long to render into memory");
            }
            this.out = new float[][] {new float[(int) frames], new float[(int) frames]};
            this.stored = stored;
        }

        @Override
        public void accept(float[] left, float[] right, int frames) {
            int k = Math.min(frames, out[0].length - pos);
            System.arraycopy(left, 0, out[0], pos, k);
            System.arraycopy(right, 0, out[1], pos, k);
            if (stored != null) {
                for (int i = pos; i < pos + k; i++) {
                    out[0][i] = stored.asStored(out[0][i]);
                    out[1][i] = stored.asStored(out[1][i]);
                }
            }
            pos += k;
        }

        float[][] audio() {
            if (pos == out[0].length) {
                return out; // as long as it can be (a length was asked for): no copy of the whole render
            }
            return new float[][] {Arrays.copyOf(out[0], pos), Arrays.copyOf(out[1], pos)};
        }
    }

    /** Renders into memory: [0] left, [1] right. */
    public float[][] toArrays(Score score, OptionalDouble seconds) {
        return toMemory(score, seconds).audio();
    }

    public InMemory toMemory(Score score, OptionalDouble seconds) {
        Collector kept = new Collector(longest(score, seconds), null);
        Result result;
        try {
            result = render(score, seconds, kept, f -> { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new InMemory(kept.audio(), result);
    }

    /**
     * The render loop shared by every destination. With two or more processors the score is rendered on a
     * second thread a few blocks ahead while this one runs the master section and the sink: the same blocks in
     * the same order through the same master, so the samples are exactly those of a one-thread render.
     */
    public Result render(Score score, OptionalDouble seconds, BlockSink sink, DoubleConsumer progress) throws IOException {
        return render(score, null, seconds, sink, progress);
    }

    private Result render(Score score, String strand, OptionalDouble seconds, BlockSink sink, DoubleConsumer progress)
            throws IOException {
        long start = System.nanoTime();
        int block = settings.blockSize();
        ScoreRenderer renderer = strand == null ? backend.open(score, settings, samples)
                : backend.openPart(score, settings, samples, strand);
        MasterSection master = new MasterSection(settings.sampleRate());
        int latency = master.latencyFrames();
        long wanted = seconds.isPresent() ? settings.frames(seconds.getAsDouble()) : settings.frames(score.lengthSeconds());
        long maxFrames = seconds.isPresent() ? wanted : wanted + settings.frames(MAX_TAIL_SECONDS);
        long silentNeeded = settings.frames(SILENT_FOR_SECONDS);

        float[] left = new float[block];
        float[] right = new float[block];
        long skip = latency;      // the limiter's look-ahead delay, dropped from the start
        long written = 0;
        long silentRun = 0;
        double peak = 0;
        double inputPeak = 0;
        long lastReport = 0;
        try (ScoreBlocks blocks = renderAhead ? new RenderAhead(renderer, block) : new RenderHere(renderer)) {
            while (written < maxFrames) {
                boolean scoreFinished = blocks.next(left, right);
                for (int i = 0; i < block; i++) {
                    inputPeak = Math.max(inputPeak, Math.max(Math.abs(left[i]), Math.abs(right[i])));
                }
                master.process(left, right, block);
                int from = (int) Math.min(skip, block);
                skip -= from;
                int n = (int) Math.min(block - from, maxFrames - written);
                if (n <= 0) {
                    continue;
                }
                if (from > 0) {
                    System.arraycopy(left, from, left, 0, n);
                    System.arraycopy(right, from, right, 0, n);
                }
                float blockPeak = 0;
                for (int i = 0; i < n; i++) {
                    // compared, not Math.max: the master section leaves no NaN, and this form is several times faster
                    float a = Math.abs(left[i]) > Math.abs(right[i]) ? Math.abs(left[i]) : Math.abs(right[i]);
                    blockPeak = a > blockPeak ? a : blockPeak;
                }
                peak = Math.max(peak, blockPeak);
                sink.accept(left, right, n);
                written += n;
                if (seconds.isEmpty() && written >= wanted && scoreFinished) {
                    silentRun = blockPeak < SILENCE ? silentRun + n : 0;
                    if (silentRun >= silentNeeded) {
                        break;
                    }
                }
                if (written - lastReport >= settings.sampleRate()) {
                    lastReport = written;
                    progress.accept(Math.min(1.0, written / (double) Math.max(1, wanted)));
                }
            }
        }
        progress.accept(1.0);
        return new Result(written, settings.sampleRate(), peak, (System.nanoTime() - start) / 1e6, inputPeak);
    }

    /** The score's blocks in order, each with whether the score had finished once it was rendered. */
    private interface ScoreBlocks extends AutoCloseable {
        /** Fills {@code left} and {@code right} with the next block; true when the score has finished. */
        boolean next(float[] left, float[] right);

        @Override
        void close();
    }

    /** Renders each block when it is asked for, on the calling thread. */
    private record RenderHere(ScoreRenderer renderer) implements ScoreBlocks {
        @Override
        public boolean next(float[] left, float[] right) {
            renderer.render(left, right);
            return renderer.scoreFinished();
        }

        @Override
        public void close() {
        }
    }

    /**
     * Renders on a thread of its own, a few batches of blocks ahead of the master section, and stops when
     * closed. Batches go round between two queues, so nothing is allocated per block.
     */
    private static final class RenderAhead implements ScoreBlocks, Runnable {
        private static final int BLOCKS_PER_BATCH = 16;
        private static final int BATCHES = 3;
        /** How long the waiting side looks for jobs to help with before it sleeps, and how long it sleeps. */
        private static final long HELP_SPIN_NANOS = 200_000;
        private static final long HELP_SLEEP_MICROS = 500;

        private final ScoreRenderer renderer;
        /** Jobs of the block being rendered, which this side takes while it waits for blocks. */
        private final WorkShare share = new WorkShare();
        private final BlockingQueue<Batch> rendered = new ArrayBlockingQueue<>(BATCHES + 1);
        private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
        private final Thread thread;
        private volatile Throwable failure;
        private Batch reading;
        private int readIndex;

        /** Blocks of audio and, per block, whether the score had finished after it; count -1 says it failed. */
        private static final class Batch {
            final float[][] left;
            final float[][] right;
            final boolean[] finished = new boolean[BLOCKS_PER_BATCH];
            int count;

            Batch(int block) {
                left = new float[BLOCKS_PER_BATCH][block];
                right = new float[BLOCKS_PER_BATCH][block];
            }
        }

        RenderAhead(ScoreRenderer renderer, int block) {
            this.renderer = renderer;
            renderer.shareWith(share);
            for (int i = 0; i < BATCHES; i++) {
                free.add(new Batch(block));
            }
            thread = new Thread(this, "riffcode-render-ahead");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Batch b = free.take();
                    for (int k = 0; k < BLOCKS_PER_BATCH; k++) {
                        renderer.render(b.left[k], b.right[k]);
                        b.finished[k] = renderer.scoreFinished();
                    }
                    b.count = BLOCKS_PER_BATCH;
                    rendered.put(b);
                }
            } catch (InterruptedException e) {
                // closed: the master section has all it wants
            } catch (RuntimeException | Error e) {
                failure = e;
                Batch failed = new Batch(0);
                failed.count = -1;
                rendered.offer(failed);
            }
        }

        @Override
        public boolean next(float[] left, float[] right) {
            if (reading == null || readIndex == reading.count) {
                if (reading != null) {
                    free.add(reading);
                }
                reading = takeUninterruptibly();
                readIndex = 0;
                if (reading.count < 0) {
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    throw (RuntimeException) failure;
                }
            }
            System.arraycopy(reading.left[readIndex], 0, left, 0, left.length);
            System.arraycopy(reading.right[readIndex], 0, right, 0, right.length);
            return reading.finished[readIndex++];
        }

        /**
         * The next rendered batch, helping with the render's shared jobs while it is not ready (and sleeping once
         * there has been nothing to help with for a while). A render on one thread never looked at interrupts, so
         * neither does this wait: an interrupt is kept for the caller to see once the render is done.
         */
        private Batch takeUninterruptibly() {
            boolean interrupted = false;
            try {
                long idleSince = System.nanoTime();
                while (true) {
                    Batch ready = rendered.poll();
                    if (ready != null) {
                        return ready;
                    }
                    if (share.help()) {
                        idleSince = System.nanoTime();
                        continue;
                    }
                    if (share.inUse() && System.nanoTime() - idleSince < HELP_SPIN_NANOS) {
                        // Yielding, not spinning: on a machine busy with other renders the core goes to them.
                        Thread.yield();
                        continue;
                    }
                    try {
                        ready = rendered.poll(HELP_SLEEP_MICROS, TimeUnit.MICROSECONDS);
                        if (ready != null) {
                            return ready;
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            thread.interrupt();
            Threads.joinUninterruptibly(thread);
        }
    }
}
