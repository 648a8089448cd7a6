package dev.riffcode.testing;

import dev.riffcode.runtime.ScriptRunner;

/**
 * One script worker for the whole test run: starting GraalPy costs seconds, so test classes share
 * a warm worker. Tests that kill workers on purpose use their own runner.
 */
public final class SharedRunner {

    private static ScriptRunner runner;

    private SharedRunner() {
    }

    public static synchronized ScriptRunner get() {
        if (runner == null) {
            runner = new ScriptRunner();
            Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
        }
        return runner;
    }
}
