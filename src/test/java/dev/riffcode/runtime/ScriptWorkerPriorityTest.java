package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The script worker makes its next context at the lowest priority: behind the app, which renders and hears the run
 * before at that moment, never beside it. Runs keep the worker's own level, and back-to-back runs all succeed (one
 * that finds the spare unready makes its own context).
 */
class ScriptWorkerPriorityTest {

    @Test
    void theNextContextIsMadeAtTheLowestPriorityAndRunsAreNot() throws Exception {
        assumeTrue(ThreadNice.available(), "needs renice and /proc (Linux)");
        try (ScriptRunner runner = new ScriptRunner()) {
            runner.warmUp();
            for (int i = 0; i < 4; i++) {
                RunResult run = runner.run(RunRequest.of("n" + i + ".py", "play(" + (60 + i) + ")\n"));
                assertTrue(run.ok(), () -> "run failed: " + run.error());
                assertEquals(60 + i, run.score().notes().get(0).note(), "each run plays its own note");
            }
            Map<String, Integer> nice = ThreadNice.once(runner.workerPid(), "riffcode-prepar", 19);
            assertEquals(19, nice.get("riffcode-prepar"), "the thread that makes contexts: " + nice);
            assertTrue(nice.getOrDefault("riffcode-script", 0) < 19, "the scripts' own thread: " + nice);
        }
    }
}
