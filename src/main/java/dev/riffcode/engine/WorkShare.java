package dev.riffcode.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A block's independent jobs, shared by the thread that renders with a thread that would otherwise wait for it.
 *
 * <p>An offline render already runs on two threads: the score a few blocks ahead, the master section and the file
 * behind it. When the score is the heavier half (64 oscillators), the master section's thread waits most of the
 * time; through a share it takes some of the score's jobs instead. Jobs are claimed one by one from a counter, so
 * the renderer never waits for a job nobody has started, and which thread ran a job never changes what it computes:
 * a render is the same, sample for sample, with or without help.
 */
public final class WorkShare {

    /** The block being shared, or null between them. */
    private volatile Block posted;
    private volatile boolean inUse;

    private static final class Block {
        final IntConsumer job;
        final int count;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile Throwable failure;

        Block(IntConsumer job, int count) {
            this.job = job;
            this.count = count;
        }

        /** Claims and runs jobs until none is left unclaimed; how many it ran. */
        int work() {
            int ran = 0;
            int i;
            while ((i = next.getAndIncrement()) < count) {
                try {
                    job.accept(i);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    finished.incrementAndGet();
                    ran++;
                }
            }
            return ran;
        }
    }

    /**
     * The rendering thread: runs {@code job} for 0..count-1, some of them perhaps on a helping thread, and returns
     * when all have run. A job's exception (the last one seen) is thrown here.
     */
    public void runAll(int count, IntConsumer job) {
        Block block = new Block(job, count);
        if (!inUse) {
            inUse = true;
        }
        posted = block;
        try {
            block.work();
            // Only jobs a helper has claimed are left: they take microseconds, so spin (yielding, should the
            // helper have lost its core).
            while (block.finished.get() < count) {
                Thread.yield();
            }
        } finally {
            posted = null;
        }
        Throwable failure = block.failure;
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** True once the renderer has shared a block: a waiting thread may find more to help with soon. */
    public boolean inUse() {
        return inUse;
    }

    /** A thread with nothing else to do: runs jobs of the block being shared, if any; true when it ran one. */
    public boolean help() {
        Block block = posted;
        return block != null && block.work() > 0;
    }

    /** Runs every job on the calling thread: for a renderer nobody helps. */
    public static void runHere(int count, IntConsumer job) {
        for (int i = 0; i < count; i++) {
            job.accept(i);
        }
    }
}
