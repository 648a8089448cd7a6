package dev.riffcode.cli;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.engine.realtime.AudioDeviceException;
import dev.riffcode.engine.realtime.AudioLoop;
import dev.riffcode.engine.realtime.AudioOutput;
import dev.riffcode.engine.realtime.AudioTap;
import dev.riffcode.engine.realtime.JavaSoundOutput;
import dev.riffcode.engine.realtime.Recorder;
import dev.riffcode.engine.realtime.VirtualClockOutput;
import dev.riffcode.live.LiveListener;
import dev.riffcode.live.LivePlayer;
import dev.riffcode.live.LiveSettings;
import dev.riffcode.live.ScriptWatcher;
import dev.riffcode.runtime.LiveWorker;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.samples.SampleLibrary;
import dev.riffcode.session.Origin;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code riffcode live FILE.py}: play a script on the sound card and change it while it plays. */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {
            "Play a script live and change it while it plays.",
            "",
            "The script plays on the sound card until Ctrl+C. Every time you save it, in any editor, or press "
                    + "Enter here, the new version takes over at the next beat: live loops that stay take their new "
                    + "body at their next pass and keep their time and tick counters, new loops start on the beat, "
                    + "loops you deleted finish their pass and stop. A version with an error changes nothing that "
                    + "plays; the error is shown with its line. Every version is kept in sessions/."},
        footer = {
            "",
            "Examples:",
            "  ./riffcode live beat.py",
            "  ./riffcode live beat.py --record take1.wav     and record what you hear",
            "  ./riffcode live beat.py --record take1.wav --stop-after 60",
            "  ./riffcode devices                             the devices to choose from",
            "",
            "Without a sound card, --record alone plays to a virtual clock in real time.",
            "",
            "Exit codes: 0 stopped by --stop-after, 130 stopped with Ctrl+C, 1 no audio output (or it stopped) or "
                    + "no Python runtime, 2 wrong command line."})
final class LiveCommand implements Callable<Integer> {

    private static final long REFRESH_MILLIS = 150;
    private static final double FADE_SECONDS = 0.05;

    @Parameters(index = "0", paramLabel = "FILE.py", description = "the script to play; saving it plays the new version")
    Path script;

    @Option(names = "--record", paramLabel = "OUT.wav", description = "also write exactly what is played to this WAV file")
    Path record;

    @Option(names = "--device", paramLabel = "NAME", description = "the output device (part of its name; see ./riffcode devices)")
    String device;

    @Option(names = "--latency", paramLabel = "MS", defaultValue = "100", description = "the output buffer in milliseconds (default ${DEFAULT-VALUE})")
    int latencyMillis;

    @Option(names = "--bpm", paramLabel = "N", defaultValue = "60", description = "the tempo until the script sets its own (default ${DEFAULT-VALUE})")
    double bpm;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "44100", description = "sample rate: 44100 or 48000 (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--stop-after", paramLabel = "S", description = "stop after S seconds, e.g. to record a take of that length")
    Double stopAfter;

    @Option(names = "--session", paramLabel = "NAME", description = "add the versions to this session (default: a new one)")
    String sessionName;

    @Option(names = "--samples", paramLabel = "DIR", description = {"a folder of WAV, FLAC and MP3 files that scripts can play by name, e.g. kit/snare for kit/snare.wav (repeatable; looked up in order, then the config file's sample_folders)"})
    List<Path> samples = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        SampleLibrary library = CliOptions.sampleLibrary(spec, samples);
        String first = CliOptions.readScript(spec, script);
        String fileName = script.getFileName().toString();
        if (record != null) {
            String unwritable = OutputFiles.problemWith(record);
            if (unwritable != null) {
                System.err.println("riffcode: " + unwritable);
                return 1;
            }
        }
        AudioOutput output;
        try {
            output = openOutput();
        } catch (AudioDeviceException e) {
            System.err.println("riffcode: " + e.getMessage());
            return 1;
        }
        RenderSettings render = new RenderSettings(rate, RenderSettings.DEFAULT_BLOCK);
        LiveRenderer renderer = new PipesBackend().openLive(render);
        LiveWorker worker = new LiveWorker();
        System.err.println("riffcode: starting the Python sandbox (a few seconds)...");
        try {
            worker.restart();
        } catch (IOException e) {
            output.close();
            System.err.println("riffcode: the Python runtime could not start: " + e.getMessage());
            return 1;
        }
        SessionStore store = new SessionStore(SessionStore.defaultRoot());
        Session session = openSession(store, fileName);
        Recorder recorder = record == null ? null : Recorder.start(record, rate, WavFormat.PCM_16);
        AudioLoop audio = new AudioLoop(renderer, render, output, recorder == null ? new AudioTap[0]
                : new AudioTap[] {recorder});
        Takes takes = new Takes(session);
        LivePlayer[] holder = new LivePlayer[1];
        LiveConsole console = new LiveConsole(System.err, System.console() != null, fileName, rate,
                () -> holder[0].status(), audio::stats, renderer::stats);
        LivePlayer player = new LivePlayer(worker, renderer, LiveSettings.of(fileName).withBpm(bpm)
                .withSampleRate(rate), new ConsoleListener(console, takes), library);
        holder[0] = player;
        audio.start();
        console.say("Playing " + script + " on " + output.name() + (record == null ? "" : ", recording to " + record)
                + ". Save the file or press Enter to play a new version; Ctrl+C stops.");
        console.say("Session: " + session.folder());

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            player.close();                    // no more notes: the fade is the last thing the renderer hears
            audio.fadeOutAndStop(FADE_SECONDS);
            closeQuietly(recorder);
            output.close();
            worker.close();
            console.finish();
            if (recorder != null) {
                System.err.printf("riffcode: recorded %.1f s to %s%n", recorder.framesRecorded() / (double) rate, record);
                takes.note("recorded " + record);
            }
            takes.close();
            stopped.countDown();
        };
        Thread hook = new Thread(stop, "riffcode-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        evaluate(player, first, takes, console);
        int exitCode = 0;
        try (ScriptWatcher watcher = new ScriptWatcher(script, code -> evaluate(player, code, takes, console),
                console::problem)) {
            readEnter(player, takes, console);
            long end = stopAfter == null ? Long.MAX_VALUE : System.nanoTime() + Math.round(stopAfter * 1e9);
            while (!stopped.await(REFRESH_MILLIS, TimeUnit.MILLISECONDS)) {
                console.refresh();
                Throwable lost = audio.outputError();
                if (lost != null) {
                    console.problem("the sound stopped: " + lost.getMessage()
                            + ". Every version is kept in the session; run the command again to go on.");
                    exitCode = 1;
                    break;
                }
                if (System.nanoTime() >= end) {
                    break;
                }
            }
        }
        stop.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl+C: the hook is running and the JVM exits with 130
        }
        return exitCode;
    }

    private void checkOptions() {
        if (rate != 44_100 && rate != 48_000) {
            throw new ParameterException(spec.commandLine(), "--rate must be 44100 or 48000, got " + rate);
        }
        if (latencyMillis < 5 || latencyMillis > 2_000) {
            throw new ParameterException(spec.commandLine(), "--latency must be 5..2000 ms, got " + latencyMillis);
        }
        if (!(bpm >= 1 && bpm <= 1000)) {
            throw new ParameterException(spec.commandLine(), "--bpm must be 1..1000, got " + bpm);
        }
        if (stopAfter != null && !(stopAfter > 0)) {
            throw new ParameterException(spec.commandLine(), "--stop-after must be more than 0 seconds");
        }
        if (!Files.isRegularFile(script)) {
            throw new ParameterException(spec.commandLine(), "no such script: " + script + " (start from an example:"
                    + " cp templates/examples/11_live_loop_beat.py " + script + ")");
        }
    }

    /** The sound card; or, with --record and no device asked for, a virtual clock when there is no sound card. */
    private AudioOutput openOutput() throws AudioDeviceException {
        try {
            return JavaSoundOutput.open(device, rate, latencyMillis);
        } catch (AudioDeviceException e) {
            if (record != null && device == null) {
                System.err.println("riffcode: no audio output (" + e.getMessage().split("\\. ")[0]
                        + "); playing to a virtual clock and recording to " + record);
                return new VirtualClockOutput(rate);
            }
            throw e;
        }
    }

    private static void evaluate(LivePlayer player, String code, Takes takes, LiveConsole console) {
        player.evaluate(code).whenComplete((e, failure) -> {
            if (failure != null) {
                console.problem("the live player failed: " + failure);
                return;
            }
            takes.version(e.version(), code, e.error());
        });
    }

    /** Enter plays the file as it is now; a closed or non-terminal stdin is fine. */
    private void readEnter(LivePlayer player, Takes takes, LiveConsole console) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    try {
                        evaluate(player, Files.readString(script, StandardCharsets.UTF_8), takes, console);
                    } catch (IOException e) {
                        console.problem("cannot read " + script + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                // no input: saving the file still works
            }
        }, "riffcode-enter");
        reader.setDaemon(true);
        reader.start();
    }

    private Session openSession(SessionStore store, String fileName) throws IOException {
        if (sessionName != null) {
            try {
                return store.open(sessionName);
            } catch (IllegalArgumentException e) {
                return store.create(sessionName);
            }
        }
        return store.create("live " + fileName);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("riffcode: " + e.getMessage());
            }
        }
    }

    /** Every version and every error of this live run, in the session. */
    private static final class Takes {
        private final Session session;
        private final Map<Integer, Integer> sessionVersion = new ConcurrentHashMap<>();

        Takes(Session session) {
            this.session = session;
        }

        synchronized void version(int live, String code, ScriptError error) {
            try {
                Integer parent = session.latestVersion() == 0 ? null : session.latestVersion();
                int v = session.codeVersion(code, Origin.LIVE, parent);
                sessionVersion.put(live, v);
                session.validation(v, error == null ? null : error.format(),
                        error == null || error.line() == 0 ? null : error.line());
            } catch (IOException e) {
                System.err.println("riffcode: could not write to the session: " + e.getMessage());
            }
        }

        synchronized void error(int live, String message) {
            try {
                session.error("live", message, sessionVersion.get(live));
            } catch (IOException e) {
                System.err.println("riffcode: could not write to the session: " + e.getMessage());
            }
        }

        synchronized void note(String text) {
            try {
                session.note(text);
            } catch (IOException e) {
                System.err.println("riffcode: could not write to the session: " + e.getMessage());
            }
        }

        synchronized void close() {
            try {
                session.close();
            } catch (IOException e) {
                System.err.println("riffcode: could not close the session: " + e.getMessage());
            }
        }
    }

    /** Tells the terminal (and the session) what the player does. */
    private static final class ConsoleListener implements LiveListener {
        private final LiveConsole console;
        private final Takes takes;

        ConsoleListener(LiveConsole console, Takes takes) {
            this.console = console;
            this.takes = takes;
        }

        @Override
        public void versionStarted(int version, long frame, double bpm, List<String> loops) {
            console.clearProblem();
            console.say("✓ version " + version + " plays from the next beat" + (loops.isEmpty() ? ""
                    : " (loops: " + String.join(", ", loops) + ")"));
        }

        @Override
        public void versionFailed(int version, ScriptError error) {
            console.problem("version " + version + ": " + error.format() + " (the previous version plays on)");
        }

        @Override
        public void loopFailed(String loop, int version, ScriptError error, Integer fallback) {
            String then = fallback == null ? "it stops" : "it goes on with version " + fallback + "'s body";
            console.problem("live_loop " + loop + " (version " + version + "): " + error.format() + "; " + then);
            takes.error(version, "live_loop " + loop + ": " + error.format());
        }

        @Override
        public void loopMissed(String loop, long frame, int notesLeftOut) {
            console.say("! " + loop + " was late for a pass" + (notesLeftOut > 0 ? " (" + notesLeftOut
                    + " notes left out)" : "") + ": the machine is busy, or the pass does too much");
        }

        @Override
        public void loopStopped(String loop, String why) {
            console.say("■ live_loop " + loop + " stopped: " + why);
        }

        @Override
        public void printed(int version, String text) {
            console.say(text.stripTrailing());
        }

        @Override
        public void workerRestarting(String why) {
            console.problem("the Python worker is being replaced (" + why + "); loops rejoin when it is back");
        }

        @Override
        public void workerRestarted(double millis) {
            console.say(String.format("✓ Python worker back after %.1f s", millis / 1000));
        }
    }
}
