package dev.riffcode.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.runtime.RunRequest;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.runtime.ScriptRunner;
import dev.riffcode.score.Score;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Development harness for engine speed: renders the peer patches (bench/peers/riffcode/pN.py) in this JVM and
 * prints, interleaved, the wall time of the engine before it was made faster (EngineReferenceTest.reference), of a
 * one-thread render and of one rendered ahead on two threads, and the master thread's CPU time. The scripts' scores are
 * cached as JSON in target/speed-scores (the sandbox starts once). Not a test; run with
 * {@code java -cp target/test-classes:target/classes:DEPS dev.riffcode.engine.EngineSpeed [p1 p2 p3] [--reps N] [--one] [--warmup N]}
 * ({@code --one}: only the one-thread renders; {@code --warmup N}: N renders of 10 s first).
 */
public final class EngineSpeed {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EngineSpeed() {
    }

    public static void main(String[] args) throws Exception {
        int reps = 5;
        boolean oneThreadOnly = false;
        int warmups = 0;
        java.util.List<String> patches = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--warmup")) {
                warmups = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--one")) {
                oneThreadOnly = true;
            } else if (args[i].equals("--reps")) {
                reps = Integer.parseInt(args[++i]);
            } else {
                patches.add(args[i]);
            }
        }
        if (patches.isEmpty()) {
            patches = java.util.List.of("p1", "p2", "p3");
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        OfflineRender render = new OfflineRender(new PipesBackend(), RenderSettings.of(44_100));
        for (String p : patches) {
            Score score = score(p);
            double[] cpu = new double[reps];
            double[] wall = new double[reps];
            OfflineRender one = render.oneThread();
            for (int w = 0; w < warmups; w++) {
                one.render(score, OptionalDouble.of(10), (l, rr, n) -> { }, f -> { });
            }
            double[] wallOne = new double[reps];
            double[] wallRef = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                EngineReferenceTest.reference(score, SampleSource.NONE, 60 * 44_100, (l, rr, n) -> { });
                wallRef[r] = (System.nanoTime() - t0) / 1e6;
                wallOne[r] = one.render(score, OptionalDouble.of(60), (l, rr, n) -> { }, f -> { }).renderMillis();
                if (Boolean.getBoolean("speed.marks")) {
                    System.out.printf("render %d ended at %d ms of uptime%n", r + 1,
                            ManagementFactory.getRuntimeMXBean().getUptime());
                }
                if (oneThreadOnly) {
                    continue;
                }
                long c0 = mx.getCurrentThreadCpuTime();
                OfflineRender.Result res = render.render(score, OptionalDouble.of(60), (l, rr, n) -> { }, f -> { });
                cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                wall[r] = res.renderMillis();
            }
            System.out.printf("%s reference (the engine before), wall ms: %s (median %.0f)%n", p, fmt(wallRef),
                    median(wallRef));
            System.out.printf("%s one thread, wall ms: %s (median %.0f)%n", p, fmt(wallOne), median(wallOne));
            if (oneThreadOnly) {
                continue;
            }
            System.out.printf("%s rendered ahead, wall ms: %s (median %.0f); master thread cpu ms: %s%n", p, fmt(wall),
                    median(wall), fmt(cpu));
        }
    }
    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(String.format("%.0f ", x));
        }
        return b.toString().trim();
    }

    static Score score(String patch) throws Exception {
        Path cache = Path.of("target/speed-scores/" + patch + ".json");
        if (Files.exists(cache)) {
            return JSON.readValue(cache.toFile(), Score.class);
        }
        String code = Files.readString(Path.of("bench/peers/riffcode/" + patch + ".py"));
        try (ScriptRunner runner = new ScriptRunner()) {
            RunResult r = runner.run(RunRequest.of(patch + ".py", code));
            if (!r.ok()) {
                throw new IllegalStateException(r.error().format());
            }
            Files.createDirectories(cache.getParent());
            JSON.writeValue(cache.toFile(), r.score());
            return r.score();
        }
    }
}
