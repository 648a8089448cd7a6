package dev.riffcode.runtime;

/**
 * Something that runs scripts in the sandbox and always answers: one worker process ({@link ScriptRunner}) or a
 * pool of them ({@link WorkerPool}). Implementations are safe to call from several threads.
 */
public interface Runner {

    /** Runs one script; the script's own error, a timeout or a crashed worker come back as the result's error. */
    RunResult run(RunRequest request);

    /**
     * The caller has rendered and heard its last result: workers that wait for this (see
     * {@link ScriptRunner#prepareWhenAsked()}) make their next context now.
     */
    void prepareNextRun();
}
