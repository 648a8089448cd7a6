package dev.riffcode.score;

import java.util.List;

/** The unit-generator level of a score: units, their connections, what reaches a bus, and timed port changes. */
public record UnitGraph(List<UnitSpec> units, List<Connection> connections, List<OutputRoute> outputs,
        List<PortEvent> events) {

    public static final UnitGraph EMPTY = new UnitGraph(List.of(), List.of(), List.of(), List.of());

    public UnitGraph {
        units = List.copyOf(units);
        connections = List.copyOf(connections);
        outputs = List.copyOf(outputs);
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return units.isEmpty();
    }

    /** Time of the last port change, or 0. */
    public double lastEventTime() {
        double t = 0;
        for (PortEvent e : events) {
            t = Math.max(t, e.time() + Math.max(0, e.duration()));
        }
        return t;
    }
}
