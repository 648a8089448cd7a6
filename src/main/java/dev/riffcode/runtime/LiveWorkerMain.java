package dev.riffcode.runtime;

import dev.riffcode.api.ScoreLimits;
import dev.riffcode.runtime.ScriptError.Category;
import dev.riffcode.score.Score;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * The live worker process: keeps one sandboxed context per installed version, each on a thread of its own, so a new
 * version's top level can run while the playing version's loops go on computing their passes. The same limits as
 * for render hold per request: a time bound (interrupt, and when that fails the process ends after answering), a
 * memory guard that stops the code that is running (a new version's top level first), and bounded printing.
 */
public final class LiveWorkerMain {

    private static final long INTERRUPT_GRACE_MILLIS = 300;

    private final Frames frames;
    private final SandboxedPython python;
    private final ExecutorService prepareThread = Executors.newSingleThreadExecutor(r -> WorkerProcess.daemon(r, "riffcode-prepare"));
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            r -> WorkerProcess.daemon(r, "riffcode-watchdog"));
    private final Map<Integer, Version> versions = new ConcurrentHashMap<>();
    /** Requests running now, so the memory guard knows whom to stop. */
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    /**
     * Contexts prepared ahead for the next versions, oldest first (the one prepare thread makes them in order, at
     * the lowest priority once the worker is ready: a build beside the first passes of a version made them late). Two,
     * so a Run soon after another finds one ready: with one, a Run within a context build (0.1 s warm, seconds while
     * the worker's JIT is still cold) of the last waited for all of it.
     */
    private final Deque<Future<SandboxedPython.Prepared>> spares = new ArrayDeque<>();
    private static final int SPARES = 2;
    /** The context syntax checks compile in, on a thread of its own: made for the first check, and again after
     * the memory guard closed it. */
    private Future<SandboxedPython.Prepared> checkContext;
    private final ExecutorService checkThread = Executors.newSingleThreadExecutor(
            r -> WorkerProcess.daemon(r, "riffcode-check"));
    private volatile boolean checkContextClosed;

    /** One installed version: its context, and the one thread that may use it. */
    private record Version(int number, String file, SandboxedPython.Prepared context, ExecutorService thread) {
    }

    /** A request being worked on. */
    private static final class Running {
        final LiveRequest request;
        final Version version;
        final AtomicBoolean answered = new AtomicBoolean();
        volatile boolean memoryTripped;

        Running(LiveRequest request, Version version) {
            this.request = request;
            this.version = version;
        }
    }

    private LiveWorkerMain(Frames frames, SandboxedPython python) {
        this.frames = frames;
        this.python = python;
    }

    public static void main(String[] args) throws Exception {
        Frames frames = WorkerProcess.protocol();
        long t0 = System.nanoTime();
        LiveWorkerMain worker = new LiveWorkerMain(frames, new SandboxedPython());
        WorkerProcess.watchMemory(worker::stopForMemory);
        worker.warmUp();
        worker.topUpSpares();
        worker.spares.peekFirst().get();
        // From here on contexts are made while loops play: behind every pass, never beside it.
        worker.prepareThread.execute(WorkerProcess::lowestPriorityForThisThread);
        frames.send(WorkerMessage.ready((System.nanoTime() - t0) / 1e6));
        worker.serve();
        Runtime.getRuntime().halt(0);
    }

    /** Code that touches what loop passes use, run before the first real version. */
    private static final String WARM_UP = """
            use_bpm(120)
            osc = SineOscillator(frequency=220, amplitude=0.1)
            out(osc)
            @live_loop
            def warm():
                with with_fx("reverb", room=0.5):
                    play(scale("C4", "major")[tick() % 7], synth="saw", release=0.1)
                    sample("bd_haus")
                osc.frequency.set(rrand(200, 400))
                sleep(0.25)
            """;

    /**
     * A fresh worker's first passes run interpreted and cold, slow enough to be late for the audio. Running a few
     * hundred passes of a throw-away version first compiles the shared code every later context uses.
     */
    private void warmUp() {
        SandboxedPython.Prepared context = python.prepare();
        try {
            Version v = new Version(0, "warm-up.py", context, null);
            runInstall(v, LiveRequest.install(0, 0, "warm-up.py", WARM_UP, 60, 0, null));
            Map<String, Integer> ticks = Map.of();
            for (int pass = 0; pass < 300; pass++) {
                ticks = runPass(v, LiveRequest.pass(0, 0, "warm", pass, ticks, 0)).ticks();
            }
        } catch (RuntimeException e) {
            System.err.println("riffcode live worker: warm-up failed: " + e);
        } finally {
            WorkerProcess.closeQuietly(context);
        }
    }

    private void serve() throws IOException, InterruptedException {
        LiveRequest request;
        while ((request = frames.receive(LiveRequest.class)) != null) {
            switch (request.type()) {
                case "install" -> install(request);
                case "pass" -> pass(request);
                case "drop" -> drop(request.version());
                case "check" -> check(request);
                case "shutdown" -> {
                    return;
                }
                default -> System.err.println("riffcode live worker: unknown request " + request.type());
            }
        }
    }

    private void install(LiveRequest request) throws IOException, InterruptedException {
        long arrived = System.nanoTime();
        SandboxedPython.Prepared context;
        try {
            context = spares.removeFirst().get();
        } catch (ExecutionException e) {
            answer(LiveAnswer.failed(request.id(), new ScriptError(Category.CRASH, request.name(), 0, "InternalError",
                    "the Python runtime failed to start: " + e.getCause()), "", true));
            Runtime.getRuntime().halt(1);
            return;
        }
        topUpSpares();
        drop(request.version());
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> WorkerProcess.daemon(r, "riffcode-v" + request.version()));
        Version version = new Version(request.version(), request.name(), context, thread);
        versions.put(request.version(), version);
        submit(version, request, arrived, () -> runInstall(version, request));
    }

    private void topUpSpares() {
        while (spares.size() < SPARES) {
            spares.addLast(prepareThread.submit(python::prepare));
        }
    }

    private void pass(LiveRequest request) throws IOException {
        Version version = versions.get(request.version());
        if (version == null) {
            answer(LiveAnswer.failed(request.id(), new ScriptError(Category.CRASH, "<live>", 0, "VersionGone",
                    "version " + request.version() + " is not installed in the worker"), "", false));
            return;
        }
        submit(version, request, System.nanoTime(), () -> runPass(version, request));
    }

    /**
     * Compiles in a context of its own, on a thread of its own, so a check never waits for loop passes and never
     * touches what plays. The context is made on the prepare thread; the check waits for it on its own thread.
     */
    private void check(LiveRequest request) {
        if (checkContext == null || checkContextClosed) {
            checkContextClosed = false;
            checkContext = prepareThread.submit(python::prepare);
        }
        Future<SandboxedPython.Prepared> context = checkContext;
        checkThread.execute(() -> {
            try {
                Version checker = new Version(-1, request.name(), context.get(), checkThread);
                // Bounded from here: waiting for the context is the worker's time, not the code's.
                submit(checker, request, System.nanoTime(), () -> runCheck(checker, request));
            } catch (ExecutionException | InterruptedException e) {
                answerQuietly(LiveAnswer.failed(request.id(), new ScriptError(Category.CRASH, request.name(), 0,
                        "InternalError", "the Python runtime failed to start: " + e), "", false));
            }
        });
    }

    private LiveAnswer runCheck(Version checker, LiveRequest request) {
        long start = System.nanoTime();
        Value found = checker.context().module().getMember("_check_syntax").execute(request.code(), request.name());
        double millis = (System.nanoTime() - start) / 1e6;
        if (found.isNull()) {
            return new LiveAnswer(request.id(), null, null, 0, 0, List.of(), Map.of(), "", millis, false);
        }
        ScriptError error = ErrorMapper.classify(request.name(), found.getArrayElement(2).asInt(),
                found.getArrayElement(0).asString(), found.getArrayElement(1).asString());
        return new LiveAnswer(request.id(), error, null, 0, 0, List.of(), Map.of(), "", millis, false);
    }

    private void drop(int number) {
        Version old = versions.remove(number);
        if (old != null) {
            old.thread().execute(() -> WorkerProcess.closeQuietly(old.context()));
            old.thread().shutdown();
        }
    }

    /** Runs a request on its version's thread, bounded in time from its arrival. */
    private void submit(Version version, LiveRequest request, long arrived, java.util.concurrent.Callable<LiveAnswer> work) {
        Running job = new Running(request, version);
        Future<?> task = version.thread().submit(() -> {
            running.put(request.id(), job);
            LiveAnswer result;
            try {
                result = work.call();
            } catch (PolyglotException e) {
                result = failure(job, e);
            } catch (Exception e) {
                result = LiveAnswer.failed(request.id(), new ScriptError(Category.CRASH, version.file(), 0,
                        "InternalError", "the live runtime failed: " + e), "", false);
            } finally {
                running.remove(request.id());
            }
            if (job.memoryTripped && (result.error() == null || result.error().category() != Category.MEMORY)) {
                result = LiveAnswer.failed(request.id(), memoryError(version.file()), "", false);
            }
            if (job.answered.compareAndSet(false, true)) {
                answerQuietly(result);
            }
        });
        long left = request.timeoutMillis() - (System.nanoTime() - arrived) / 1_000_000;
        watchdog.schedule(() -> overran(job, task), Math.max(1, left), TimeUnit.MILLISECONDS);
    }

    /** The bound passed: interrupt; code that ignores interrupts can only be stopped by ending the process. */
    private void overran(Running job, Future<?> task) {
        if (task.isDone()) {
            return;
        }
        try {
            job.version.context().context().interrupt(Duration.ofMillis(INTERRUPT_GRACE_MILLIS));
            task.get(INTERRUPT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception interruptFailed) {
            if (job.answered.compareAndSet(false, true)) {
                answerQuietly(LiveAnswer.failed(job.request.id(), timeoutError(job), "", true));
            }
            Runtime.getRuntime().halt(2);
        }
    }

    private LiveAnswer runInstall(Version version, LiveRequest request) {
        long start = System.nanoTime();
        SandboxedPython.Prepared p = version.context();
        p.builder().limits(ScoreLimits.DEFAULT);
        p.builder().samples(request.samples());
        Value result = p.module().getMember("_live_install").execute(request.code(), request.name(), request.bpm());
        String printed = p.printed().drain();
        if (result.getArrayElement(0).asString().equals("error")) {
            return LiveAnswer.failed(request.id(), ErrorMapper.fromPython(request.name(), result, 1), printed, false);
        }
        double end = result.getArrayElement(1).asDouble();
        double bpm = result.getArrayElement(2).asDouble();
        List<LiveAnswer.LoopInfo> loops = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Value defined = result.getArrayElement(3);
        for (long i = 0; i < defined.getArraySize(); i++) {
            Value loop = defined.getArrayElement(i);
            loops.add(new LiveAnswer.LoopInfo(loop.getArrayElement(0).asString(), loop.getArrayElement(1).asInt(),
                    loop.getArrayElement(2).asDouble()));
            names.add(loop.getArrayElement(0).asString());
        }
        Score score = p.builder().drain(names, end);
        return new LiveAnswer(request.id(), null, score, end, bpm, loops, Map.of(), printed,
                (System.nanoTime() - start) / 1e6, false);
    }

    private LiveAnswer runPass(Version version, LiveRequest request) {
        long start = System.nanoTime();
        SandboxedPython.Prepared p = version.context();
        Map<String, Integer> ticks = request.ticks() == null ? Map.of() : request.ticks();
        Object[][] pairs = new Object[ticks.size()][];
        int i = 0;
        for (Map.Entry<String, Integer> e : ticks.entrySet()) {
            pairs[i++] = new Object[] {e.getKey(), e.getValue()};
        }
        Value result = p.module().getMember("_live_pass").execute(request.loop(), request.passes(), pairs);
        String printed = p.printed().drain();
        if (result.getArrayElement(0).asString().equals("error")) {
            p.builder().drain(List.of(), 0);   // a failed pass plays nothing
            return LiveAnswer.failed(request.id(), ErrorMapper.fromPython(version.file(), result, 1), printed, false);
        }
        double length = result.getArrayElement(1).asDouble();
        Map<String, Integer> after = new LinkedHashMap<>();
        Value counters = result.getArrayElement(2);
        for (long k = 0; k < counters.getArraySize(); k++) {
            Value pair = counters.getArrayElement(k);
            after.put(pair.getArrayElement(0).asString(), pair.getArrayElement(1).asInt());
        }
        Score score = p.builder().drain(List.of(), length);
        return new LiveAnswer(request.id(), null, score, length, 0, List.of(), after, printed,
                (System.nanoTime() - start) / 1e6, false);
    }

    private LiveAnswer failure(Running job, PolyglotException e) {
        String file = job.version.file();
        String printed = job.version.context().printed().drain();
        if (job.memoryTripped) {
            return LiveAnswer.failed(job.request.id(), memoryError(file), printed, false);
        }
        if (e.isInterrupted() || e.isCancelled()) {
            return LiveAnswer.failed(job.request.id(), timeoutError(job), printed, false);
        }
        return LiveAnswer.failed(job.request.id(), ErrorMapper.map(e, file), printed, false);
    }

    private static ScriptError timeoutError(Running job) {
        String what = job.request.type().equals("pass") ? "a pass of live_loop '" + job.request.loop() + "'"
                : "the script's top level";
        return new ScriptError(Category.TIMEOUT, job.version.file(), 0, "Timeout", String.format(
                "%s ran longer than %.1f s and was stopped; does a loop never end?", what,
                job.request.timeoutMillis() / 1000.0));
    }

    private static ScriptError memoryError(String file) {
        return WorkerProcess.memoryError(file, 0);
    }

    /** The heap stays full: stop what is running, a new version's top level first (new code is the suspect). */
    private void stopForMemory() {
        if (WorkerProcess.freeingMemory()) {
            return;   // the last culprit's memory is still being given back
        }
        Running culprit = running.values().stream().filter(r -> r.request.type().equals("install")).findFirst()
                .orElse(running.values().stream().findFirst().orElse(null));
        if (culprit != null) {
            culprit.memoryTripped = true;
            checkContextClosed |= culprit.request.type().equals("check");
            versions.remove(culprit.version.number());
            WorkerProcess.closeInBackground(culprit.version.context());
        }
    }

    private void answer(LiveAnswer answer) throws IOException {
        frames.send(answer);
    }

    private void answerQuietly(LiveAnswer answer) {
        try {
            frames.send(answer);
        } catch (IOException e) {
            // the app is gone; nothing to tell
            Runtime.getRuntime().halt(0);
        }
    }


}
