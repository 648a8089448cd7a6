package dev.riffcode.score;

/** The main script's tempo from {@code time} (seconds) on, as its {@code use_bpm} set it. */
public record TempoChange(double time, double bpm) {
}
