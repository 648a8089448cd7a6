package dev.riffcode.score;

/** An audio connection from one unit's output port (part) to another unit's input port (part). */
public record Connection(int fromUnit, String fromPort, int fromPart, int toUnit, String toPort, int toPart) {
}
