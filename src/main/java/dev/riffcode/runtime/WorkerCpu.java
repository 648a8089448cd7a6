package dev.riffcode.runtime;

import java.time.Duration;
import java.util.Optional;

/** How busy a sandbox worker process is, read from the CPU time the system counts for it. */
public final class WorkerCpu {

    private WorkerCpu() {
    }

    /**
     * Waits until the worker process has gone quiet, at most 20 s, and returns how long that took (ms). After
     * a script run the worker prepares its next context and its JIT keeps compiling for a second or more, on the same
     * cores a render runs on: P1's renders took 143-164 ms beside it and 46-48 ms once it was quiet.
     */
    public static double awaitQuiet(long pid) {
        long start = System.nanoTime();
        Optional<ProcessHandle> worker = ProcessHandle.of(pid);
        long before = cpuMillis(worker);
        while (before >= 0 && System.nanoTime() - start < 20_000_000_000L) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = cpuMillis(worker);
            if (now < 0 || now - before < 10) { // under 4 % of a core: idle, waiting for the next script
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** The worker's CPU time so far in ms, or -1 when it is gone or the system does not say. */
    private static long cpuMillis(Optional<ProcessHandle> worker) {
        return worker.flatMap(h -> h.info().totalCpuDuration()).map(Duration::toMillis).orElse(-1L);
    }
}
