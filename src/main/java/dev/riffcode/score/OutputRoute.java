package dev.riffcode.score;

/** A unit's output sent to a bus (0 = main output), at a gain and stereo position. */
public record OutputRoute(int unit, String port, int part, int bus, double amp, double pan) {
}
