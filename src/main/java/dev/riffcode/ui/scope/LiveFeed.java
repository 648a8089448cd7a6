package dev.riffcode.ui.scope;

import dev.riffcode.engine.realtime.AudioLoop;
import dev.riffcode.engine.realtime.Scope;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The sound being played: frames from the audio thread's {@link Scope}, peaks and clipping from the audio loop's
 * stats. Both are lock-free reads; nothing here can hold up the audio thread.
 */
final class LiveFeed implements Feed {

    private final Scope tap;
    private final Supplier<AudioLoop.Stats> stats;
    private final int sampleRate;
    private float peakLeft;
    private float peakRight;
    private boolean clipped;
    private long clippedBlocksSeen;

    LiveFeed(Scope tap, Supplier<AudioLoop.Stats> stats, int sampleRate) {
        this.tap = Objects.requireNonNull(tap);
        this.stats = Objects.requireNonNull(stats, "stats");
        this.sampleRate = sampleRate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int capacity() {
        return tap.capacity();
    }

    @Override
    public long copyLatest(float[] left, float[] right, long nanoTime) {
        long end = tap.copyLatest(left, right);
        AudioLoop.Stats s = stats.get();
        boolean playing = s != null && s.running();
        // A stopped loop's last peak would otherwise stay on the meter for good.
        peakLeft = playing ? s.peakLeft() : 0;
        peakRight = playing ? s.peakRight() : 0;
        long blocks = s == null ? clippedBlocksSeen : s.clippedBlocks();
        clipped = blocks > clippedBlocksSeen;
        clippedBlocksSeen = blocks; // a new audio loop counts from 0 again
        return end;
    }

    @Override
    public float peakLeft() {
        return peakLeft;
    }

    @Override
    public float peakRight() {
        return peakRight;
    }

    @Override
    public boolean clipped() {
        return clipped;
    }
}
