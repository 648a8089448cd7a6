package dev.riffcode.runtime;

import dev.riffcode.runtime.ScriptError.Category;
import dev.riffcode.samples.SampleIndex;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The app's side of the live worker: installs versions, asks for loop passes, and always completes every request,
 * with the code's answer, or with a clear error when the worker had to be stopped or died. After a crash,
 * {@link #restart()} starts a fresh worker; the versions it held must be installed again.
 */
public final class LiveWorker implements AutoCloseable {

    /** Wall time the worker gets beyond a request's own bound to answer before it is taken for stuck. */
    private static final long STUCK_GRACE_MILLIS = 2_500;
    private static final long START_TIMEOUT_MILLIS = 120_000;

    private final WorkerSettings settings;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<LiveAnswer>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "riffcode-live-timer");
        t.setDaemon(true);
        return t;
    });
    private Process process;
    private Frames frames;
    private StderrTail stderr;
    private long generation;

    public LiveWorker(WorkerSettings settings) {
        this.settings = settings;
    }

    public LiveWorker() {
        this(WorkerSettings.defaults());
    }

    /** Starts the worker (or a fresh one after a crash) and waits until it can take code. Returns the start time in ms. */
    public synchronized double restart() throws IOException {
        stop("the worker was restarted");
        long t0 = System.nanoTime();
        // The first start (nothing plays yet) runs at the normal level and is lowered once ready: started niced, the
        // worker's warm-up got a few per cent of a core on a machine busy with three other programs and did not
        // finish in two minutes. A restart while other sound plays starts niced, so it never takes the audio's CPU.
        boolean lowerWhenReady = generation == 0 && ProcessPriority.available();
        WorkerSettings.Priority startingAt = lowerWhenReady ? WorkerSettings.Priority.NORMAL
                : WorkerSettings.Priority.YIELDS_TO_AUDIO;
        Process started = new ProcessBuilder(settings.command(LiveWorkerMain.class, startingAt))
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        StderrTail tail = new StderrTail(started.getErrorStream());
        Frames link = new Frames(new BufferedInputStream(started.getInputStream()),
                new BufferedOutputStream(started.getOutputStream()));
        CompletableFuture<WorkerMessage> hello = CompletableFuture.supplyAsync(() -> {
            try {
                return link.receive();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            WorkerMessage ready = hello.get(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (ready == null || !"ready".equals(ready.type())) {
                started.destroyForcibly();
                throw new IOException("the live worker did not start" + (tail.text().isBlank() ? "" : ": "
                        + tail.text().strip()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
            throw new IOException("interrupted while starting the live worker", e);
        } catch (Exception e) {
            started.destroyForcibly();
            throw e instanceof IOException io ? io : new IOException("the live worker did not start: " + e, e);
        }
        if (lowerWhenReady) {
            ProcessPriority.lower(started.pid(), WorkerSettings.Priority.YIELDS_TO_AUDIO.nice);
        }
        process = started;
        frames = link;
        stderr = tail;
        generation++;
        long mine = generation;
        Thread reader = new Thread(() -> readAnswers(link, mine), "riffcode-live-answers");
        reader.setDaemon(true);
        reader.start();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** True while a worker is running. */
    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The worker's process id, or -1. */
    public synchronized long pid() {
        return alive() ? process.pid() : -1;
    }

    /** Runs a version's top level in a context of its own, which stays for its loops' passes. */
    public CompletableFuture<LiveAnswer> install(int version, String fileName, String code, double bpm,
            long timeoutMillis) {
        return install(version, fileName, code, bpm, timeoutMillis, SampleIndex.EMPTY);
    }

    /** As {@link #install(int, String, String, double, long)}, with the sample names the version may play. */
    public CompletableFuture<LiveAnswer> install(int version, String fileName, String code, double bpm,
            long timeoutMillis, SampleIndex samples) {
        return send(LiveRequest.install(ids.incrementAndGet(), version, fileName, code, bpm, timeoutMillis, samples),
                fileName, timeoutMillis);
    }

    /** Runs one pass of a loop of an installed version. */
    public CompletableFuture<LiveAnswer> pass(int version, String fileName, String loop, long passes,
            Map<String, Integer> ticks, long timeoutMillis) {
        return send(LiveRequest.pass(ids.incrementAndGet(), version, loop, passes, ticks, timeoutMillis),
                fileName, timeoutMillis);
    }

    /**
     * Compiles a script without running it: the answer's error is its syntax error (with the line), or null. For an
     * editor marking errors as you type; it never touches what plays.
     */
    public CompletableFuture<LiveAnswer> check(String fileName, String code, long timeoutMillis) {
        return send(LiveRequest.check(ids.incrementAndGet(), fileName, code, timeoutMillis), fileName, timeoutMillis,
                false);
    }

    /** Closes a version's context: nothing plays it any more. */
    public synchronized void drop(int version) {
        if (alive()) {
            try {
                frames.send(LiveRequest.drop(ids.incrementAndGet(), version));
            } catch (IOException e) {
                // the worker is gone, and the version with it
            }
        }
    }

    private CompletableFuture<LiveAnswer> send(LiveRequest request, String fileName, long timeoutMillis) {
        return send(request, fileName, timeoutMillis, true);
    }

    /**
     * @param endIfStuck whether a worker that does not answer in time is taken for stuck and ended; a check (a
     *                   convenience while typing) must never end the worker that plays, so its late answer is only
     *                   given up on
     */
    private CompletableFuture<LiveAnswer> send(LiveRequest request, String fileName, long timeoutMillis,
            boolean endIfStuck) {
        CompletableFuture<LiveAnswer> answer = new CompletableFuture<>();
        synchronized (this) {
            if (!alive()) {
                answer.complete(LiveAnswer.failed(request.id(), new ScriptError(Category.CRASH, fileName, 0,
                        "WorkerCrashed", "the live worker is not running; it is being restarted"), "", true));
                return answer;
            }
            pending.put(request.id(), answer);
            try {
                frames.send(request);
            } catch (IOException e) {
                pending.remove(request.id());
                answer.complete(crashed(request.id(), fileName));
                return answer;
            }
            long mine = generation;
            // A worker that neither answers nor stops the code itself is stuck: only ending it helps.
            timer.schedule(() -> {
                if (answer.isDone()) {
                    return;
                }
                if (endIfStuck) {
                    killIfStill(mine);
                } else if (pending.remove(request.id()) != null) {
                    answer.complete(LiveAnswer.failed(request.id(), new ScriptError(Category.TIMEOUT, fileName, 0,
                            "Timeout", "the worker did not answer in time; it is busy"), "", false));
                }
            }, timeoutMillis + STUCK_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
        return answer;
    }

    private void readAnswers(Frames link, long mine) {
        try {
            LiveAnswer answer;
            while ((answer = link.receive(LiveAnswer.class)) != null) {
                CompletableFuture<LiveAnswer> waiting = pending.remove(answer.id());
                if (waiting != null) {
                    waiting.complete(answer);
                }
            }
        } catch (IOException e) {
            // the worker died; handled below
        }
        synchronized (this) {
            if (generation == mine) {
                stop("the live worker stopped unexpectedly" + lastLine());
            }
        }
    }

    private synchronized void killIfStill(long mine) {
        if (generation == mine && process != null) {
            stop("the live worker stopped answering and was replaced");
        }
    }

    /** Ends the worker and completes every open request with the reason. */
    private synchronized void stop(String why) {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process = null;
        frames = null;
        for (Long id : pending.keySet()) {
            CompletableFuture<LiveAnswer> waiting = pending.remove(id);
            if (waiting != null) {
                waiting.complete(LiveAnswer.failed(id, new ScriptError(Category.CRASH, "<live>", 0, "WorkerCrashed",
                        why), "", true));
            }
        }
    }

    private LiveAnswer crashed(long id, String fileName) {
        return LiveAnswer.failed(id, new ScriptError(Category.CRASH, fileName, 0, "WorkerCrashed",
                "the live worker stopped unexpectedly" + lastLine()), "", true);
    }

    private String lastLine() {
        String text = stderr == null ? "" : stderr.text().strip();
        if (text.isEmpty()) {
            return "";
        }
        String[] lines = text.split("\n");
        return ": " + lines[lines.length - 1];
    }

    @Override
    public synchronized void close() {
        if (alive()) {
            try {
                frames.send(LiveRequest.shutdown());
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (IOException e) {
                // stopping anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop("the live worker was closed");
        timer.shutdownNow();
    }
}
