package dev.riffcode.cli;

import dev.riffcode.engine.OfflineRender;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.ScoreRenderer;
import dev.riffcode.engine.MasterSection;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.llm.Generator;
import dev.riffcode.llm.PromptBuilder;
import dev.riffcode.llm.Templates;
import dev.riffcode.llm.offline.OfflineModel;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import dev.riffcode.runtime.RunRequest;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.runtime.ScriptRunner;
import dev.riffcode.runtime.WorkerCpu;
import dev.riffcode.samples.SampleLibrary;
import dev.riffcode.samples.ScoreSamples;
import dev.riffcode.score.Score;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code riffcode bench}: the reference patches, timed on the same code path {@code render} uses.
 * Prints one figure per line as {@code name: value unit}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {LiveBenchCommand.class, EditorBenchCommand.class,
        ServeBenchCommand.class},
        description = {"Measure Riffcode's speed, latency and memory on this machine.",
            "",
            "It measures the render speed of the reference patches (P1 one sine, P2 64 band-limited saws into one "
                    + "resonant low-pass, P3 240 saw notes with low-pass and ADSR, P5 16 looping samples at different "
                    + "rates), the warm script-to-first-block "
                    + "latency, the cold start, what generation adds on top of the model (extraction, validation, "
                    + "render), and peak memory. Each figure is printed as 'name: value unit'.",
            "Renders are timed once the sandbox's worker has gone quiet after the script (it keeps computing for "
                    + "several seconds; NAME_worker_settle says how long that took), after warm-up renders that go on until the JIT "
                    + "has stopped compiling (NAME_warm_up_renders says how many)."})
final class BenchCommand implements Callable<Integer> {

    static final String P1 = """
            osc = SineOscillator(frequency=440, amplitude=0.5)
            out(osc)
            sleep(60)
            """;

    static final String P2 = """
            import random
            rng = random.Random(2024)
            lowpass = FilterLowPass(frequency=2000, Q=4)
            for i in range(64):
                saw = SawtoothOscillatorBL(frequency=rng.uniform(100, 1000), amplitude=1 / 64)
                saw.output.connect(lowpass.input)
            out(lowpass)
            sleep(60)
            """;

    static final String P3 = """
            use_synth("saw")
            notes = scale("A2", "minor_pentatonic", num_octaves=3)
            for i in range(240):
                play(notes[i % len(notes)], attack=0.005, decay=0.1, sustain_level=0.5, sustain=0.6,
                     release=0.2, cutoff=2000, res=0.3, amp=0.5)
                sleep(0.25)
            """;

    /** 16 sample loops at once, most of them resampled on the fly (rates other than 1, one backwards). */
    static final String P5 = """
            use_bpm(120)
            names = ["builtin/loop_beat", "builtin/kick", "builtin/snare", "builtin/hat", "builtin/clap",
                     "builtin/bell_c4"]
            rates = [1, 0.5, 1.5, 2, 0.75, -1, 1.25, 0.9]
            for i in range(16):
                sample(names[i % len(names)], rate=rates[i % len(rates)], loop=120, amp=0.08,
                       pan=(i % 5 - 2) / 2)
            sleep(120)
            """;

    @Option(names = "--repeat", defaultValue = "3", description = "timed renders per patch, the median is printed (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--only", paramLabel = "P1|P2|P3|P5|latency|overhead|cold|spectrogram", description = "run one measurement only")
    String only;

    @Option(names = "--patch", paramLabel = "SCRIPT.py", description = "render this script instead (for peer comparisons); prints its render figures")
    Path patch;

    @Option(names = "--seconds", defaultValue = "60", description = "length of --patch renders (default ${DEFAULT-VALUE})")
    double seconds;

    @Override
    public Integer call() throws Exception {
        PipesBackend backend = new PipesBackend();
        System.out.println("engine: " + backend.name());
        System.out.println("java: " + System.getProperty("java.version"));
        try (ScriptRunner runner = new ScriptRunner()) {
            if (wants("cold")) {
                System.out.printf("cold_start_worker: %.0f ms%n", runner.warmUp());
            }
            if (patch != null) {
                String code = Files.readString(patch);
                renderFigures(patch.getFileName().toString(), runner, backend, code, seconds);
                return 0;
            }
            if (wants("P1")) {
                renderFigures("P1", runner, backend, P1, 60);
            }
            if (wants("P2")) {
                renderFigures("P2", runner, backend, P2, 60);
            }
            if (wants("P3")) {
                renderFigures("P3", runner, backend, P3, 60);
            }
            if (wants("P5")) {
                renderFigures("P5", runner, backend, P5, 60);
            }
            if (wants("latency")) {
                latency(runner, backend);
            }
            if (wants("overhead")) {
                generationOverhead(runner, backend);
            }
            if (wants("spectrogram")) {
                spectrogram(repeat);
            }
            System.out.printf("peak_rss_app: %.0f MB%n", peakRssMb(ProcessHandle.current().pid()));
            long worker = runner.workerPid();
            if (worker > 0) {
                System.out.printf("peak_rss_worker: %.0f MB%n", peakRssMb(worker));
            }
        }
        return 0;
    }

    /**
     * Decoding one 512-column Riffusion picture (5.11 s, 32 Griffin-Lim iterations) to sound, median, min and max of
     * {@code repeat} after a warm-up, with the CPU time of the whole process, the machine's load average (the cores
     * may be shared), and the spectral convergence of the round trip of a three-note chord.
     */
    /** Warm-up renders: at least this many, then until one compiles (nearly) nothing, at most the last. */
    private static final int MIN_WARM_UPS = 2;
    private static final int MAX_WARM_UPS = 20;
    private static final long QUIET_COMPILE_MILLIS = 5;

    /** The JIT's compile time so far in this JVM. */
    private static long compileMillis() {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static void spectrogram(int repeat) throws IOException {
        int n = dev.riffcode.clip.SpectrogramParams.SEGMENT_SAMPLES;
        float[] chord = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / 44_100.0;
            chord[i] = (float) (0.2 * (Math.sin(2 * Math.PI * 261.63 * t) + Math.sin(2 * Math.PI * 329.63 * t)
                    + Math.sin(2 * Math.PI * 392.0 * t)));
        }
        byte[] png = dev.riffcode.clip.SpectrogramConverter.pictureFromAudio(
                dev.riffcode.audio.AudioClip.mono(44_100, chord));
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        float[] out = null;
        for (int i = 0; i <= Math.max(1, repeat); i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            try {
                out = dev.riffcode.clip.SpectrogramConverter.audioFromPicture(png, 32, i, null);
            } catch (dev.riffcode.clip.ClipException e) {
                System.out.println("spectrogram_error: " + e.getMessage());
                return;
            }
            if (i > 0) { // the first run warms the JIT
                wall.add((System.nanoTime() - t0) / 1e6);
                cpu.add((os.getProcessCpuTime() - c0) / 1e6);
            }
        }
        System.out.printf("spectrogram_decode_512x512: %.0f ms (min %.0f, max %.0f, %d runs)%n", median(wall),
                Collections.min(wall), Collections.max(wall), wall.size());
        System.out.printf("spectrogram_decode_512x512_cpu: %.0f ms (min %.0f, max %.0f)%n", median(cpu),
                Collections.min(cpu), Collections.max(cpu));
        System.out.printf("spectrogram_load_average: %.2f (%d cores; other programs' load slows the wall time)%n",
                os.getSystemLoadAverage(), os.getAvailableProcessors());
        System.out.printf("spectrogram_spectral_convergence: %.3f%n",
                dev.riffcode.clip.SpectrogramConverter.spectralConvergence(chord, out));
    }

    private boolean wants(String what) {
        return only == null || only.equalsIgnoreCase(what);
    }

    private void renderFigures(String name, ScriptRunner runner, PipesBackend backend, String code, double seconds)
            throws IOException {
        RunResult run = runner.run(RunRequest.of(name + ".py", code).withHorizon(seconds).withTimeout(60_000));
        if (!run.ok()) {
            System.out.println(name + "_error: " + run.error().format());
            return;
        }
        SampleLibrary samples = SampleLibrary.none();
        ScoreSamples.Prepared prepared = ScoreSamples.prepare(samples, run.score(), 44_100);
        if (!prepared.ok()) {
            System.out.println(name + "_error: " + prepared.problem());
            return;
        }
        Score score = prepared.score();
        OfflineRender render = new OfflineRender(backend, RenderSettings.of(44_100), samples);
        System.out.printf("%s_worker_settle: %.1f s%n", name, WorkerCpu.awaitQuiet(runner.workerPid()) / 1000);
        // Warm-up renders until the JIT has finished with the render: C2 compiles the hot methods during the first
        // one, the next render's start (port changes at frame 0, a fresh limiter) deoptimises several of them, and on
        // two cores the compiler threads take one from the render for several renders more. Two fixed warm-ups left
        // timed renders that still shared their cores with the compiler (a 2x spread within one launch).
        int warmUps = 0;
        long compiled;
        do {
            compiled = compileMillis();
            render.render(score, OptionalDouble.of(seconds), (l, r, n) -> { }, f -> { });
            warmUps++;
        } while (warmUps < MIN_WARM_UPS || (compileMillis() - compiled > QUIET_COMPILE_MILLIS && warmUps < MAX_WARM_UPS));
        System.out.printf("%s_warm_up_renders: %d%n", name, warmUps);
        double[] millis = new double[Math.max(1, repeat)];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = render.render(score, OptionalDouble.of(seconds), (l, r, n) -> { }, f -> { }).renderMillis();
        }
        Arrays.sort(millis);
        double median = millis[millis.length / 2];
        System.out.printf("%s_script: %.0f ms%n", name, run.runMillis());
        System.out.printf("%s_render: %.3f s%n", name, median / 1000);
        System.out.printf("%s_render_min: %.3f s%n", name, millis[0] / 1000);
        System.out.printf("%s_render_max: %.3f s%n", name, millis[millis.length - 1] / 1000);
        System.out.printf("%s_realtime_factor: %.1f x%n", name, seconds * 1000 / median);
    }

    /**
     * From "run script" to the first rendered block, with a warm runtime: median of 20. Runs are
     * 1.5 s apart, as when someone edits and re-runs, which leaves the worker time to prepare its
     * spare context (about 0.2-0.5 s after each run); back-to-back runs wait for that.
     */
    private static void latency(ScriptRunner runner, PipesBackend backend) throws IOException {
        String code = "use_synth('saw')\nplay(60, release=0.5)\n";
        RenderSettings settings = RenderSettings.of(44_100);
        List<Double> samples = new ArrayList<>();
        float[] l = new float[settings.blockSize()];
        float[] r = new float[settings.blockSize()];
        for (int i = 0; i < 25; i++) {
            long t0 = System.nanoTime();
            RunResult run = runner.run(RunRequest.of("latency.py", code));
            if (!run.ok()) {
                System.out.println("latency_error: " + run.error().format());
                return;
            }
            ScoreRenderer renderer = backend.open(run.score(), settings);
            MasterSection master = new MasterSection(settings.sampleRate());
            renderer.render(l, r);
            master.process(l, r, settings.blockSize());
            double ms = (System.nanoTime() - t0) / 1e6;
            if (i >= 5) {
                samples.add(ms);
            }
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        samples.sort(null);
        System.out.printf("warm_script_to_first_block_median: %.1f ms%n", samples.get(samples.size() / 2));
        System.out.printf("warm_script_to_first_block_p90: %.1f ms%n", samples.get((int) (samples.size() * 0.9)));
    }

    /**
     * What Riffcode adds on top of the model's own time when generating: extraction, validation (run
     * in the sandbox, dry render, pitch check when the prompt constrains notes) and the final render.
     * Measured with the offline generator, whose own time is near zero, over a few prompts.
     */
    private static void generationOverhead(ScriptRunner runner, PipesBackend backend) {
        String[] prompts = {
            "a folk tune that only uses A, B, C#, F# and G",
            "dark techno at 128 bpm with a driving bass",
            "an airy ambient pad in D dorian",
            "lo-fi hip hop beat with piano chords"};
        Templates templates = Templates.locate();
        Studio studio = new Studio(runner, backend);
        PromptBuilder prompts2 = new PromptBuilder(templates, () -> "");
        List<Double> extract = new ArrayList<>();
        List<Double> validate = new ArrayList<>();
        List<Double> render = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String prompt : prompts) {
                Generator.Request request = Generator.Request.create(prompt);
                Generator g = new Generator(studio, prompts2, new OfflineModel(templates, request, 1), 0, "bench.py",
                        RenderOptions.defaults());
                Generator.Result r = g.generate(request, (code, repair, parent) -> 1);
                if (!r.ok()) {
                    System.out.println("overhead_error: " + r.failure());
                    return;
                }
                long t0 = System.nanoTime();
                new OfflineRender(backend, RenderSettings.of(44_100)).toArrays(r.score(), OptionalDouble.empty());
                if (round > 0) {
                    extract.add(r.timings().extractMillis());
                    validate.add(r.timings().validateMillis());
                    render.add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        System.out.printf("generate_extract_median: %.2f ms%n", median(extract));
        System.out.printf("generate_validate_median: %.0f ms%n", median(validate));
        System.out.printf("generate_render_median: %.0f ms%n", median(render));
        System.out.printf("generate_overhead_median: %.0f ms%n", median(extract) + median(validate) + median(render));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    static double peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
