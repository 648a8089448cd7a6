package dev.riffcode.engine.realtime;

import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.MasterSection;
import dev.riffcode.engine.RenderSettings;
import java.util.Arrays;
import java.util.Objects;

/**
 * The audio thread. Each block it renders the live renderer, passes the result through the {@link MasterSection},
 * shows it to the taps (recorder, scope) and writes it to the output, whose blocking write paces the loop. Nothing
 * on this path allocates or takes a lock. It measures what a performer needs to see: the render load, underruns,
 * levels and clipping.
 *
 * <p>The loop does not own the output or the taps: close the loop first, then the recorder, then the output
 * (try-with-resources in the order output, recorder, loop does exactly that).
 */
public final class AudioLoop implements AutoCloseable {

    /** After a peak the meter falls this fast, as a peak meter's needle does. */
    private static final double METER_FALL_DB_PER_SECOND = 20;
    /** A sample this close to the ceiling lights the clip light (the limiter was holding the level down). */
    private static final float CLIP_FRACTION = 0.999f;
    private static final long STOP_GRACE_MILLIS = 500;

    /**
     * What the terminal and the editor show.
     *
     * @param load            render time over block time, mean over the last whole second (1.0 = all the time
     *                        there is)
     * @param maxLoad         the slowest block of that second, same unit
     * @param underruns       times the output ran dry
     * @param peakLeft        meter level per channel (linear, falls 20 dB/s after a peak)
     * @param peakRight       see peakLeft
     * @param clippedBlocks   blocks in which a sample reached the master ceiling: a clip light
     * @param framesWritten   frames handed to the output
     * @param renderErrors    blocks the renderer failed to render (played as silence)
     * @param lastRenderError the last such failure, or null
     * @param latencyFrames   frames written but not yet heard (the output's buffer)
     * @param running         whether the audio thread runs
     */
    public record Stats(double load, double maxLoad, long underruns, float peakLeft, float peakRight,
            long clippedBlocks, long framesWritten, long renderErrors, String lastRenderError, int latencyFrames,
            boolean running) {
    }

    private final LiveRenderer renderer;
    private final MasterSection master;
    private final AudioOutput output;
    private final AudioTap[] taps;
    private final int block;
    private final int sampleRate;
    private final float[] left;
    private final float[] right;
    private final float clipLevel;
    private final float meterFall;
    private final double blockNanos;
    private final int blocksPerWindow;
    private final Thread thread;

    // Audio thread only.
    private long windowNanos;
    private long windowMaxNanos;
    private int windowBlocks;
    private float meterLeft;
    private float meterRight;

    // Written by the audio thread, read by any.
    private volatile double load;
    private volatile double maxLoad;
    private volatile float peakLeft;
    private volatile float peakRight;
    private volatile long clippedBlocks;
    private volatile long framesWritten;
    private volatile long renderErrors;
    private volatile Throwable lastRenderError;
    private volatile Throwable outputError;

    // Written by the controlling thread.
    private volatile long stopAtFrame = Long.MAX_VALUE;
    private volatile boolean stopRequested;

    /**
     * @param renderer what to play; its block size must be {@code settings.blockSize()}
     * @param output   where to play it, at {@code settings.sampleRate()}
     * @param taps     see every block as the output gets it, in this order
     */
    public AudioLoop(LiveRenderer renderer, RenderSettings settings, AudioOutput output, AudioTap... taps) {
        this.renderer = Objects.requireNonNull(renderer);
        this.output = Objects.requireNonNull(output);
        this.taps = taps.clone();
        for (AudioTap tap : this.taps) {
            Objects.requireNonNull(tap, "tap");
        }
        if (output.sampleRate() != settings.sampleRate()) {
            throw new IllegalArgumentException("the output plays at " + output.sampleRate() + " Hz, the renderer at "
                    + settings.sampleRate() + " Hz");
        }
        this.sampleRate = settings.sampleRate();
        this.block = settings.blockSize();
        this.master = new MasterSection(sampleRate);
        this.left = new float[block];
        this.right = new float[block];
        this.clipLevel = master.ceiling() * CLIP_FRACTION;
        this.meterFall = (float) Math.pow(10, -METER_FALL_DB_PER_SECOND * block / sampleRate / 20);
        this.blockNanos = block * 1e9 / sampleRate;
        this.blocksPerWindow = Math.max(1, Math.round((float) sampleRate / block));
        this.thread = new Thread(this::run, "riffcode-audio");
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.setDaemon(true); // a forgotten loop must not keep the program alive
    }

    /** Starts the audio thread. */
    public void start() {
        thread.start();
    }

    public Stats stats() {
        Throwable error = lastRenderError;
        return new Stats(load, maxLoad, output.underruns(), peakLeft, peakRight, clippedBlocks, framesWritten,
                renderErrors, error == null ? null : error.toString(), output.latencyFrames(), thread.isAlive());
    }

    /** Why the output stopped taking blocks (which ends the loop), or null. */
    public Throwable outputError() {
        return outputError;
    }

    /**
     * Fades everything out over {@code seconds} and stops once the fade has been heard: the loop keeps writing
     * until the fade is over, lets the output play out what it holds, and ends. Returns after about {@code seconds}
     * plus the output latency.
     *
     * <p>This calls {@link LiveRenderer#fadeOut}, a scheduler-side method: call it from the thread that feeds the
     * renderer, or once that thread has stopped feeding it.
     */
    public void fadeOutAndStop(double seconds) {
        if (!thread.isAlive()) {
            return;
        }
        renderer.fadeOut(seconds);
        long fadeFrames = Math.round(seconds * sampleRate);
        // The renderer fades from its next block, which starts at most one block after what has been written;
        // the limiter's look-ahead holds back a few frames more.
        stopAtFrame = framesWritten + block + fadeFrames + master.latencyFrames();
        long expectedMillis = Math.round((fadeFrames + 2L * block + output.latencyFrames()) * 1000.0 / sampleRate);
        join(expectedMillis + STOP_GRACE_MILLIS);
        close();
    }

    /** Stops the audio thread at the end of its block (no fade). */
    @Override
    public void close() {
        stopRequested = true;
        join(STOP_GRACE_MILLIS + Math.round(output.latencyFrames() * 1000.0 / sampleRate));
    }

    private void join(long millis) {
        if (thread.getState() == Thread.State.NEW) {
            return;
        }
        try {
            thread.join(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!stopRequested && framesWritten < stopAtFrame) {
                cycle();
            }
            if (!stopRequested) {
                output.drain(); // the fade has been written; let it be heard before the output is closed
            }
        } catch (RuntimeException | Error e) {
            outputError = e; // the output failed (a device unplugged); stats() shows the loop stopped
        }
    }

    /** One block, start to end. Package-private so a test can step it on its own thread. */
    void cycle() {
        long start = System.nanoTime();
        renderSafely();
        master.process(left, right, block);
        measureLevels();
        for (AudioTap tap : taps) {
            tap.onBlock(left, right, block);
        }
        measureLoad(System.nanoTime() - start);
        output.write(left, right, block);
        framesWritten += block; // only this thread writes it
    }

    /** A renderer that throws must not silence the loop for good: this block is silence, counted, and on we go. */
    private void renderSafely() {
        try {
            renderer.render(left, right);
        } catch (Throwable t) {
            renderErrors++;
            lastRenderError = t;
            Arrays.fill(left, 0f);
            Arrays.fill(right, 0f);
        }
    }

    private void measureLevels() {
        float pl = 0;
        float pr = 0;
        for (int i = 0; i < block; i++) {
            pl = Math.max(pl, Math.abs(left[i]));
            pr = Math.max(pr, Math.abs(right[i]));
        }
        if (Math.max(pl, pr) >= clipLevel) {
            clippedBlocks++;
        }
        meterLeft = Math.max(pl, meterLeft * meterFall);
        meterRight = Math.max(pr, meterRight * meterFall);
        peakLeft = meterLeft;
        peakRight = meterRight;
    }

    private void measureLoad(long nanos) {
        windowNanos += nanos;
        windowMaxNanos = Math.max(windowMaxNanos, nanos);
        if (++windowBlocks == blocksPerWindow) {
            load = windowNanos / (blockNanos * windowBlocks);
            maxLoad = windowMaxNanos / blockNanos;
            windowNanos = 0;
            windowMaxNanos = 0;
            windowBlocks = 0;
        }
    }

    /** The audio thread, for tests that measure it. */
    Thread thread() {
        return thread;
    }
}
