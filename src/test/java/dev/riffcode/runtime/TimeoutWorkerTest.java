package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a timeout costs: a loop that can be interrupted is stopped inside the worker, which then
 * serves the next run; only code that ignores interrupts costs a new worker (seconds of start-up).
 * Each test starts its own worker: one replaces it on purpose, and a fresh worker has its spare
 * context ready, so the script is already inside its long call when the bound strikes.
 */
class TimeoutWorkerTest {

    private ScriptRunner runner;
    private long firstWorker;

    @BeforeEach
    void start() throws Exception {
        runner = new ScriptRunner();
        runner.warmUp();
        firstWorker = runner.workerPid();
        assertTrue(firstWorker > 0, "no live worker");
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void anInterruptibleLoopIsStoppedAndTheSameWorkerServesTheNextRun() {
        RunResult spin = runner.run(RunRequest.of("spin.py", "while True:\n    pass\n").withTimeout(2_000));
        assertEquals(ScriptError.Category.TIMEOUT, spin.error().category(), () -> spin.error().format());
        assertEquals(firstWorker, runner.workerPid(), "the worker was replaced after an interruptible loop");
        assertNextRunWorks();
        assertEquals(firstWorker, runner.workerPid(), "the next run needed a new worker");
    }

    @Test
    void codeThatIgnoresInterruptsGetsANewWorker() {
        // One builtin call that runs in Java without a safepoint: the interrupt cannot reach it.
        RunResult sum = runner.run(RunRequest.of("sum.py", "print(sum(range(10 ** 15)))\n").withTimeout(2_000));
        assertEquals(ScriptError.Category.TIMEOUT, sum.error().category(), () -> sum.error().format());
        assertNextRunWorks();
        long after = runner.workerPid();
        assertTrue(after > 0, "no worker after the replacement");
        assertNotEquals(firstWorker, after, "a worker stuck in one builtin call was kept");
    }

    private void assertNextRunWorks() {
        RunResult ok = runner.run(RunRequest.of("ok.py", "play(60)\n"));
        assertTrue(ok.ok(), () -> "a normal script failed: " + ok.error());
    }
}
