package dev.riffcode.score;

/**
 * A unit's output sent to a bus (0 = main output), at a gain and stereo position.
 *
 * @param part   which part of a multi-part port (0 left, 1 right of a stereo output)
 * @param strand the part of the script that sent it out: "main", a live_loop's or an in_thread's name
 */
public record OutputRoute(int unit, String port, int part, int bus, double amp, double pan, String strand) {

    public OutputRoute {
        strand = strand == null ? "main" : strand;
    }

    /** A route sent out by the main script. */
    public OutputRoute(int unit, String port, int part, int bus, double amp, double pan) {
        this(unit, port, part, bus, amp, pan, "main");
    }
}
