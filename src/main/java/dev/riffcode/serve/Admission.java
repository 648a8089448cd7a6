package dev.riffcode.serve;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's bounded queue. A job first takes a place ({@code workers + queue} places in all; with none left it is
 * answered 503 at once), then waits for one of {@code workers} run slots, so at most {@code workers} jobs run (script
 * and render) at a time and at most {@code queue} wait.
 */
final class Admission {

    private final int workers;
    private final int capacity;
    private final Semaphore places;
    private final Semaphore running;
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong jobNanos = new AtomicLong();
    private volatile boolean closed;

    Admission(int workers, int queue) {
        this.workers = workers;
        this.capacity = workers + queue;
        this.places = new Semaphore(workers + queue);
        this.running = new Semaphore(workers, true);
    }

    /** A place in the queue, or null when it is full or the service is stopping. */
    Ticket tryEnter() {
        if (closed || !places.tryAcquire()) {
            return null;
        }
        return new Ticket();
    }

    /** Seconds a client should wait before trying again: the expected time for the jobs ahead to finish. */
    long retryAfterSeconds() {
        long n = jobs.get();
        double meanSeconds = n == 0 ? 1.0 : jobNanos.get() / 1e9 / n;
        int ahead = Math.max(1, waiting() + active());
        return Math.max(1, Math.min(60, (long) Math.ceil(meanSeconds * ahead / workers)));
    }

    int active() {
        return workers - running.availablePermits();
    }

    /** Jobs that hold a place: running or waiting. */
    int inUse() {
        return capacity - places.availablePermits();
    }

    int waiting() {
        return Math.max(0, running.getQueueLength());
    }

    /** No new places from now on; jobs already in keep theirs. */
    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** A job's place; {@link #run} waits for a run slot. Closing it gives the place back. */
    final class Ticket implements AutoCloseable {
        private boolean released;
        private boolean holdsSlot;

        /** Waits for a run slot (at most {@code maxWaitMillis}); false if none came. */
        boolean run(long maxWaitMillis) throws InterruptedException {
            holdsSlot = running.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
            return holdsSlot;
        }

        /** Gives the run slot back early (a generation waiting for its model needs none). */
        void pause() {
            if (holdsSlot) {
                holdsSlot = false;
                running.release();
            }
        }

        void timed(long nanos) {
            jobs.incrementAndGet();
            jobNanos.addAndGet(nanos);
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            pause();
            places.release();
        }
    }
}
