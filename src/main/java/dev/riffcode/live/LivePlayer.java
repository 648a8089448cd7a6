package dev.riffcode.live;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.runtime.LiveAnswer;
import dev.riffcode.runtime.LiveWorker;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.samples.SampleIndex;
import dev.riffcode.samples.SampleLibrary;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.OutputRoute;
import dev.riffcode.score.PortEvent;
import dev.riffcode.score.SampleHit;
import dev.riffcode.score.Score;
import dev.riffcode.score.UnitGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a script live and swaps in new versions of it while it plays. Python runs in the live worker, never here and
 * never on the audio thread: this class asks for loop passes a little ahead of the audio and queues what they play to
 * the {@link LiveRenderer} on exact frames.
 *
 * <p>All of its state is used on one scheduler thread; {@link #evaluate} and {@link #status} may be called from any
 * thread.
 */
public final class LivePlayer implements AutoCloseable {

    /** How often the scheduler looks for loops whose next pass is due. */
    private static final long PUMP_MILLIS = 5;
    /** How long a kept unit graph takes to glide to a new version's values. */
    private static final double GLIDE_SECONDS = 0.05;
    /** How far ahead of the audio a pass must still start for its notes to be queued in time. */
    private static final double LATE_MARGIN_SECONDS = 0.01;
    /**
     * How late a note may still be sent: it starts at once, a little late, as Sonic Pi plays a note it is slightly
     * behind for. A busy machine can hold this thread back for tens of ms between deciding a pass is in time and
     * queuing its notes; leaving the first note out would be a gap, playing it 20 ms late is barely heard.
     */
    static final double LATE_NOTE_SECONDS = 0.05;

    private final LiveWorker worker;
    private final LiveRenderer renderer;
    private final LiveSettings settings;
    private final LiveListener listener;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "riffcode-live-scheduler");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY - 1);
        return t;
    });
    /** Walks the sample folders and decodes samples, so neither the scheduler nor the audio thread waits for a disk. */
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "riffcode-sample-loader");
        t.setDaemon(true);
        return t;
    });
    private final SampleLibrary samples;
    private final AtomicInteger versionNumbers = new AtomicInteger();
    private long tags;
    private EffectSlots slots;
    /** Bumped by {@link #stop}: a version asked for before it never starts. */
    private final AtomicInteger stops = new AtomicInteger();
    /** After a stop, new music waits for the renderer to be silent and as new, at most until then. */
    private long stopDeadline;
    private final Map<Integer, Version> versions = new HashMap<>();
    private final Map<String, Loop> loops = new LinkedHashMap<>();
    private LiveClock clock;
    private Integer playing;
    private boolean restarting;
    private volatile Status status = new Status(null, 0, List.of(), 0);

    /** One accepted version: its code (to install it again after a crash) and its effects' slots. */
    private static final class Version {
        final int number;
        final String code;
        final EffectSlots.Version effects;
        boolean installed = true;
        int inFlight;
        /** The renderer's handle of the unit graph this version plays, or -1; a next version may take it over. */
        int graph = -1;
        /** The graph's units, connections and routes (to slots), to tell whether a next version has the same. */
        UnitGraph shape;
        boolean warnedUnits;

        Version(int number, String code) {
            this.number = number;
            this.code = code;
            this.effects = new EffectSlots.Version(number);
        }
    }

    /** One live loop: where its time stands and the state its passes carry. */
    private static final class Loop {
        final String name;
        int bodyVersion;
        Integer goodVersion;
        long nextStart;
        long passes;
        Map<String, Integer> ticks = Map.of();
        boolean inFlight;
        boolean stopping;
        long lastLength;
        /** The version whose body ran the last pass: a new body's first pass is asked for at once, ahead of time,
         * because a fresh context's first pass is the slowest. */
        Integer lastRunVersion;
        /** A new body's first pass is being computed to replace a pass of the old one queued ahead. */
        boolean takeOverInFlight;
        /** Passes queued to the renderer that may not have started yet, oldest first. */
        final java.util.ArrayDeque<Ahead> ahead = new java.util.ArrayDeque<>();
        /** Bumped when the passes ahead are taken back: an answer asked for before then is dropped. */
        int generation;

        Loop(String name, int bodyVersion, long nextStart) {
            this.name = name;
            this.bodyVersion = bodyVersion;
            this.nextStart = nextStart;
        }
    }

    /** A pass queued ahead of the audio, and the loop's state before it, so it can be taken back and redone. */
    private record Ahead(long tag, int version, long start, long passesBefore, Map<String, Integer> ticksBefore) {
    }

    /**
     * The outcome of {@link #evaluate}: the version's number, and its error or the frame it starts on ({@code -1}
     * when a {@link #stop} came before it could start).
     */
    public record Evaluation(int version, ScriptError error, long startFrame, List<String> loops, String printed) {
        public boolean ok() {
            return error == null;
        }
    }

    /** A loop as the terminal shows it. */
    public record LoopStatus(String name, int version, long passes, long nextStart, long passFrames, boolean stopping) {
    }

    /** What plays now. */
    public record Status(Integer version, double bpm, List<LoopStatus> loops, long position) {
    }

    /** An answer from the worker with the audio of the samples it plays, decoded at the renderer's rate. */
    private record Ready(LiveAnswer answer, Map<String, AudioClip> audio) {
    }

    /** A player whose scripts can play the built-in samples only. */
    public LivePlayer(LiveWorker worker, LiveRenderer renderer, LiveSettings settings, LiveListener listener) {
        this(worker, renderer, settings, listener, SampleLibrary.none());
    }

    /**
     * @param samples the sample folders and clips scripts may play: each version gets the names there are when it
     *                is evaluated, and the files are decoded off the scheduler and audio threads (once each, cached)
     */
    public LivePlayer(LiveWorker worker, LiveRenderer renderer, LiveSettings settings, LiveListener listener,
            SampleLibrary samples) {
        this.samples = samples == null ? SampleLibrary.none() : samples;
        this.worker = worker;
        this.renderer = renderer;
        this.settings = settings;
        this.listener = listener;
        this.slots = new EffectSlots(renderer);
        thread.scheduleWithFixedDelay(this::pumpSafely, PUMP_MILLIS, PUMP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a new version's top level; if it works it takes over at the next beat, else nothing that plays changes.
     * Every version gets a number, whether or not it works.
     */
    public CompletableFuture<Evaluation> evaluate(String code) {
        int number = versionNumbers.incrementAndGet();
        int stopsBefore = stops.get();
        CompletableFuture<Evaluation> result = new CompletableFuture<>();
        // With no sample folders or clips there is nothing to walk: no detour through the loader thread.
        CompletableFuture<SampleIndex> index = samples.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(this::sampleIndex, loader);
        index.thenCompose(names -> worker.install(number, settings.fileName(), code, settings.defaultBpm(),
                        settings.installTimeoutMillis(), names))
                .thenCompose(this::withAudioLater)
                .whenCompleteAsync((ready, failure) -> {
                    try {
                        accept(number, code, ready == null ? null : ready.answer(),
                                ready == null ? Map.of() : ready.audio(), result, stopsBefore);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }, thread);
        return result;
    }

    /**
     * Stops everything, for an editor's Stop: loops ask for no more passes, what was computed ahead and versions
     * still starting are dropped, and the sound fades out over {@code fadeSeconds}. The future completes once the
     * renderer is silent and as new (or a second after the fade, should the audio thread not run); the next
     * {@link #evaluate} then starts afresh, with a new clock and new effects.
     */
    public CompletableFuture<Void> stop(double fadeSeconds) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> {
            stops.incrementAndGet();
            for (Version v : versions.values()) {
                worker.drop(v.number);
            }
            versions.clear();
            long now = renderer.position();
            for (Loop loop : loops.values()) {
                for (Ahead pass : loop.ahead) {
                    if (pass.start() >= now) {
                        // Computed ahead and never to be heard: the renderer forgets it with the rest.
                        listener.passTakenBack(loop.name, pass.version(), pass.start());
                    }
                }
            }
            loops.clear();
            clock = null;
            playing = null;
            slots = new EffectSlots(renderer);
            stopDeadline = System.nanoTime() + Math.round((fadeSeconds + 1) * 1e9);
            askToStop(fadeSeconds, done);
            updateStatus();
        });
        return done;
    }

    private void askToStop(double fadeSeconds, CompletableFuture<Void> done) {
        if (!renderer.stopAll(fadeSeconds)) {
            thread.schedule(() -> askToStop(fadeSeconds, done), 2, TimeUnit.MILLISECONDS);   // its queue is full
            return;
        }
        awaitSilence(done);
    }

    private void awaitSilence(CompletableFuture<Void> done) {
        if (renderer.stopped() || System.nanoTime() >= stopDeadline) {
            done.complete(null);
        } else {
            thread.schedule(() -> awaitSilence(done), 2, TimeUnit.MILLISECONDS);
        }
    }

    /** The names scripts may play now; none but the built-in ones when the folders cannot be walked. */
    private SampleIndex sampleIndex() {
        try {
            return samples.index();
        } catch (RuntimeException e) {
            System.err.println("riffcode: live: the sample folders cannot be read: " + e);
            return SampleIndex.EMPTY;
        }
    }

    /** The answer with its samples' audio: decoded on the loader thread when it plays any, else at once. */
    private CompletableFuture<Ready> withAudioLater(LiveAnswer answer) {
        if (answer == null || !answer.ok() || answer.score() == null || answer.score().samples().isEmpty()) {
            return CompletableFuture.completedFuture(new Ready(answer, Map.of()));
        }
        return CompletableFuture.supplyAsync(() -> withAudio(answer), loader);
    }

    /**
     * Decodes the samples an answer plays (on the loader thread). A sample that cannot be played turns the answer
     * into an error at the line that played it, as in a render.
     */
    private Ready withAudio(LiveAnswer answer) {
        if (answer == null || !answer.ok() || answer.score() == null || answer.score().samples().isEmpty()) {
            return new Ready(answer, Map.of());
        }
        Map<String, AudioClip> audio = new HashMap<>();
        for (SampleHit hit : answer.score().samples()) {
            if (audio.containsKey(hit.name())) {
                continue;
            }
            try {
                audio.put(hit.name(), samples.audio(hit.name(), settings.sampleRate()));
            } catch (IOException | RuntimeException e) {
                ScriptError error = new ScriptError(ScriptError.Category.SCRIPT, settings.fileName(), hit.line(),
                        "SampleError", "sample(): " + e.getMessage());
                return new Ready(new LiveAnswer(answer.id(), error, null, 0, 0, List.of(), Map.of(), answer.printed(),
                        answer.millis(), false), Map.of());
            }
        }
        return new Ready(answer, audio);
    }

    /** A snapshot for display. */
    public Status status() {
        return status;
    }

    // ------------------------------------------------------------------ on the scheduler thread

    private void accept(int number, String code, LiveAnswer answer, Map<String, AudioClip> audio,
            CompletableFuture<Evaluation> result, int stopsBefore) {
        if (!renderer.stopped() && System.nanoTime() < stopDeadline) {
            // A stop is still fading: what is queued now would be forgotten with the rest.
            thread.schedule(() -> accept(number, code, answer, audio, result, stopsBefore), 2, TimeUnit.MILLISECONDS);
            return;
        }
        String printed = answer == null ? "" : answer.printed();
        if (!printed.isEmpty()) {
            listener.printed(number, printed);
        }
        if (answer == null || !answer.ok()) {
            ScriptError error = answer == null ? new ScriptError(ScriptError.Category.CRASH, settings.fileName(), 0,
                    "WorkerCrashed", "no answer from the live worker") : answer.error();
            worker.drop(number);
            listener.versionFailed(number, error);
            result.complete(new Evaluation(number, error, -1, List.of(), printed));
            if (answer == null || answer.fatal()) {
                restartWorker(error.message());
            }
            return;
        }
        if (stopsBefore != stops.get()) {
            worker.drop(number);
            result.complete(new Evaluation(number, null, -1, List.of(), printed));
            return;
        }
        long now = renderer.position();
        long ahead = settings.frames(settings.startSeconds());
        long at;
        if (clock == null) {
            at = now + ahead;
            clock = new LiveClock(settings.sampleRate(), at, answer.bpm());
        } else {
            at = clock.nextBeat(now + ahead);
            if (answer.bpm() != clock.bpm()) {
                clock.changeTempo(at, answer.bpm());
            }
        }
        Version version = new Version(number, code);
        versions.put(number, version);
        Version previous = playing == null ? null : versions.get(playing);
        play(version, answer.score(), audio, at, null, previous, 0);
        List<String> names = new ArrayList<>();
        long cutoff = now + ahead;
        for (LiveAnswer.LoopInfo info : answer.loops()) {
            names.add(info.name());
            Loop loop = loops.get(info.name());
            if (loop == null) {
                loops.put(info.name(), new Loop(info.name(), number, at + settings.frames(info.start())));
            } else {
                // The old body's passes ahead stay queued until the new body's first pass is in hand (see
                // requestPass): a slow first pass then moves the take-over one pass later instead of leaving a gap.
                loop.bodyVersion = number;
                loop.stopping = false;
            }
        }
        for (Loop loop : loops.values()) {
            if (!names.contains(loop.name)) {
                loop.stopping = true;
                takeBack(loop, cutoff);
            }
        }
        playing = number;
        listener.versionStarted(number, at, answer.bpm(), names);
        result.complete(new Evaluation(number, null, at, names, printed));
        retireUnused();
        pump();
    }

    /**
     * A loop's body changed (or it is gone): the passes computed ahead that have not started by {@code cutoff} are
     * taken back, and the loop's time and tick counters return to where the first of them began, so its next pass
     * is the new body's. Passes that have started, or start before the cutoff, play as they are.
     */
    private void takeBack(Loop loop, long cutoff) {
        while (!loop.ahead.isEmpty() && loop.ahead.peekLast().start() >= cutoff) {
            Ahead pass = loop.ahead.pollLast();
            renderer.cancel(pass.tag());
            loop.nextStart = pass.start();
            loop.passes = pass.passesBefore();
            loop.ticks = pass.ticksBefore();
            listener.passTakenBack(loop.name, pass.version(), pass.start());
        }
        if (loop.inFlight && loop.nextStart >= cutoff) {
            loop.generation++;
        }
    }

    private void pumpSafely() {
        try {
            pump();
        } catch (RuntimeException e) {
            // The scheduler must outlive any one mistake; the next pump tries again.
            System.err.println("riffcode: live scheduler: " + e);
        }
    }

    /**
     * Asks for the passes that are due within the schedule-ahead window. A loop whose body changed keeps its old
     * body's passes coming while the new body's first pass is computed (see {@link #requestTakeOver}): a slow first
     * pass then moves the take-over later instead of leaving a gap.
     */
    private void pump() {
        if (clock == null || restarting) {
            updateStatus();
            return;
        }
        long now = renderer.position();
        long horizon = now + settings.frames(settings.aheadSeconds());
        for (Iterator<Loop> it = loops.values().iterator(); it.hasNext();) {
            Loop loop = it.next();
            while (!loop.ahead.isEmpty() && loop.ahead.peekFirst().start() < now) {
                loop.ahead.pollFirst();   // it has begun: it can no longer be taken back
            }
            if (loop.stopping) {
                if (!loop.inFlight && loop.nextStart < horizon) {
                    it.remove();
                    listener.loopStopped(loop.name, "it is gone from the code");
                }
                continue;
            }
            if (!loop.inFlight && loop.nextStart < now) {
                // The loop fell behind (a stalled worker, a restart): it rejoins on the next beat.
                long rejoin = clock.nextBeat(horizon);
                listener.loopMissed(loop.name, loop.nextStart, 0);
                loop.nextStart = rejoin;
                continue;
            }
            boolean newLoop = loop.lastRunVersion == null;
            boolean changed = !newLoop && loop.bodyVersion != loop.lastRunVersion;
            if (changed && !loop.takeOverInFlight) {
                Ahead target = takeOverTarget(loop);
                if (target != null) {
                    requestTakeOver(loop, target);
                } else if (!loop.inFlight) {
                    // Nothing queued ahead to replace: the new body's next pass, asked for at once because a fresh
                    // context's first pass is the slowest.
                    requestPass(loop, loop.bodyVersion);
                    continue;
                }
            }
            if (loop.inFlight || loop.nextStart >= horizon && !newLoop) {
                continue;
            }
            requestPass(loop, changed ? loop.lastRunVersion : loop.bodyVersion);
        }
        retireUnused();
        updateStatus();
    }

    /** Asks the worker for a loop's pass at its next start. */
    private void requestPass(Loop loop, int versionNumber) {
        Version version = versions.get(versionNumber);
        if (version == null || !version.installed) {
            return;
        }
        loop.inFlight = true;
        long askedAt = System.nanoTime();
        version.inFlight++;
        int generation = loop.generation;
        worker.pass(versionNumber, settings.fileName(), loop.name, loop.passes, loop.ticks, settings.passTimeoutMillis())
                .thenCompose(this::withAudioLater)
                .whenCompleteAsync((ready, failure) -> {
                    LiveAnswer answer = ready == null ? null : ready.answer();
                    Map<String, AudioClip> audio = ready == null ? Map.of() : ready.audio();
                    try {
                        version.inFlight--;
                        loop.inFlight = false;
                        if (generation != loop.generation || loops.get(loop.name) != loop) {
                            // Asked for before its passes were taken back (the body it ran has been replaced), or
                            // before a stop.
                            pump();
                            return;
                        }
                        if (!passFailed(loop, version, answer)) {
                            queuePass(loop, version, answer, audio, askedAt);
                        }
                    } catch (RuntimeException e) {
                        System.err.println("riffcode: live scheduler: " + e);
                    }
                }, thread);
    }

    /**
     * Asks for a new body's first pass in place of {@code target}, a pass of an older body queued ahead, with the
     * loop's state before it. The older passes are taken back only once it has arrived while the target has not yet
     * begun; if it comes too late, a later pass is asked for.
     */
    private void requestTakeOver(Loop loop, Ahead target) {
        Version version = versions.get(loop.bodyVersion);
        if (version == null || !version.installed) {
            return;
        }
        loop.takeOverInFlight = true;
        long askedAt = System.nanoTime();
        version.inFlight++;
        worker.pass(version.number, settings.fileName(), loop.name, target.passesBefore(), target.ticksBefore(),
                settings.passTimeoutMillis()).thenApplyAsync(this::withAudio, loader)
                .whenCompleteAsync((ready, failure) -> {
                    LiveAnswer answer = ready == null ? null : ready.answer();
                    Map<String, AudioClip> audio = ready == null ? Map.of() : ready.audio();
                    try {
                        version.inFlight--;
                        loop.takeOverInFlight = false;
                        if (loops.get(loop.name) != loop || loop.stopping || version.number != loop.bodyVersion) {
                            pump();   // stopped, gone from the code, or itself replaced meanwhile
                            return;
                        }
                        if (passFailed(loop, version, answer)) {
                            return;
                        }
                        if (!loop.ahead.contains(target)
                                || target.start() < renderer.position() + settings.frames(LATE_MARGIN_SECONDS)) {
                            listener.takeOverLate(loop.name, version.number, target.start());
                            pump();
                            return;
                        }
                        takeBack(loop, target.start());
                        queuePass(loop, version, answer, audio, askedAt);
                    } catch (RuntimeException e) {
                        System.err.println("riffcode: live scheduler: " + e);
                    }
                }, thread);
    }

    /** The first pass queued ahead, of an older body, that a pass asked for now could still replace; or null. */
    private Ahead takeOverTarget(Loop loop) {
        long earliest = renderer.position() + settings.frames(settings.startSeconds());
        for (Ahead pass : loop.ahead) {
            if (pass.version() != loop.bodyVersion && pass.start() >= earliest) {
                return pass;
            }
        }
        return null;
    }

    /**
     * Handles a pass that did not run: the loop goes back to its last good body, or stops when it has none; a crashed
     * worker is replaced. Returns false when the pass ran.
     */
    private boolean passFailed(Loop loop, Version version, LiveAnswer answer) {
        if (answer != null && answer.ok()) {
            return false;
        }
        if (answer != null && !answer.printed().isEmpty()) {
            listener.printed(version.number, answer.printed());
        }
        ScriptError error = answer == null ? new ScriptError(ScriptError.Category.CRASH, settings.fileName(), 0,
                "WorkerCrashed", "no answer from the live worker") : answer.error();
        if (answer == null || answer.fatal() || error.category() == ScriptError.Category.CRASH) {
            listener.loopFailed(loop.name, version.number, error, loop.goodVersion);
            restartWorker(error.message());
            return true;
        }
        if (error.category() == ScriptError.Category.MEMORY) {
            // The worker closed this version's context to stop it.
            version.installed = false;
        }
        Integer fallback = loop.goodVersion != null && loop.goodVersion != version.number
                && versions.containsKey(loop.goodVersion) && versions.get(loop.goodVersion).installed
                ? loop.goodVersion : null;
        listener.loopFailed(loop.name, version.number, error, fallback);
        if (fallback != null) {
            loop.bodyVersion = fallback;
            pump();
        } else {
            loops.remove(loop.name);
            listener.loopStopped(loop.name, "no version of its body runs without an error");
        }
        return true;
    }

    /** Queues a pass that ran at the loop's next start, and moves the loop on past it. */
    private void queuePass(Loop loop, Version version, LiveAnswer answer, Map<String, AudioClip> audio,
            long askedAt) {
        if (!answer.printed().isEmpty()) {
            listener.printed(version.number, answer.printed());
        }
        listener.passTimed(loop.name, (System.nanoTime() - askedAt) / 1e6, answer.millis());
        long earliest = renderer.position() + settings.frames(LATE_MARGIN_SECONDS);
        if (loop.passes == 0 && loop.nextStart < earliest) {
            // A new loop's first pass came too late for its beat: nothing of it has played, so it starts whole on
            // the next beat instead of with its first notes left out.
            loop.nextStart = clock.nextBeat(earliest);
        }
        long start = loop.nextStart;
        long length = Math.max(1, settings.frames(answer.length()));
        long tag = ++tags;
        loop.ahead.addLast(new Ahead(tag, version.number, start, loop.passes, loop.ticks));
        play(version, answer.score(), audio, start, loop.name, null, tag);
        loop.nextStart = start + length;
        loop.lastLength = length;
        loop.passes++;
        loop.ticks = answer.ticks();
        loop.goodVersion = version.number;
        loop.lastRunVersion = version.number;
        listener.loopPass(loop.name, version.number, start, length);
        pump();
    }

    /**
     * Queues what a version's top level ({@code previous} is the version it takes over from) or a pass played, with
     * time 0 at {@code start}.
     */
    private void play(Version version, Score score, Map<String, AudioClip> audio, long start, String loop,
            Version previous, long tag) {
        for (FxBus fx : score.fx()) {
            if (!slots.define(version.effects, fx)) {
                listener.printed(version.number, "riffcode: too many effects at once; with_fx '" + fx.kind()
                        + "' plays dry\n");
            }
        }
        boolean glide = false;
        if (loop == null) {
            glide = takeGraph(version, score.graph(), start, previous);
        } else if (!score.graph().units().isEmpty() && !version.warnedUnits) {
            version.warnedUnits = true;
            listener.printed(version.number, "riffcode: live loop '" + loop + "' creates unit generators; in live "
                    + "play create them at the top level and change their ports in the loop (these are not heard)\n");
        }
        long now = renderer.position();
        int leftOut = 0;
        for (NoteEvent note : score.notes()) {
            long frame = start + settings.frames(note.time());
            int slot = version.effects.slot(note.bus());
            if (tooLate(frame, now)) {
                leftOut++;
                continue;
            }
            renderer.note(withBus(note, slot < 0 ? LiveRenderer.MAIN : slot), frame, tag);
        }
        for (SampleHit hit : score.samples()) {
            long frame = start + settings.frames(hit.time());
            int slot = version.effects.slot(hit.bus());
            AudioClip clip = audio.get(hit.name());
            if (tooLate(frame, now) || clip == null) {
                leftOut++;
                continue;
            }
            renderer.sample(hit.withBus(slot < 0 ? LiveRenderer.MAIN : slot), clip, frame, tag);
        }
        for (PortEvent change : score.graph().events()) {
            long frame = start + settings.frames(change.time());
            if (tooLate(frame, now)) {
                leftOut++;
                continue;
            }
            // A kept graph takes a new version's starting values by gliding to them, never by a jump.
            PortEvent sent = glide && change.time() == 0 && change.action() == PortEvent.Action.SET
                    ? new PortEvent(0, change.unit(), change.port(), change.part(), PortEvent.Action.RAMP,
                            change.value(), GLIDE_SECONDS)
                    : change;
            renderer.portChange(version.graph, sent, frame, tag);
        }
        if (leftOut > 0) {
            listener.loopMissed(loop == null ? "(top level)" : loop, start, leftOut);
        }
    }

    /**
     * Gives a new version its unit graph from {@code start}: the previous version's, kept playing, when it has the
     * same units, connections and routes (returns true: its values should glide), else a new one that fades in as
     * the old one fades out.
     */
    private boolean takeGraph(Version version, UnitGraph graph, long start, Version previous) {
        int old = previous == null ? -1 : previous.graph;
        if (graph.units().isEmpty()) {
            if (old >= 0) {
                renderer.retireGraph(old, start);
                previous.graph = -1;
            }
            return false;
        }
        List<OutputRoute> routes = new ArrayList<>();
        for (OutputRoute r : graph.outputs()) {
            int slot = version.effects.slot(r.bus());
            routes.add(new OutputRoute(r.unit(), r.port(), r.part(), slot < 0 ? LiveRenderer.MAIN : slot, r.amp(),
                    r.pan(), r.strand()));
        }
        UnitGraph shape = new UnitGraph(graph.units(), graph.connections(), routes, List.of());
        version.shape = shape;
        if (old >= 0 && shape.equals(previous.shape)) {
            version.graph = old;
            previous.graph = -1;
            return true;
        }
        version.graph = renderer.addGraph(shape, start);
        if (old >= 0) {
            renderer.retireGraph(old, start);
            previous.graph = -1;
        }
        return false;
    }

    /** Whether something due at {@code frame} is left out, the audio being at {@code now}: see LATE_NOTE_SECONDS. */
    boolean tooLate(long frame, long now) {
        return frame < now - settings.frames(LATE_NOTE_SECONDS);
    }

    private static NoteEvent withBus(NoteEvent n, int slot) {
        return new NoteEvent(0, n.synth(), n.note(), n.amp(), n.pan(), n.attack(), n.decay(), n.sustain(),
                n.sustainLevel(), n.release(), n.cutoffHz(), n.res(), slot, n.extra(), n.strand());
    }

    /** Versions nothing plays any more are closed, and their effects ring out. */
    private void retireUnused() {
        for (Iterator<Version> it = versions.values().iterator(); it.hasNext();) {
            Version v = it.next();
            if (playing != null && v.number == playing || v.inFlight > 0) {
                continue;
            }
            boolean used = false;
            for (Loop loop : loops.values()) {
                used |= loop.bodyVersion == v.number || loop.goodVersion != null && loop.goodVersion == v.number;
            }
            if (!used) {
                if (v.graph >= 0) {
                    renderer.retireGraph(v.graph, renderer.position());
                }
                slots.retire(v.effects);
                worker.drop(v.number);
                it.remove();
            }
        }
    }

    /** A crashed worker loses every version: start a new one and install again what plays (without replaying it). */
    private void restartWorker(String why) {
        if (restarting) {
            return;
        }
        restarting = true;
        for (Version v : versions.values()) {
            v.installed = false;
            v.inFlight = 0;
        }
        for (Loop loop : loops.values()) {
            loop.inFlight = false;
            loop.takeOverInFlight = false;
        }
        listener.workerRestarting(why);
        CompletableFuture.runAsync(() -> {
            double millis;
            try {
                millis = worker.restart();
            } catch (IOException e) {
                thread.execute(() -> {
                    restarting = false;
                    listener.workerRestarting("could not start a new worker: " + e.getMessage());
                });
                return;
            }
            List<CompletableFuture<Void>> installs = new ArrayList<>();
            List<Version> wanted;
            try {
                wanted = CompletableFuture.supplyAsync(() -> List.copyOf(versions.values()), thread).get();
            } catch (Exception e) {
                return;
            }
            for (Version v : wanted) {
                installs.add(worker.install(v.number, settings.fileName(), v.code, settings.defaultBpm(),
                        settings.installTimeoutMillis(), samples.isEmpty() ? null : sampleIndex())
                        .thenAcceptAsync(a -> v.installed = a.ok(), thread));
            }
            CompletableFuture.allOf(installs.toArray(CompletableFuture[]::new)).whenCompleteAsync((x, e) -> {
                restarting = false;
                listener.workerRestarted(millis);
                pump();
            }, thread);
        });
    }

    private void updateStatus() {
        List<LoopStatus> list = new ArrayList<>();
        for (Loop l : loops.values()) {
            list.add(new LoopStatus(l.name, l.bodyVersion, l.passes, l.nextStart, l.lastLength, l.stopping));
        }
        status = new Status(playing, clock == null ? settings.defaultBpm() : clock.bpm(), List.copyOf(list),
                renderer.position());
    }

    @Override
    public void close() {
        loader.shutdownNow();
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
