package dev.riffcode.cli;

import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.engine.realtime.AudioDeviceException;
import dev.riffcode.engine.realtime.AudioLoop;
import dev.riffcode.engine.realtime.AudioOutput;
import dev.riffcode.engine.realtime.AudioTap;
import dev.riffcode.engine.realtime.JavaSoundOutput;
import dev.riffcode.engine.realtime.VirtualClockOutput;
import dev.riffcode.live.LiveListener;
import dev.riffcode.live.LivePlayer;
import dev.riffcode.live.LiveSettings;
import dev.riffcode.live.ScriptWatcher;
import dev.riffcode.runtime.LiveWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code riffcode bench live}: live play measured the way a performer meets it, through a real file save, the file
 * watcher, the sandbox worker, the live renderer and the audio line (the default sound device, or a virtual clock
 * when there is none).
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Measure live play: save-to-sound latency, dropouts over many swaps, the audio thread's load.",
            "",
            "Saves a script again and again (two versions alternating, every tenth one broken) and measures from each "
                    + "save to the version being ready for the audio thread, and to its first sample; then plays "
                    + "the P2 and P3 patches live and reports the audio thread's load. Each figure is printed as "
                    + "'name: value unit'."})
final class LiveBenchCommand implements Callable<Integer> {

    private static final int SR = 44_100;
    /** A fast tempo, so that waiting for the next beat adds at most 0.1 s to the save-to-sound figure. */
    private static final int BPM = 600;
    private static final double CARRIER_HZ = 220;

    @Option(names = "--swaps", defaultValue = "100", description = "saves to make (default ${DEFAULT-VALUE})")
    int swaps;

    @Option(names = "--latency", paramLabel = "MS", defaultValue = "100", description = "the output buffer (default ${DEFAULT-VALUE})")
    int latencyMillis;

    @Option(names = "--patch-seconds", defaultValue = "15", description = "how long P2 and P3 play (default ${DEFAULT-VALUE})")
    double patchSeconds;

    /** A version: a 220 Hz carrier that never stops (one unit oscillator) and a loop whose note names it. */
    static String version(int note) {
        return "use_bpm(" + BPM + ")\n"
                + "carrier = SineOscillator(frequency=" + CARRIER_HZ + ", amplitude=0.2)\n"
                + "out(carrier)\n"
                + "@live_loop\n"
                + "def tone():\n"
                + "    play(" + note + ", synth='sine', amp=0.5, sustain=0.6, release=0.05)\n"
                + "    sleep(1)\n";
    }

    static final String BROKEN = "use_bpm(" + BPM + ")\nplay(60\n";

    @Override
    public Integer call() throws Exception {
        RenderSettings settings = new RenderSettings(SR, RenderSettings.DEFAULT_BLOCK);
        Path dir = Files.createTempDirectory("riffcode-bench-live");
        Path file = dir.resolve("live.py");
        Files.writeString(file, version(69));
        try (LiveWorker worker = new LiveWorker()) {
            System.out.printf(Locale.ROOT, "live_worker_cold_start: %.0f ms%n", worker.restart());
            swaps(worker, settings, file);
            patch(worker, settings, "P2", BenchCommand.P2.replace("sleep(60)", "") + "\n@live_loop\ndef hold():\n"
                    + "    sleep(1)\n");
            patch(worker, settings, "P3", "use_synth('saw')\nnotes = scale('A2', 'minor_pentatonic', num_octaves=3)\n"
                    + "@live_loop\ndef p3():\n    play(notes[tick() % len(notes)], attack=0.005, decay=0.1, "
                    + "sustain_level=0.5, sustain=0.6, release=0.2, cutoff=2000, res=0.3, amp=0.5)\n    sleep(0.25)\n");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private AudioOutput output() {
        try {
            return JavaSoundOutput.open(null, SR, latencyMillis);
        } catch (AudioDeviceException e) {
            return new VirtualClockOutput(SR);
        }
    }

    /** Saves the file {@code swaps} times through the watcher and measures each version on its way to the audio. */
    private void swaps(LiveWorker worker, RenderSettings settings, Path file) throws Exception {
        double seconds = swaps * 0.5 + 8;
        Capture capture = new Capture((int) (seconds * SR));
        AudioOutput output = output();
        LiveRenderer renderer = new PipesBackend().openLive(settings);
        Timings timings = new Timings();
        AudioLoop audio = new AudioLoop(renderer, settings, output, capture);
        LivePlayer player = new LivePlayer(worker, renderer, LiveSettings.of("live.py").withBpm(BPM), timings);
        System.out.println("live_output: " + output.name());
        audio.start();
        BlockingQueue<LivePlayer.Evaluation> results = new LinkedBlockingQueue<>();
        List<Double> ready = new ArrayList<>();
        List<Double> toSound = new ArrayList<>();
        List<double[]> checks = new ArrayList<>();   // {frame, the new note's Hz, the old one's}, checked at the end
        int wrongPitch = 0;
        int brokenKeptOld = 0;
        try (ScriptWatcher watcher = new ScriptWatcher(file,
                code -> player.evaluate(code).thenAccept(results::add), problem -> { })) {
            player.evaluate(version(69)).get(30, TimeUnit.SECONDS);
            Thread.sleep(1_000);
            int note = 69;
            for (int i = 1; i <= swaps; i++) {
                boolean broken = i % 10 == 0;
                int next = note == 69 ? 76 : 69;
                long savedFrame = audio.stats().framesWritten();
                long savedAt = System.nanoTime();
                Files.writeString(file, broken ? BROKEN : version(next));
                LivePlayer.Evaluation e = results.poll(30, TimeUnit.SECONDS);
                double readyMillis = (System.nanoTime() - savedAt) / 1e6;
                if (e == null) {
                    throw new IllegalStateException("no evaluation after save " + i);
                }
                Thread.sleep(400);   // let it play before the next save
                if (broken) {
                    brokenKeptOld += e.ok() ? 0 : 1;
                    continue;
                }
                ready.add(readyMillis);
                // The loop takes the new body at its first pass not yet computed: that is where the sound changes.
                Long first = timings.firstPass.get(e.version());
                if (first == null) {
                    wrongPitch++;
                } else {
                    toSound.add((first + output.latencyFrames() - savedFrame) * 1000.0 / SR);
                    checks.add(new double[] {first + 256, 440 * Math.pow(2, (next - 69) / 12.0),
                        440 * Math.pow(2, (note - 69) / 12.0)});
                }
                note = next;
            }
        }
        AudioLoop.Stats stats = audio.stats();   // read while it plays: the output buffer is full
        player.close();
        audio.fadeOutAndStop(0.05);
        output.close();
        int gaps = capture.carrierGaps(SR, audio.stats().framesWritten());
        for (double[] c : checks) {
            if (!capture.louder((long) c[0], c[1], c[2])) {
                wrongPitch++;
                if (System.getenv("RIFFCODE_BENCH_DEBUG") != null) {
                    System.err.printf("wrong at %d: %.0f Hz expected%n", (long) c[0], c[1]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "live_save_to_ready_median: %.0f ms%n", percentile(ready, 50));
        System.out.printf(Locale.ROOT, "live_save_to_ready_p90: %.0f ms%n", percentile(ready, 90));
        System.out.printf(Locale.ROOT, "live_save_to_sound_median: %.0f ms (save to the first heard sample of the"
                + " new body: evaluation, a start %.1f s ahead on the next beat at %d bpm, the output buffer)%n",
                percentile(toSound, 50), LiveSettings.DEFAULT_START_SECONDS, BPM);
        System.out.printf(Locale.ROOT, "live_save_to_sound_p90: %.0f ms%n", percentile(toSound, 90));
        System.out.printf(Locale.ROOT, "live_swaps: %d (%d broken, the old version kept playing after %d)%n", swaps,
                swaps / 10, brokenKeptOld);
        System.out.printf(Locale.ROOT, "live_swaps_with_wrong_pitch: %d%n", wrongPitch);
        System.out.printf(Locale.ROOT, "live_dropouts_per_100_swaps: %.1f (carrier gaps %d, underruns %d, late notes"
                + " %d, missed passes %d)%n", 100.0 * (gaps + stats.underruns() + renderer.stats().lateNotes()
                        + timings.missed.get()) / swaps, gaps, stats.underruns(), renderer.stats().lateNotes(),
                timings.missed.get());
        System.out.printf(Locale.ROOT, "live_pass_worker_median: %.2f ms%n", percentile(timings.worker, 50));
        System.out.printf(Locale.ROOT, "live_pass_worker_p90: %.2f ms%n", percentile(timings.worker, 90));
        System.out.printf(Locale.ROOT, "live_pass_round_trip_median: %.2f ms%n", percentile(timings.roundTrip, 50));
        System.out.printf(Locale.ROOT, "live_pass_round_trip_p90: %.2f ms%n", percentile(timings.roundTrip, 90));
        System.out.printf(Locale.ROOT, "live_output_latency: %.1f ms (%s)%n", stats.latencyFrames() * 1000.0 / SR,
                output.name());
    }

    /** Plays a patch live and reports the audio thread's load. */
    private void patch(LiveWorker worker, RenderSettings settings, String name, String code) throws Exception {
        AudioOutput output = output();
        LiveRenderer renderer = new PipesBackend().openLive(settings);
        AudioLoop audio = new AudioLoop(renderer, settings, output);
        LivePlayer player = new LivePlayer(worker, renderer, LiveSettings.of(name + ".py"), new LiveListener() { });
        audio.start();
        LivePlayer.Evaluation e = player.evaluate(code).get(60, TimeUnit.SECONDS);
        if (!e.ok()) {
            throw new IllegalStateException(name + " failed: " + e.error().format());
        }
        List<Double> loads = new ArrayList<>();
        double maxLoad = 0;
        long end = System.nanoTime() + Math.round(patchSeconds * 1e9);
        Thread.sleep(2_000);   // the JIT compiles the render path first
        while (System.nanoTime() < end) {
            Thread.sleep(1_000);
            AudioLoop.Stats s = audio.stats();
            loads.add(s.load());
            maxLoad = Math.max(maxLoad, s.maxLoad());
        }
        player.close();
        audio.fadeOutAndStop(0.05);
        System.out.printf(Locale.ROOT, "live_%s_audio_load_median: %.1f %%%n", name, percentile(loads, 50) * 100);
        System.out.printf(Locale.ROOT, "live_%s_audio_load_max_block: %.1f %%%n", name, maxLoad * 100);
        System.out.printf(Locale.ROOT, "live_%s_underruns: %d%n", name, audio.stats().underruns());
        output.close();
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p / 100 * sorted.size())));
    }

    /** Pass timings and missed passes, from the player. */
    private static final class Timings implements LiveListener {
        final List<Double> worker = new CopyOnWriteArrayList<>();
        final List<Double> roundTrip = new CopyOnWriteArrayList<>();
        final AtomicLong missed = new AtomicLong();
        final java.util.Map<Integer, Long> firstPass = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void loopPass(String loop, int version, long frame, long frames) {
            firstPass.putIfAbsent(version, frame);
        }

        @Override
        public void passTimed(String loop, double roundTripMillis, double workerMillis) {
            roundTrip.add(roundTripMillis);
            worker.add(workerMillis);
        }

        @Override
        public void loopMissed(String loop, long frame, int notesLeftOut) {
            missed.incrementAndGet();
        }
    }

    /** Keeps what the output got, mono, in memory allocated up front (it runs on the audio thread). */
    static final class Capture implements AudioTap {
        private final float[] mono;
        private volatile int written;

        Capture(int frames) {
            mono = new float[frames];
        }

        @Override
        public void onBlock(float[] left, float[] right, int frames) {
            int n = Math.min(frames, mono.length - written);
            for (int i = 0; i < n; i++) {
                mono[written + i] = (left[i] + right[i]) * 0.5f;
            }
            written += n;
        }

        /** Whether {@code hz} sounds louder than {@code otherHz} in the 40 ms from {@code frame}. */
        boolean louder(long frame, double hz, double otherHz) {
            int n = SR / 25;
            if (frame < 0 || frame + n > written) {
                return false;
            }
            return goertzel((int) frame, n, hz, SR) > goertzel((int) frame, n, otherHz, SR);
        }

        /**
         * 10 ms windows (after the first second) in which the carrier's level falls below half its median: the
         * carrier never stops, so each such window is a dropout. Measured at the carrier's frequency alone.
         */
        int carrierGaps(int rate, long frames) {
            int window = rate / 100;
            int end = (int) Math.min(written, frames) - rate / 2;
            List<Double> levels = new ArrayList<>();
            for (int at = rate; at + window <= end; at += window) {
                levels.add(goertzel(at, window, CARRIER_HZ, rate));
            }
            if (levels.isEmpty()) {
                return 0;
            }
            double median = percentile(levels, 50);
            int gaps = 0;
            for (double l : levels) {
                gaps += l < median * 0.5 ? 1 : 0;
            }
            return gaps;
        }

        private double goertzel(int from, int n, double hz, int rate) {
            double w = 2 * Math.PI * hz / rate;
            double c = 2 * Math.cos(w);
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                double s0 = mono[from + i] + c * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            return Math.sqrt(s1 * s1 + s2 * s2 - c * s1 * s2) / n;
        }
    }
}
