package dev.riffcode.runtime;

import dev.riffcode.samples.SampleIndex;

/**
 * One script to run.
 *
 * @param name           the file name errors are reported against
 * @param code           the Python source
 * @param horizonSeconds how far live loops run (the render length)
 * @param maxSeconds     longest piece the script may schedule
 * @param timeoutMillis  wall-time bound for running the script (building the score)
 * @param samples        the sample names the script may play (names only: the sandbox never sees a file)
 */
public record RunRequest(String name, String code, double horizonSeconds, double maxSeconds, long timeoutMillis,
        SampleIndex samples) {

    public RunRequest {
        samples = samples == null ? SampleIndex.EMPTY : samples;
    }

    public RunRequest(String name, String code, double horizonSeconds, double maxSeconds, long timeoutMillis) {
        this(name, code, horizonSeconds, maxSeconds, timeoutMillis, SampleIndex.EMPTY);
    }

    public static final double DEFAULT_LOOP_SECONDS = 16;
    public static final double DEFAULT_MAX_SECONDS = 600;
    public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

    public static RunRequest of(String name, String code) {
        return new RunRequest(name, code, DEFAULT_LOOP_SECONDS, DEFAULT_MAX_SECONDS, DEFAULT_TIMEOUT_MILLIS);
    }

    public RunRequest withHorizon(double seconds) {
        return new RunRequest(name, code, seconds, maxSeconds, timeoutMillis, samples);
    }

    public RunRequest withTimeout(long millis) {
        return new RunRequest(name, code, horizonSeconds, maxSeconds, millis, samples);
    }

    public RunRequest withMaxSeconds(double seconds) {
        return new RunRequest(name, code, horizonSeconds, seconds, timeoutMillis, samples);
    }

    public RunRequest withSamples(SampleIndex index) {
        return new RunRequest(name, code, horizonSeconds, maxSeconds, timeoutMillis, index);
    }
}
