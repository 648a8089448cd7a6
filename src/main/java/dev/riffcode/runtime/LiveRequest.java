package dev.riffcode.runtime;

import dev.riffcode.samples.SampleIndex;
import java.util.Map;

/**
 * One request to the live worker. {@code install} runs a version's top level in a context of its own and keeps the
 * context; {@code pass} runs one pass of one loop of an installed version; {@code drop} closes a version's context;
 * {@code check} only compiles a script (Python's {@code compile()}, never run) to find its syntax error.
 *
 * @param id            answers carry it back (requests of different versions are answered out of order)
 * @param version       the version the request is about
 * @param name          the script's file name, for error locations ({@code install}, {@code check})
 * @param code          the script ({@code install}, {@code check})
 * @param bpm           the tempo the top level starts at ({@code install})
 * @param loop          the loop to run ({@code pass})
 * @param passes        how many passes the loop has run so far: it seeds this pass's randomness ({@code pass})
 * @param ticks         the loop's tick counters as its last pass left them ({@code pass})
 * @param timeoutMillis wall-time bound, counted from the request's arrival
 * @param samples       the sample names the version may play, for all its passes ({@code install})
 */
record LiveRequest(long id, String type, int version, String name, String code, double bpm, String loop, long passes,
        Map<String, Integer> ticks, long timeoutMillis, SampleIndex samples) {

    static LiveRequest install(long id, int version, String name, String code, double bpm, long timeoutMillis,
            SampleIndex samples) {
        return new LiveRequest(id, "install", version, name, code, bpm, null, 0, null, timeoutMillis, samples);
    }

    static LiveRequest pass(long id, int version, String loop, long passes, Map<String, Integer> ticks,
            long timeoutMillis) {
        return new LiveRequest(id, "pass", version, null, null, 0, loop, passes, ticks, timeoutMillis, null);
    }

    static LiveRequest check(long id, String name, String code, long timeoutMillis) {
        return new LiveRequest(id, "check", 0, name, code, 0, null, 0, null, timeoutMillis, null);
    }

    static LiveRequest drop(long id, int version) {
        return new LiveRequest(id, "drop", version, null, null, 0, null, 0, null, 0, null);
    }

    static LiveRequest shutdown() {
        return new LiveRequest(0, "shutdown", 0, null, null, 0, null, 0, null, 0, null);
    }
}
