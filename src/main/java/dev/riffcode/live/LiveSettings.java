package dev.riffcode.live;

/**
 * How live play runs.
 *
 * @param sampleRate           the renderer's rate
 * @param aheadSeconds         the schedule-ahead window: loop passes are computed this far ahead of the audio, so a
 *                             pass may take up to this long (worker round trip included) without being late
 * @param startSeconds         how far ahead of the audio a new version may start (on the first beat after it): its
 *                             loops' first passes are asked for at once, so this only has to cover one pass
 * @param defaultBpm           the tempo a version starts at until its own {@code use_bpm} ({@code --bpm})
 * @param installTimeoutMillis bound for running a version's top level
 * @param passTimeoutMillis    bound for one loop pass
 * @param fileName             the script's name in error messages
 */
public record LiveSettings(int sampleRate, double aheadSeconds, double startSeconds, double defaultBpm,
        long installTimeoutMillis, long passTimeoutMillis, String fileName) {

    public static final double DEFAULT_AHEAD_SECONDS = 0.5;
    public static final double DEFAULT_START_SECONDS = 0.1;
    public static final double DEFAULT_BPM = 60;

    public LiveSettings {
        if (!(aheadSeconds > 0 && aheadSeconds <= 5)) {
            throw new IllegalArgumentException("the schedule-ahead window must be 0..5 s, got " + aheadSeconds);
        }
        if (!(startSeconds > 0 && startSeconds <= aheadSeconds)) {
            throw new IllegalArgumentException("a version's start must be 0.." + aheadSeconds + " s ahead, got "
                    + startSeconds);
        }
        if (!(defaultBpm >= 1 && defaultBpm <= 1000)) {
            throw new IllegalArgumentException("the tempo must be 1..1000 bpm, got " + defaultBpm);
        }
    }

    public static LiveSettings of(String fileName) {
        return new LiveSettings(44_100, DEFAULT_AHEAD_SECONDS, DEFAULT_START_SECONDS, DEFAULT_BPM, 10_000, 2_000,
                fileName);
    }

    public LiveSettings withBpm(double bpm) {
        return new LiveSettings(sampleRate, aheadSeconds, startSeconds, bpm, installTimeoutMillis, passTimeoutMillis,
                fileName);
    }

    public LiveSettings withSampleRate(int rate) {
        return new LiveSettings(rate, aheadSeconds, startSeconds, defaultBpm, installTimeoutMillis, passTimeoutMillis,
                fileName);
    }

    public LiveSettings withInstallTimeout(long millis) {
        return new LiveSettings(sampleRate, aheadSeconds, startSeconds, defaultBpm, millis, passTimeoutMillis,
                fileName);
    }

    long frames(double seconds) {
        return Math.round(seconds * sampleRate);
    }
}
