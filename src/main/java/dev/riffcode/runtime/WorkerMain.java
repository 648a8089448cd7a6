package dev.riffcode.runtime;

import dev.riffcode.api.ScoreLimits;
import dev.riffcode.runtime.ScriptError.Category;
import dev.riffcode.score.Score;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The script worker process: reads run requests on stdin, answers on stdout. It keeps one spare
 * context warm, stops scripts that overrun their time (interrupt, then cancel), and stops scripts
 * whose memory use crosses a threshold before the heap is exhausted. When a script cannot be
 * stopped it answers, then exits, and the app starts a fresh worker.
 */
public final class WorkerMain {

    private final Frames frames;
    private final SandboxedPython python;
    private final ExecutorService scriptThread = Executors.newSingleThreadExecutor(r -> WorkerProcess.daemon(r, "riffcode-script"));
    private final ExecutorService prepareThread = Executors.newSingleThreadExecutor(r -> WorkerProcess.daemon(r, "riffcode-prepare"));
    private Future<SandboxedPython.Prepared> spare;
    /** Opened by the parent's {@code prepare}: the spare that is waiting for it starts. */
    private CountDownLatch prepareAsked = new CountDownLatch(0);
    /**
     * A run that comes this soon after the parent was done with the last one is part of a burst (a loop of commands,
     * several clients): its next context is made at once, as a lone runner's is, or the next run would find none.
     */
    static final long BURST_GAP_MILLIS = 1_000;
    /** When the parent last said it was done with a run's score (System.nanoTime), or 0 before it first did. */
    private long lastDone;
    private volatile SandboxedPython.Prepared running;
    private volatile boolean memoryTripped;

    private WorkerMain(Frames frames, SandboxedPython python) {
        this.frames = frames;
        this.python = python;
    }

    public static void main(String[] args) throws Exception {
        Frames frames = WorkerProcess.protocol();
        long t0 = System.nanoTime();
        WorkerMain worker = new WorkerMain(frames, new SandboxedPython());
        WorkerProcess.watchMemory(worker::stopForMemory);
        worker.spare = worker.prepareThread.submit(worker.python::prepare);
        worker.spare.get();
        // From here on the next context is made while the app renders and hears the last run's score: behind that
        // work, not beside it (a run that finds its spare unready makes its own, at the worker's own priority).
        worker.prepareThread.execute(WorkerProcess::lowestPriorityForThisThread);
        frames.send(WorkerMessage.ready((System.nanoTime() - t0) / 1e6));
        worker.serve();
        Runtime.getRuntime().halt(0);
    }

    private void serve() throws IOException, InterruptedException {
        WorkerMessage message;
        while ((message = frames.receive()) != null) {
            switch (message.type()) {
                case "run" -> run(message.request(), message.spareWaitMillis());
                case "prepare" -> {
                    lastDone = System.nanoTime();
                    prepareAsked.countDown();
                }
                case "reference" -> frames.send(WorkerMessage.reference(reference()));
                case "shutdown" -> System.exit(0);
                default -> System.err.println("riffcode worker: unknown message " + message.type());
            }
        }
    }

    private String reference() throws InterruptedException {
        try {
            return spare.get().module().getMember("_reference").execute().asString();
        } catch (ExecutionException e) {
            return "reference unavailable: " + e.getCause();
        }
    }

    private void run(RunRequest request, long spareWaitMillis) throws IOException, InterruptedException {
        // The bound is wall time from the request, so waiting for a context counts against it.
        long arrived = System.nanoTime();
        boolean burst = lastDone != 0 && arrived - lastDone < BURST_GAP_MILLIS * 1_000_000;
        SandboxedPython.Prepared prepared;
        boolean spareUsed = spare.isDone();
        try {
            // The spare is made at the lowest priority; on a busy machine it may not be ready for a long while.
            prepared = spareUsed ? spare.get() : freshContext();
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            frames.send(WorkerMessage.result(RunResult.failed(new ScriptError(Category.CRASH, request.name(), 0,
                    "InternalError", "the Python runtime failed to start: " + cause), ""), true));
            Runtime.getRuntime().halt(1);
            return;
        }
        memoryTripped = false;
        running = prepared;
        long start = System.nanoTime();
        Future<RunResult> result = scriptThread.submit(() -> execute(prepared, request, start));
        RunResult answer;
        boolean fatal = false;
        try {
            long left = request.timeoutMillis() - (System.nanoTime() - arrived) / 1_000_000;
            answer = result.get(Math.max(1, left), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fatal = !stop(prepared, result);
            answer = RunResult.failed(timeoutError(request), prepared.printed().text());
        } catch (ExecutionException e) {
            answer = RunResult.failed(new ScriptError(Category.CRASH, request.name(), 0, "InternalError",
                    "the runtime failed: " + e.getCause()), prepared.printed().text());
        }
        running = null;
        boolean locating = !fatal && answer.error() != null && ErrorMapper.needsLocating(answer.error());
        if (locating) {
            // (A script stuck in one builtin call could block the close: that worker is ended instead.)
            WorkerProcess.closeQuietly(prepared);
            long deadline = arrived + request.timeoutMillis() * 1_000_000L;
            Located where = locate(request, answer.error(), deadline);
            answer = answer.withError(where.error());
            fatal = where.fatal();
        }
        frames.send(WorkerMessage.result(answer.withContextReady(spareUsed), fatal));
        if (fatal) {
            // The script ignores interrupts (e.g. one huge builtin call): only a new process stops it.
            Runtime.getRuntime().halt(2);
        }
        if (!locating) {
            // After the answer, not before: closing a context takes about 35 ms that the app need not wait for. The
            // next request is read only once it is closed.
            WorkerProcess.closeQuietly(prepared);
        }
        if (spareUsed) {
            CountDownLatch asked = new CountDownLatch(spareWaitMillis > 0 && !burst ? 1 : 0);
            prepareAsked = asked;
            spare = prepareThread.submit(() -> freshContextOnceAsked(asked, spareWaitMillis));
        }
    }

    /**
     * The next context, made once the parent says it is done with this run's score (or after {@code idleMillis}): a
     * full collection and a new context take about 0.45 s of CPU, which would otherwise be taken from the render and
     * the hearing that follow the run on a two-core machine.
     */
    private SandboxedPython.Prepared freshContextOnceAsked(CountDownLatch asked, long idleMillis)
            throws InterruptedException {
        asked.await(idleMillis, TimeUnit.MILLISECONDS);
        return freshContext();
    }

    private SandboxedPython.Prepared freshContext() {
        // Collect the finished run now, so its garbage cannot trip the memory guard of the next one.
        System.gc();
        return python.prepare();
    }

    private RunResult execute(SandboxedPython.Prepared p, RunRequest request, long start) {
        String file = request.name();
        ScriptError error = null;
        Score score = null;
        try {
            p.builder().limits(ScoreLimits.DEFAULT.withMaxSeconds(request.maxSeconds()));
            p.builder().samples(request.samples());
            Value failed = p.module().getMember("_run_script").execute(request.code(), file);
            if (!failed.isNull()) {
                error = ErrorMapper.fromPython(file, failed, 0);
            } else {
                Value finish = p.module().getMember("_finish").execute(request.horizonSeconds(), file);
                if (finish.getArrayElement(0).asString().equals("error")) {
                    error = ErrorMapper.fromPython(file, finish, 1);
                } else {
                    double scriptEnd = finish.getArrayElement(1).asDouble();
                    Value loops = finish.getArrayElement(2);
                    List<String> names = new ArrayList<>();
                    for (long i = 0; i < loops.getArraySize(); i++) {
                        names.add(loops.getArrayElement(i).asString());
                    }
                    score = p.builder().build(names, request.horizonSeconds(), scriptEnd);
                }
            }
        } catch (PolyglotException e) {
            if (memoryTripped) {
                error = memoryError(request, 0);
            } else if (e.isInterrupted() || e.isCancelled()) {
                error = timeoutError(request);
            } else {
                error = ErrorMapper.map(e, file);
            }
        }
        if (memoryTripped && error != null && error.category() != Category.MEMORY) {
            error = memoryError(request, error.line());
        }
        return new RunResult(score, error, p.printed().text(), p.printed().truncated(), (System.nanoTime() - start) / 1e6);
    }

    /** An error after the attempt to find its line; fatal when the rerun could not be stopped. */
    private record Located(ScriptError error, boolean fatal) {
    }

    /**
     * Finds the line of an error that came without one by running the script again in a fresh
     * context, watching its calls (see _locate in riffcode.py). Only failed runs pay for this, and
     * only within what is left of the run's time bound; when time runs out the error keeps line 0.
     */
    private Located locate(RunRequest request, ScriptError error, long deadline) throws InterruptedException {
        AtomicReference<SandboxedPython.Prepared> again = new AtomicReference<>();
        Future<ScriptError> rerun = scriptThread.submit(() -> rerun(request, error, again, deadline));
        try {
            return new Located(rerun.get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS), false);
        } catch (TimeoutException e) {
            SandboxedPython.Prepared p = again.get();
            // Still preparing its context: it sees the deadline and returns without running.
            boolean stopped = p == null || stop(p, rerun);
            return new Located(error, !stopped);
        } catch (ExecutionException e) {
            return new Located(error, false);
        } finally {
            running = null;
            SandboxedPython.Prepared p = again.get();
            if (p != null && rerun.isDone()) {
                WorkerProcess.closeQuietly(p);
            }
        }
    }

    private ScriptError rerun(RunRequest request, ScriptError error, AtomicReference<SandboxedPython.Prepared> holder,
            long deadline) {
        SandboxedPython.Prepared p = python.prepare();
        holder.set(p);
        if (System.nanoTime() >= deadline) {
            WorkerProcess.closeQuietly(p);
            return error;
        }
        memoryTripped = false;
        running = p;
        String file = request.name();
        ScriptError again;
        try {
            p.builder().limits(ScoreLimits.DEFAULT.withMaxSeconds(request.maxSeconds()));
            p.builder().samples(request.samples());
            Value failed = p.module().getMember("_locate").execute(request.code(), file, request.horizonSeconds());
            again = failed.isNull() ? null : ErrorMapper.fromPython(file, failed, 0);
        } catch (PolyglotException e) {
            again = e.isInterrupted() || e.isCancelled() || memoryTripped ? null : ErrorMapper.map(e, file);
        }
        // A rerun that ends differently (say, random choices took another path) has no line to offer,
        // unless it names what a failure the runtime could not explain was (os._exit ends the first
        // run with an internal error, but a run being profiled with an exit).
        boolean same = again != null && again.category() == error.category() && again.kind().equals(error.kind())
                && again.message().equals(error.message());
        boolean explained = again != null && again.category() == Category.BLOCKED && ErrorMapper.isInternalFailure(error);
        if (!same && !explained) {
            return error;
        }
        Value where = p.module().getMember("_where").execute(file);
        return ErrorMapper.located(same ? error : again, where.getArrayElement(0).asInt(),
                where.getArrayElement(1).asString());
    }

    /**
     * Interrupts a script that overran. True when it stopped; false for code that ignores
     * interrupts (one huge builtin call), which only ending the process can stop.
     */
    private static boolean stop(SandboxedPython.Prepared p, Future<?> result) {
        try {
            p.context().interrupt(Duration.ofMillis(300));
            result.get(200, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception interruptFailed) {
            return false;
        }
    }

    private static ScriptError timeoutError(RunRequest request) {
        return new ScriptError(Category.TIMEOUT, request.name(), 0, "Timeout",
                String.format("the script ran longer than %.1f s and was stopped; does a loop never end? "
                        + "(use live_loop for music that repeats forever)", request.timeoutMillis() / 1000.0));
    }

    private static ScriptError memoryError(RunRequest request, int line) {
        return WorkerProcess.memoryError(request.name(), line);
    }

    /** The heap stays full: stop the running script. */
    private void stopForMemory() {
        SandboxedPython.Prepared p = running;
        if (p != null) {
            memoryTripped = true;
            WorkerProcess.closeInBackground(p);
        }
    }

}
