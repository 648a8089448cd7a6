package dev.riffcode.runtime;

import dev.riffcode.score.Score;

/**
 * What running a script gave: a score, or an error; plus what it printed.
 *
 * @param printed          the script's print() output (bounded)
 * @param printedTruncated true when the script printed more than the bound and the rest was dropped
 * @param runMillis        wall time spent running the script in the worker
 * @param contextWasReady  true when the worker had the run's sandbox context made in advance (its spare), false
 *                         when the run waited for one to be made
 */
public record RunResult(Score score, ScriptError error, String printed, boolean printedTruncated, double runMillis,
        boolean contextWasReady) {

    public RunResult(Score score, ScriptError error, String printed, boolean printedTruncated, double runMillis) {
        this(score, error, printed, printedTruncated, runMillis, false);
    }

    public boolean ok() {
        return error == null;
    }

    /** The same run with its error replaced (e.g. by one that knows its line). */
    public RunResult withError(ScriptError newError) {
        return new RunResult(score, newError, printed, printedTruncated, runMillis, contextWasReady);
    }

    /** The same run with its score replaced (e.g. by one whose samples are decoded, or by none). */
    public RunResult withScore(Score newScore) {
        return new RunResult(newScore, error, printed, printedTruncated, runMillis, contextWasReady);
    }

    /** The same run, saying whether its context had been made in advance. */
    public RunResult withContextReady(boolean ready) {
        return new RunResult(score, error, printed, printedTruncated, runMillis, ready);
    }

    public static RunResult failed(ScriptError error, String printed) {
        return new RunResult(null, error, printed == null ? "" : printed, false, 0);
    }
}
