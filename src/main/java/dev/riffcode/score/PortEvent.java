package dev.riffcode.score;

/**
 * A timed change of a unit's input port: {@code SET} jumps to the value, {@code RAMP} glides
 * linearly to it over {@code duration} seconds, {@code ON}/{@code OFF} open and close a gate.
 */
public record PortEvent(double time, int unit, String port, int part, Action action, double value, double duration) {

    public enum Action { SET, RAMP, ON, OFF }
}
