package dev.riffcode.runtime;

import dev.riffcode.runtime.ScriptError.Category;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of warm script workers shared by many callers (the service's requests). A run borrows the worker
 * that has been idle longest (its spare context is the most likely to be ready), and gives it back afterwards. A
 * worker that had to be stopped (a timeout, a memory bomb, a crash, a {@code kill -9}) is started again in the
 * background before it is lent out again, so the next run meets a warm one.
 *
 * <p>Every worker keeps the limits of a {@link ScriptRunner}: its heap, the run's wall time, the printed-output and
 * score bounds. The pool adds none and removes none.
 */
public final class WorkerPool implements Runner, AutoCloseable {

    private final List<ScriptRunner> workers;
    private final LinkedBlockingQueue<ScriptRunner> idle = new LinkedBlockingQueue<>();
    private final ExecutorService starter;
    private final AtomicInteger replaced = new AtomicInteger();
    private final long borrowTimeoutMillis;
    private volatile boolean closed;

    /**
     * @param size                how many workers (each is a process with its own heap)
     * @param borrowTimeoutMillis how long a run waits for a free worker before it fails with "busy"
     */
    public WorkerPool(WorkerSettings settings, int size, long borrowTimeoutMillis) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker, got " + size);
        }
        this.borrowTimeoutMillis = borrowTimeoutMillis;
        List<ScriptRunner> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ScriptRunner worker = new ScriptRunner(settings);
            // The pool's callers render and hear each score right after its run; they say when they are done.
            worker.prepareWhenAsked();
            all.add(worker);
        }
        this.workers = List.copyOf(all);
        this.starter = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "riffcode-pool-start");
            t.setDaemon(true);
            return t;
        });
    }

    public int size() {
        return workers.size();
    }

    /**
     * Starts every worker (in parallel) and waits until all are warm or {@code timeoutMillis} passed.
     *
     * @return the cold start of each worker that came up, in ms
     * @throws IOException if no worker could start
     */
    public List<Double> start(long timeoutMillis) throws IOException {
        List<java.util.concurrent.Future<Double>> starts = new ArrayList<>();
        for (ScriptRunner w : workers) {
            starts.add(starter.submit(() -> {
                double ms = w.warmUp();
                idle.add(w);
                return ms;
            }));
        }
        List<Double> colds = new ArrayList<>();
        IOException last = null;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (var f : starts) {
            try {
                colds.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                last = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                last = new IOException("a worker did not start within " + timeoutMillis + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting workers", e);
            }
        }
        if (colds.isEmpty()) {
            throw last != null ? last : new IOException("no worker started");
        }
        return colds;
    }

    @Override
    public RunResult run(RunRequest request) {
        ScriptRunner worker;
        try {
            worker = idle.poll(borrowTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.failed(new ScriptError(Category.CRASH, request.name(), 0, "Interrupted",
                    "the run was cancelled"), "");
        }
        if (worker == null) {
            return RunResult.failed(new ScriptError(Category.CRASH, request.name(), 0, "Busy",
                    "no sandbox worker became free within " + borrowTimeoutMillis / 1000 + " s; try again"), "");
        }
        RunResult result;
        try {
            result = worker.run(request);
        } finally {
            giveBack(worker);
        }
        return result;
    }

    /**
     * A job is done with its score: the idle workers make their next context now (a worker still running, or one
     * that has its context already, reads the signal and does nothing more). Never waits.
     */
    @Override
    public void prepareNextRun() {
        for (ScriptRunner worker : idle) {
            worker.prepareNextRun();
        }
    }

    /**
     * This pool for a caller that runs a script several times in a row with little work between the runs (a
     * generation's attempts): the worker makes its next context right after each run.
     */
    public Runner preparingAfterEachRun() {
        WorkerPool pool = this;
        return new Runner() {
            @Override
            public RunResult run(RunRequest request) {
                try {
                    return pool.run(request);
                } finally {
                    pool.prepareNextRun();
                }
            }

            @Override
            public void prepareNextRun() {
                pool.prepareNextRun();
            }
        };
    }

    /** Work done on one borrowed worker, such as writing the API reference. */
    public interface WorkerTask<T> {
        T run(ScriptRunner worker) throws IOException;
    }

    /** Borrows a worker for {@code task} (waiting as a run does) and gives it back. */
    public <T> T withWorker(WorkerTask<T> task) throws IOException {
        ScriptRunner worker;
        try {
            worker = idle.poll(borrowTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a worker", e);
        }
        if (worker == null) {
            throw new IOException("no sandbox worker became free within " + borrowTimeoutMillis / 1000 + " s");
        }
        try {
            return task.run(worker);
        } finally {
            giveBack(worker);
        }
    }

    /** A worker goes back to the idle queue; one that was stopped is started first, off the caller's thread. */
    private void giveBack(ScriptRunner worker) {
        if (closed) {
            worker.close();
            return;
        }
        if (worker.workerPid() > 0) {
            idle.add(worker);
            return;
        }
        replaced.incrementAndGet();
        starter.execute(() -> {
            try {
                worker.warmUp();
            } catch (IOException e) {
                // it starts lazily on its next run, which then reports why it cannot
            }
            if (closed) {
                worker.close();
            } else {
                idle.add(worker);
            }
        });
    }

    /** Process ids of the workers that are running now (for tests and the service's status). */
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (ScriptRunner w : workers) {
            long pid = w.workerPid();
            if (pid > 0) {
                pids.add(pid);
            }
        }
        return pids;
    }

    /** Process ids of the workers running a script right now (lent out, alive). */
    public List<Long> busyPids() {
        List<Long> pids = new ArrayList<>();
        for (ScriptRunner w : workers) {
            long pid = w.workerPid();
            if (pid > 0 && !idle.contains(w)) {
                pids.add(pid);
            }
        }
        return pids;
    }

    /** Workers free right now. */
    public int idleCount() {
        return idle.size();
    }

    /** Workers started again since the pool started, because they were stopped or died. */
    public int replacedCount() {
        return replaced.get();
    }

    /** Stops every worker; a run in progress ends with a crash error. */
    @Override
    public void close() {
        closed = true;
        starter.shutdownNow();
        for (ScriptRunner w : workers) {
            w.close();
        }
    }
}
