package dev.riffcode.score;

/**
 * A port of a unit generator. Inputs hold a constant (set with {@code .set()}) unless something is
 * connected to them, in which case they carry the sum of what is connected (as in JSyn).
 * A {@code GATE} input also understands {@code .on()} and {@code .off()}.
 */
public record PortSpec(String name, Direction direction, int parts, double defaultValue, String doc) {

    public enum Direction { INPUT, GATE, OUTPUT }

    public static PortSpec in(String name, double def, String doc) {
        return new PortSpec(name, Direction.INPUT, 1, def, doc);
    }

    public static PortSpec gate(String name, String doc) {
        return new PortSpec(name, Direction.GATE, 1, 0, doc);
    }

    public static PortSpec out(String name, String doc) {
        return new PortSpec(name, Direction.OUTPUT, 1, 0, doc);
    }

    public PortSpec withParts(int n) {
        return new PortSpec(name, direction, n, defaultValue, doc);
    }

    public boolean isInput() {
        return direction != Direction.OUTPUT;
    }
}
