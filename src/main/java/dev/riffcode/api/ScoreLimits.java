package dev.riffcode.api;

/**
 * How big a score a script may build. A script that asks for more gets a clear error at the line
 * that crossed the limit, before anything is rendered.
 */
public record ScoreLimits(double maxSeconds, int maxNotes, int maxUnits, int maxPortEvents, int maxFxBuses) {

    public static final ScoreLimits DEFAULT = new ScoreLimits(600, 100_000, 2_000, 200_000, 64);

    public ScoreLimits withMaxSeconds(double seconds) {
        return new ScoreLimits(seconds, maxNotes, maxUnits, maxPortEvents, maxFxBuses);
    }
}
