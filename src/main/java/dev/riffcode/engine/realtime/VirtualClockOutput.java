package dev.riffcode.engine.realtime;

import java.util.concurrent.locks.LockSupport;

/**
 * No device: each write returns when its block is due by the system clock, so the audio thread runs at real time
 * as it would with a sound card (for {@code --record OUT.wav} alone, and for tests). Nothing is buffered, so the
 * latency is 0. The schedule is absolute: after a stall the next writes return at once until the clock has caught
 * up, so over minutes the rate is exact.
 */
public final class VirtualClockOutput implements AudioOutput {

    /** Behind by more than this, the clock gives up catching up and starts over from now (e.g. after a suspend). */
    private static final long RESYNC_NANOS = 1_000_000_000L;

    private final int sampleRate;
    private long startNanos;
    private long framesWritten;
    private boolean dry;
    private volatile long underruns;

    public VirtualClockOutput(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.sampleRate = sampleRate;
    }

    @Override
    public String name() {
        return "virtual clock (no device)";
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public void write(float[] left, float[] right, int frames) {
        long now = System.nanoTime();
        if (framesWritten == 0) {
            startNanos = now;
        }
        long due = startNanos + nanos(framesWritten);
        long late = now - due;
        // A device with no buffer would have run dry if the block came later than its own length; the writes that
        // then catch up are late too, but it is one time running dry.
        boolean wasDry = dry;
        dry = late > nanos(frames);
        if (dry && !wasDry) {
            underruns++;
        }
        if (late > RESYNC_NANOS) {
            startNanos = now - nanos(framesWritten);
            due = now;
        }
        for (long wait = due - now; wait > 0 && !Thread.currentThread().isInterrupted();
                wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        framesWritten += frames;
    }

    private long nanos(long frames) {
        return frames * 1_000_000_000L / sampleRate;
    }

    @Override
    public void drain() {
        // Nothing is buffered: what was written has been heard.
    }

    @Override
    public int latencyFrames() {
        return 0;
    }

    @Override
    public long underruns() {
        return underruns;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
