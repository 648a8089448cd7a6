package dev.riffcode.ui;

import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.engine.realtime.AudioDeviceException;
import dev.riffcode.engine.realtime.AudioLoop;
import dev.riffcode.engine.realtime.AudioOutput;
import dev.riffcode.engine.realtime.AudioTap;
import dev.riffcode.engine.realtime.Scope;
import dev.riffcode.live.LiveListener;
import dev.riffcode.live.LivePlayer;
import dev.riffcode.live.LiveSettings;
import dev.riffcode.runtime.LiveAnswer;
import dev.riffcode.runtime.LiveWorker;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The editor's sound: one warm live worker and one audio thread for the whole app, and live play on them with the
 * semantics of {@code ./riffcode live}. With no sound device, Run renders the piece in memory instead (through the
 * studio) so the scopes can show it. Safe to call from any thread; nothing here touches Swing.
 */
final class Playback implements AutoCloseable {

    static final int RATE = 44_100;
    /** Stop fades out this fast: quick, and long enough not to click. */
    static final double STOP_FADE_SECONDS = 0.05;
    /** The scope keeps this much of what was played, for the scopes panel. */
    static final int SCOPE_FRAMES = 16_384;

    /** What a Run did: the live version and when it starts, or the rendered audio (no device), or the error. */
    record Outcome(ScriptError error, int version, long startFrame, List<String> loops, float[][] rendered,
            String printed) {
        boolean ok() {
            return error == null;
        }
    }

    private final EditorContext context;
    private final LiveWorker worker = new LiveWorker();
    private final Scope scope = new Scope(SCOPE_FRAMES);
    private final FirstSound firstSound = new FirstSound();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Supplier<Studio> studio;
    private volatile LivePlayer player;
    private volatile AudioLoop audio;
    private volatile AudioOutput output;
    private volatile String noDevice;
    private volatile String fileName = "untitled.py";
    /** The thread starting the live worker, until it has: closing interrupts it rather than wait for the start. */
    private volatile Thread starting;

    /** @param studio the app's studio, for rendering when there is no sound device */
    Playback(EditorContext context, Supplier<Studio> studio) {
        this.context = context;
        this.studio = studio;
    }

    /**
     * Opens the sound device and starts the audio thread (silence until the first Run), then starts the live
     * worker, which takes seconds. Call once, off the EDT; the future completes when Run can play.
     */
    CompletableFuture<Void> start(LiveListener events) {
        starting = Thread.currentThread();
        try {
            output = context.audio().open(RATE);
        } catch (AudioDeviceException e) {
            noDevice = e.getMessage();
        }
        if (output != null) {
            RenderSettings settings = new RenderSettings(RATE, RenderSettings.DEFAULT_BLOCK);
            LiveRenderer renderer = new PipesBackend().openLive(settings);
            List<AudioTap> taps = new ArrayList<>(List.of(scope, firstSound));
            taps.addAll(context.taps());
            audio = new AudioLoop(renderer, settings, output, taps.toArray(AudioTap[]::new));
            audio.start();
            player = new LivePlayer(worker, renderer, LiveSettings.of(fileName).withSampleRate(RATE), events);
        }
        try {
            worker.restart();
            ready.complete(null);
        } catch (IOException e) {
            ready.completeExceptionally(new IOException("the Python sandbox did not start: " + e.getMessage(), e));
        } finally {
            starting = null;
        }
        return ready;
    }

    /** Completes when the live worker is ready (exceptionally when it could not start). */
    CompletableFuture<Void> ready() {
        return ready;
    }

    boolean hasDevice() {
        return output != null;
    }

    /** Why there is no sound device, or null. */
    String noDevice() {
        return noDevice;
    }

    String deviceName() {
        AudioOutput o = output;
        return o == null ? null : o.name();
    }

    /** The name errors are reported under. */
    void fileName(String name) {
        fileName = name;
    }

    /** Plays {@code code} live (it takes over on the next beat), or with no device renders it in memory. */
    CompletableFuture<Outcome> run(String code) {
        if (!hasDevice()) {
            return CompletableFuture.supplyAsync(() -> render(code));
        }
        return ready.thenCompose(x -> player.evaluate(code)).thenApply(e -> new Outcome(e.error(), e.version(),
                e.startFrame(), e.loops(), null, e.printed()));
    }

    private Outcome render(String code) {
        Studio.Outcome out = studio.get().renderToMemory(fileName, code, RenderOptions.defaults());
        String printed = out.run() == null ? "" : out.run().printed();
        return new Outcome(out.error(), 0, -1, List.of(), out.audio(), printed);
    }

    /** Stops everything that plays, with a short fade; completes once silent. */
    CompletableFuture<Void> stop() {
        LivePlayer p = player;
        return p == null ? CompletableFuture.completedFuture(null) : p.stop(STOP_FADE_SECONDS);
    }

    /** Compiles without running: the syntax error, or null. Never touches what plays. */
    CompletableFuture<ScriptError> check(String code) {
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            return CompletableFuture.completedFuture(null);
        }
        return worker.check(fileName, code, 2_000).thenApply(LiveAnswer::error);
    }

    LivePlayer.Status status() {
        LivePlayer p = player;
        return p == null ? null : p.status();
    }

    AudioLoop.Stats audioStats() {
        AudioLoop a = audio;
        return a == null ? null : a.stats();
    }

    /** The latest frames played, for the scopes. */
    Scope scope() {
        return scope;
    }

    /** When the audio thread next writes a non-silent sample (for the benchmark's first-sound figure). */
    FirstSound firstSound() {
        return firstSound;
    }

    /** The player stops first: the renderer's scheduler side has one producer, and the fade must be the last word. */
    @Override
    public void close() {
        Thread t = starting;
        if (t != null) {
            t.interrupt();
        }
        LivePlayer p = player;
        if (p != null) {
            p.close();
        }
        AudioLoop a = audio;
        if (a != null) {
            a.fadeOutAndStop(STOP_FADE_SECONDS);
        }
        AudioOutput o = output;
        if (o != null) {
            try {
                o.close();
            } catch (Exception e) {
                System.err.println("riffcode: closing the sound device: " + e.getMessage());
            }
        }
        worker.close();
    }

    /** Unwraps what a future failed with, for a message. */
    static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
