package dev.riffcode.engine;

import dev.riffcode.engine.dsp.SafetyLimiter;

/**
 * The last stage of every output path, offline or live: DC blocker, NaN/Inf scrubbing and a
 * look-ahead brick-wall limiter, so that no sample can ever exceed the ceiling (below 0 dBFS),
 * whatever a script asks for.
 */
public final class MasterSection {

    private final SafetyLimiter limiter;

    public MasterSection(int sampleRate) {
        this.limiter = new SafetyLimiter(sampleRate);
    }

    public void process(float[] left, float[] right, int frames) {
        limiter.process(left, right, 0, frames);
    }

    /** The largest magnitude any output sample can have (linear; 0.966 for -0.3 dBFS). */
    public float ceiling() {
        return limiter.ceiling();
    }

    /** The delay the look-ahead adds, in frames; offline renders compensate for it. */
    public int latencyFrames() {
        return limiter.latencySamples();
    }
}
