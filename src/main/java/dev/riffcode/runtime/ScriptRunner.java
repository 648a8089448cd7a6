package dev.riffcode.runtime;

import dev.riffcode.runtime.ScriptError.Category;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs scripts in a supervised worker process and always comes back with an answer: a score, the
 * script's own error, or a clear timeout/memory/crash error when the worker had to be replaced.
 * One runner serves one caller at a time (calls are serialised).
 */
public final class ScriptRunner implements Runner, AutoCloseable {

    /** Extra wall time the worker gets to stop an overrunning script itself before it is killed. */
    private static final long KILL_GRACE_MILLIS = 2_500;
    private static final long START_TIMEOUT_MILLIS = 120_000;

    /** Reads the worker's answers; its own threads, so a busy common pool can never delay them. */
    private static final java.util.concurrent.ExecutorService READER = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "riffcode-worker-reader");
        t.setDaemon(true);
        return t;
    });

    private final WorkerSettings settings;
    private final WorkerSettings.Priority priority;
    private Process process;
    /** The same process, readable without waiting for a run to finish (a pool lists its workers' ids). */
    private volatile Process visible;
    /** Volatile so that {@link #prepareNextRun()} can signal without waiting for a run to end (sending is safe). */
    private volatile Frames frames;
    private volatile long spareWaitMillis;
    private StderrTail stderr;
    private double lastColdStartMillis;

    public ScriptRunner(WorkerSettings settings) {
        this(settings, WorkerSettings.Priority.NORMAL);
    }

    /** A runner whose worker gives way to others on a busy machine as {@code priority} says. */
    public ScriptRunner(WorkerSettings settings, WorkerSettings.Priority priority) {
        this.settings = settings;
        this.priority = priority;
    }

    public ScriptRunner() {
        this(WorkerSettings.defaults());
    }

    /** Starts the worker now (it starts lazily otherwise). Returns the cold start time in ms. */
    public synchronized double warmUp() throws IOException {
        ensureStarted();
        return lastColdStartMillis;
    }

    /** Milliseconds the last worker took from launch to a warm context. */
    public synchronized double lastColdStartMillis() {
        return lastColdStartMillis;
    }

    @Override
    public synchronized RunResult run(RunRequest request) {
        try {
            ensureStarted();
        } catch (IOException e) {
            return RunResult.failed(new ScriptError(Category.CRASH, request.name(), 0, "RuntimeUnavailable",
                    "the Python runtime could not start: " + e.getMessage()), "");
        }
        CompletableFuture<WorkerMessage> answer = CompletableFuture.supplyAsync(this::receiveQuietly, READER);
        try {
            frames.send(WorkerMessage.run(request, spareWaitMillis));
            WorkerMessage reply = answer.get(request.timeoutMillis() + KILL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            if (reply == null) {
                return RunResult.failed(workerDied(request), "");
            }
            if (reply.fatal()) {
                stop();
            }
            return reply.result();
        } catch (TimeoutException e) {
            stop();
            return RunResult.failed(new ScriptError(Category.TIMEOUT, request.name(), 0, "Timeout",
                    String.format("the script ran longer than %.1f s and was stopped; does a loop never end?",
                            request.timeoutMillis() / 1000.0)), "");
        } catch (IOException | ExecutionException e) {
            ScriptError error = workerDied(request);
            return RunResult.failed(error, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return RunResult.failed(new ScriptError(Category.CRASH, request.name(), 0, "Interrupted", "the run was cancelled"), "");
        }
    }

    /** How long a worker told to wait for {@link #prepareNextRun()} waits at most before making its next context. */
    public static final long UNASKED_PREPARE_MILLIS = 2_000;

    /**
     * From now on the worker makes the context of its next run only when {@link #prepareNextRun()} says so (or after
     * {@link #UNASKED_PREPARE_MILLIS} idle), not as soon as a run ends: for a caller that renders and hears each run's
     * score at once and would otherwise share the two cores with that work (about 0.45 s of CPU: a full collection, a
     * context, the JIT).
     */
    public void prepareWhenAsked() {
        prepareWhenAsked(UNASKED_PREPARE_MILLIS);
    }

    /** As {@link #prepareWhenAsked()}, making the context anyway after {@code idleMillis} (at least 1). */
    public void prepareWhenAsked(long idleMillis) {
        spareWaitMillis = Math.max(1, idleMillis);
    }

    /**
     * The caller is done with the last run's score: the worker may make the next run's context now. Does nothing
     * unless {@link #prepareWhenAsked()} was called; never waits for a run in progress (the worker reads the signal
     * after it).
     */
    @Override
    public void prepareNextRun() {
        Frames signal = frames;
        if (spareWaitMillis == 0 || signal == null) {
            return;
        }
        try {
            signal.send(WorkerMessage.prepare());
        } catch (IOException e) {
            // the worker is gone: the next run starts a fresh one and says so
        }
    }

    /** The API reference written from the riffcode module's docstrings. */
    public synchronized String apiReference() throws IOException {
        ensureStarted();
        CompletableFuture<WorkerMessage> answer = CompletableFuture.supplyAsync(this::receiveQuietly, READER);
        frames.send(WorkerMessage.referenceRequest());
        try {
            WorkerMessage reply = answer.get(60, TimeUnit.SECONDS);
            if (reply == null || reply.text() == null) {
                throw new IOException("the worker gave no reference");
            }
            return reply.text();
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            stop();
            throw new IOException("could not read the API reference: " + e, e);
        }
    }

    /**
     * Asks the worker to exit normally and waits for it (up to {@code seconds}); a JVM writes its
     * AOT cache at a normal exit. Returns true when the worker exited with status 0.
     */
    public synchronized boolean shutdownGracefully(long seconds) throws IOException {
        if (process == null || !process.isAlive()) {
            return false;
        }
        frames.send(WorkerMessage.shutdown());
        try {
            boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
            boolean ok = done && process.exitValue() == 0;
            stop();
            return ok;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return false;
        }
    }

    private ScriptError workerDied(RunRequest request) {
        Integer code = null;
        if (process != null) {
            try {
                process.waitFor(2, TimeUnit.SECONDS);
                code = process.isAlive() ? null : process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String tail = stderr == null ? "" : stderr.text();
        stop();
        if ((code != null && code == 3) || tail.contains("OutOfMemoryError")) {
            return new ScriptError(Category.MEMORY, request.name(), 0, "MemoryLimit",
                    "the script used more memory than the worker's " + settings.heapMegabytes()
                            + " MB and was stopped; is a list or string growing without end?");
        }
        return new ScriptError(Category.CRASH, request.name(), 0, "WorkerCrashed",
                "the script worker stopped unexpectedly (exit " + code + ")" + (tail.isBlank() ? "" : ": " + lastLine(tail))
                        + "; the next run starts a fresh one");
    }

    private WorkerMessage receiveQuietly() {
        try {
            return frames.receive();
        } catch (IOException e) {
            return null;
        }
    }

    private void ensureStarted() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        stop();
        List<String> command = settings.command(WorkerMain.class, priority);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.PIPE);
        long t0 = System.nanoTime();
        process = builder.start();
        visible = process;
        stderr = new StderrTail(process.getErrorStream());
        frames = new Frames(new BufferedInputStream(process.getInputStream()), new BufferedOutputStream(process.getOutputStream()));
        CompletableFuture<WorkerMessage> ready = CompletableFuture.supplyAsync(this::receiveQuietly, READER);
        try {
            WorkerMessage hello = ready.get(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (hello == null || !"ready".equals(hello.type())) {
                String tail = stderr.text();
                stop();
                throw new IOException("the worker did not start" + (tail.isBlank() ? "" : ": " + tail.strip()));
            }
            lastColdStartMillis = (System.nanoTime() - t0) / 1e6;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            stop();
            throw new IOException("the worker did not start in time: " + e, e);
        }
    }

    private void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process = null;
        visible = null;
        frames = null;
    }

    /** Process id of the current worker, or -1 (for tests that check replacement). */
    public long workerPid() {
        Process p = visible;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    @Override
    public synchronized void close() {
        stop();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Where the worker's Java lives; shared by tests and the CLI. */
    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
