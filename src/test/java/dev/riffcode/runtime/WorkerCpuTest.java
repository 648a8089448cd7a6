package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-process render figures (bench) and the service's warm-up wait for the sandbox's worker to go quiet. */
class WorkerCpuTest {

    @Test
    void waitsWhileTheWorkerComputesAndNoLonger() throws Exception {
        // A process that keeps a core busy for about 1.5 s of wall time, then exits.
        Process busy = new ProcessBuilder("bash", "-c",
                "end=$((${EPOCHREALTIME/./} + 1500000)); while ((${EPOCHREALTIME/./} < end)); do :; done").start();
        try {
            long t0 = System.nanoTime();
            double waited = WorkerCpu.awaitQuiet(busy.pid());
            double elapsed = (System.nanoTime() - t0) / 1e6;
            assertTrue(waited >= 1000, "returned after " + waited + " ms while the process was still computing");
            assertTrue(elapsed < 10_000, "waited " + elapsed + " ms");
            assertFalse(busy.isAlive() && waited < 1400, "stopped waiting while it still ran");
        } finally {
            busy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void anIdleWorkerCostsOnePoll() throws Exception {
        Process idle = new ProcessBuilder("sleep", "30").start();
        try {
            Thread.sleep(300); // past its start-up
            double waited = WorkerCpu.awaitQuiet(idle.pid());
            assertTrue(waited < 1000, "waited " + waited + " ms for a process that does nothing");
        } finally {
            idle.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void noWorkerNoWait() {
        assertTrue(WorkerCpu.awaitQuiet(-1) < 100);
    }
}
