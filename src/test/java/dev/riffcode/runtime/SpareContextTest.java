package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * When a worker makes the context of its next run. A lone runner makes it as soon as a run ends; a runner told to
 * wait (the service's pool, which renders and hears each score right after its run) makes it only once the caller
 * says it is done, so that work has both cores to itself.
 */
class SpareContextTest {

    /** Longer than the test, so only the caller's signal can start the next context. */
    private static final long NEVER_UNASKED = 120_000;

    @Test
    void aWaitingWorkerMakesItsNextContextOnlyWhenAsked() throws Exception {
        try (ScriptRunner runner = new ScriptRunner()) {
            runner.warmUp();
            runner.prepareWhenAsked(NEVER_UNASKED);
            RunResult first = run(runner, 1);
            assertTrue(first.contextWasReady(), "the worker starts with a context ready");

            // Not asked: however long the caller takes, the next run finds no context made for it.
            Thread.sleep(1500);
            assertFalse(run(runner, 2).contextWasReady(), "a context was made without the caller asking");

            runner.prepareNextRun();
            assertTrue(eventuallyReady(runner), "the caller asked, and no run found its context made in advance");
        }
    }

    @Test
    void inABurstTheNextContextIsMadeWithoutWaitingToBeAsked() throws Exception {
        try (ScriptRunner runner = new ScriptRunner()) {
            runner.warmUp();
            runner.prepareWhenAsked(NEVER_UNASKED);
            run(runner, 1);
            // Each of these runs comes right after the caller said it was done: a burst (a loop of commands).
            assertTrue(eventuallyReady(runner, true), "the caller asked, and no run found its context made in advance");
            // So the context after the last of them is made at once, unasked: the next run finds it ready.
            assertTrue(eventuallyReady(runner, false), "in a burst, the next context still waited to be asked");
        }
    }

    @Test
    void aLoneRunnerMakesItsNextContextRightAfterARun() throws Exception {
        try (ScriptRunner runner = new ScriptRunner()) {
            runner.warmUp();
            run(runner, 1);
            // prepareNextRun does nothing here: the context is made without it.
            assertTrue(eventuallyReady(runner), "no run found its context made in advance");
        }
    }

    private static boolean eventuallyReady(ScriptRunner runner) throws InterruptedException {
        return eventuallyReady(runner, false);
    }

    /**
     * Runs until one finds its context ready (each that does not leaves the one being made for the next); with
     * {@code askFirst}, each run comes right after the caller says it is done with the last.
     */
    private static boolean eventuallyReady(ScriptRunner runner, boolean askFirst) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int i = 10; System.nanoTime() < deadline; i++) {
            Thread.sleep(300);
            if (askFirst) {
                runner.prepareNextRun();
            }
            if (run(runner, i).contextWasReady()) {
                return true;
            }
        }
        return false;
    }

    private static RunResult run(ScriptRunner runner, int i) {
        RunResult run = runner.run(RunRequest.of("s" + i + ".py", "play(" + (50 + i) + ")\n"));
        assertTrue(run.ok(), () -> "run failed: " + run.error());
        assertTrue(run.score().notes().get(0).note() == 50 + i, "each run plays its own note");
        return run;
    }
}
