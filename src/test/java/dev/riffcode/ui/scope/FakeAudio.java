package dev.riffcode.ui.scope;

import dev.riffcode.engine.realtime.AudioLoop;
import dev.riffcode.engine.realtime.Scope;
import java.util.function.LongToDoubleFunction;

/**
 * Stands in for the audio thread: writes a signal into a {@link Scope} in audio-sized blocks, keeps a clock in step
 * with it, and ticks the panel 30 times per second of audio, as its timer would.
 */
final class FakeAudio {

    static final int RATE = 44_100;
    private static final int BLOCK = 128;

    final Scope scope = new Scope(8192);
    /** What the audio loop's stats say; tests set the peaks and the clip count. */
    AudioLoop.Stats stats = stats(0, 0);
    long nanos = 1_000_000_000L;
    private long frame;
    private final float[] left = new float[BLOCK];
    private final float[] right = new float[BLOCK];

    ScopesPanel panel() {
        return new ScopesPanel(scope, () -> stats, RATE, () -> nanos);
    }

    /** Stats of a running loop with this meter peak (both channels) and this many clipped blocks so far. */
    static AudioLoop.Stats stats(float peak, long clippedBlocks) {
        return new AudioLoop.Stats(0.1, 0.2, 0, peak, peak, clippedBlocks, 0, 0, null, 512, true);
    }

    /** Plays {@code signal} (a function of the frame number) on both channels for {@code seconds}, ticking. */
    void play(ScopesPanel panel, double seconds, LongToDoubleFunction signal) {
        int ticks = (int) Math.round(seconds * ScopesPanel.FRAMES_PER_SECOND);
        for (int t = 0; t < ticks; t++) {
            write(RATE / ScopesPanel.FRAMES_PER_SECOND, signal);
            nanos += 1_000_000_000L / ScopesPanel.FRAMES_PER_SECOND;
            panel.tick();
        }
    }

    /** Writes frames without ticking. */
    void write(int frames, LongToDoubleFunction signal) {
        for (int done = 0; done < frames; ) {
            int n = Math.min(BLOCK, frames - done);
            for (int i = 0; i < n; i++) {
                left[i] = (float) signal.applyAsDouble(frame + i);
                right[i] = left[i];
            }
            scope.onBlock(left, right, n);
            frame += n;
            done += n;
        }
    }

    static LongToDoubleFunction sine(double hz, double amplitude) {
        return f -> amplitude * Math.sin(2 * Math.PI * hz * f / RATE);
    }

    static LongToDoubleFunction silence() {
        return f -> 0;
    }
}
