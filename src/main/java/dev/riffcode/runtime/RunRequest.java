package dev.riffcode.runtime;

/**
 * One script to run.
 *
 * @param name           the file name errors are reported against
 * @param code           the Python source
 * @param horizonSeconds how far live loops run (the render length)
 * @param maxSeconds     longest piece the script may schedule
 * @param timeoutMillis  wall-time bound for running the script (building the score)
 */
public record RunRequest(String name, String code, double horizonSeconds, double maxSeconds, long timeoutMillis) {

    public static final double DEFAULT_LOOP_SECONDS = 16;
    public static final double DEFAULT_MAX_SECONDS = 600;
    public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

    public static RunRequest of(String name, String code) {
        return new RunRequest(name, code, DEFAULT_LOOP_SECONDS, DEFAULT_MAX_SECONDS, DEFAULT_TIMEOUT_MILLIS);
    }

    public RunRequest withHorizon(double seconds) {
        return new RunRequest(name, code, seconds, maxSeconds, timeoutMillis);
    }

    public RunRequest withTimeout(long millis) {
        return new RunRequest(name, code, horizonSeconds, maxSeconds, millis);
    }

    public RunRequest withMaxSeconds(double seconds) {
        return new RunRequest(name, code, horizonSeconds, seconds, timeoutMillis);
    }
}
