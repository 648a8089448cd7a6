package dev.riffcode.live;

import dev.riffcode.runtime.ScriptError;
import java.util.List;

/**
 * What happens in live play, as it happens: for the terminal, the session and the tests. Called on the player's
 * scheduler thread; keep the work short.
 */
public interface LiveListener {

    /** A version passed and takes over at {@code frame} (a beat); these are its loops. */
    default void versionStarted(int version, long frame, double bpm, List<String> loops) {
    }

    /** A version failed; what played before plays on. */
    default void versionFailed(int version, ScriptError error) {
    }

    /** A loop pass was scheduled: it plays from {@code frame} for {@code frames}, with the body of {@code version}. */
    default void loopPass(String loop, int version, long frame, long frames) {
    }

    /** A pass computed ahead was taken back before it began: its loop's body changed, or the loop is gone. */
    default void passTakenBack(String loop, int version, long frame) {
    }

    /**
     * A new body's first pass came too late to replace the old body's pass at {@code frame}, which plays as it is;
     * the take-over moves to a later pass.
     */
    default void takeOverLate(String loop, int version, long frame) {
    }

    /** How long a pass took: from asking to the answer, and inside the worker (for the benchmark). */
    default void passTimed(String loop, double roundTripMillis, double workerMillis) {
    }

    /** A pass failed; the loop goes on with the body of {@code fallback} (null: it stops, having no good body). */
    default void loopFailed(String loop, int version, ScriptError error, Integer fallback) {
    }

    /** A pass came too late for some or all of its notes, which were left out. */
    default void loopMissed(String loop, long frame, int notesLeftOut) {
    }

    /** A loop stopped (gone from the code, or no body of it works). */
    default void loopStopped(String loop, String why) {
    }

    /** What the code printed. */
    default void printed(int version, String text) {
    }

    /** The worker had to be replaced; loops miss their passes until it is back. */
    default void workerRestarting(String why) {
    }

    default void workerRestarted(double millis) {
    }
}
