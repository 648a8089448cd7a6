package dev.riffcode.engine;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.score.Score;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;
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

    public OfflineRender(SynthBackend backend, RenderSettings settings) {
        this(backend, settings, SampleSource.NONE);
    }

    /** @param samples where the audio of the sample files a score names comes from */
    public OfflineRender(SynthBackend backend, RenderSettings settings, SampleSource samples) {
        this.backend = backend;
        this.settings = settings;
        this.samples = samples;
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
        try (WavWriter writer = WavWriter.open(target, settings.sampleRate(), 2, format)) {
            float[][] block = new float[2][];
            Result result = render(score, strand, seconds, (l, r, n) -> {
                block[0] = l;
                block[1] = r;
                writer.write(block, n);
            }, progress);
            writer.commit();
            return result;
        }
    }

    /** Audio rendered into memory ([0] left, [1] right) and what the render measured. */
    public record InMemory(float[][] audio, Result result) {
    }

    /** Renders into memory: [0] left, [1] right. */
    public float[][] toArrays(Score score, OptionalDouble seconds) {
        return toMemory(score, seconds).audio();
    }

    public InMemory toMemory(Score score, OptionalDouble seconds) {
        long frames = seconds.isPresent() ? settings.frames(seconds.getAsDouble())
                : settings.frames(score.lengthSeconds() + MAX_TAIL_SECONDS);
        if (frames > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too long to render into memory");
        }
        float[][] out = {new float[(int) frames], new float[(int) frames]};
        int[] pos = {0};
        Result result;
        try {
            result = render(score, seconds, (l, r, n) -> {
                int k = Math.min(n, out[0].length - pos[0]);
                System.arraycopy(l, 0, out[0], pos[0], k);
                System.arraycopy(r, 0, out[1], pos[0], k);
                pos[0] += k;
            }, f -> { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new InMemory(new float[][] {Arrays.copyOf(out[0], pos[0]), Arrays.copyOf(out[1], pos[0])}, result);
    }

    /** The render loop shared by every destination. */
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
        while (written < maxFrames) {
            renderer.render(left, right);
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
                blockPeak = Math.max(blockPeak, Math.max(Math.abs(left[i]), Math.abs(right[i])));
            }
            peak = Math.max(peak, blockPeak);
            sink.accept(left, right, n);
            written += n;
            if (seconds.isEmpty() && written >= wanted && renderer.scoreFinished()) {
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
        progress.accept(1.0);
        return new Result(written, settings.sampleRate(), peak, (System.nanoTime() - start) / 1e6, inputPeak);
    }
}
