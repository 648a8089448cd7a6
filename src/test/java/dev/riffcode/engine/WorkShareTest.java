package dev.riffcode.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A renderer's block of jobs, shared with a thread that waits: each job runs once, some on the helper. */
class WorkShareTest {

    private static final int JOBS = 8;
    private static final int BLOCKS = 40;

    @Test
    void everyJobRunsOnceAndTheWaitingThreadTakesSome() throws InterruptedException {
        WorkShare share = new WorkShare();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ranByHelper = new AtomicLong();
        Thread helper = new Thread(() -> {
            while (!stop.get()) {
                share.help();
                Thread.onSpinWait();
            }
        }, "waiting-side");
        helper.start();
        try {
            for (int b = 0; b < BLOCKS; b++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(JOBS);
                share.runAll(JOBS, i -> {
                    runs.incrementAndGet(i);
                    if (Thread.currentThread() == helper) {
                        ranByHelper.incrementAndGet();
                    }
                    busy(200_000);
                });
                int[] counts = new int[JOBS];
                Arrays.setAll(counts, runs::get);
                int[] once = new int[JOBS];
                Arrays.fill(once, 1);
                assertArrayEquals(once, counts, "block " + b + ": times each job ran");
            }
        } finally {
            stop.set(true);
            helper.join();
        }
        assertTrue(share.inUse());
        assertTrue(ranByHelper.get() > 0, "the waiting thread ran none of " + BLOCKS * JOBS + " jobs");
    }

    @Test
    void aJobsFailureReachesTheRendererAfterTheOthersRan() {
        WorkShare share = new WorkShare();
        AtomicIntegerArray runs = new AtomicIntegerArray(JOBS);
        IllegalStateException broken = new IllegalStateException("job 3 broke");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> share.runAll(JOBS, i -> {
            runs.incrementAndGet(i);
            if (i == 3) {
                throw broken;
            }
        }));
        assertSame(broken, thrown);
        for (int i = 0; i < JOBS; i++) {
            assertEquals(1, runs.get(i), "job " + i);
        }
        assertTrue(!share.help(), "nothing is left to help with after the block");
    }

    private static void busy(long nanos) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < nanos) {
            Thread.onSpinWait();
        }
    }
}
