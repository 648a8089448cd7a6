package dev.riffcode.live;

/**
 * How live play runs.
 *
 * @param sampleRate           the renderer's rate
 * @param aheadSeconds         the schedule-ahead window: loop passes are computed this far ahead of the audio, so a
 *                             pass may take up to this long (worker round trip included) without being late
 * @param defaultBpm           the tempo a version starts at until its own {@code use_bpm} ({@code --bpm})
 * @param installTimeoutMillis bound for running a version's top level
 * @param passTimeoutMillis    bound for one loop pass
 * @param fileName             the script's name in error messages
 */
public record LiveSettings(int sampleRate, double aheadSeconds, double defaultBpm, long installTimeoutMillis,
        long passTimeoutMillis, String fileName) {

    public static final double DEFAULT_AHEAD_SECONDS = 0.3;
    public static final double DEFAULT_BPM = 60;

    public LiveSettings {
        if (!(aheadSeconds > 0 && aheadSeconds <= 5)) {
            throw new IllegalArgumentException("the schedule-ahead window must be 0..5 s, got " + aheadSeconds);
        }
        if (!(defaultBpm >= 1 && defaultBpm <= 1000)) {
            throw new IllegalArgumentException("the tempo must be 1..1000 bpm, got " + defaultBpm);
        }
    }

    public static LiveSettings of(String fileName) {
        return new LiveSettings(44_100, DEFAULT_AHEAD_SECONDS, DEFAULT_BPM, 10_000, 2_000, fileName);
    }

    public LiveSettings withBpm(double bpm) {
        return new LiveSettings(sampleRate, aheadSeconds, bpm, installTimeoutMillis, passTimeoutMillis, fileName);
    }

    public LiveSettings withSampleRate(int rate) {
        return new LiveSettings(rate, aheadSeconds, defaultBpm, installTimeoutMillis, passTimeoutMillis, fileName);
    }

    public LiveSettings withInstallTimeout(long millis) {
        return new LiveSettings(sampleRate, aheadSeconds, defaultBpm, millis, passTimeoutMillis, fileName);
    }

    long frames(double seconds) {
        return Math.round(seconds * sampleRate);
    }
}
