package dev.riffcode.serve;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.runtime.Runner;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renders and hears a patch of its own ({@code warm-up.py} beside this class: the engine's busiest paths) and the
 * teaching examples on a service that has just started, the way a request does, so that later requests run on
 * compiled code. On a fresh service the JIT compiles the engine's loops, the report's analysis and the sandbox's
 * Python during the first renders: measured here, the first {@code ./riffcode render} of P1 on a new service took
 * about 3 s and its second about 1 s, against 0.8 s from the third on. Requests go first: a warm-up render starts
 * only once no job has been in the service for a few seconds, and holds a place and a run slot like a job, so a
 * request that comes meanwhile waits for that one render.
 */
final class WarmUp {

    /** Passes over the scripts: the second pass is what the first one compiled, run again. */
    static final int ROUNDS = 2;
    private static final String OWN_PATCH = "warm-up.py";

    /** What a warm-up did; {@code stopped} when the service stopped before every pass was done. */
    record Result(int renders, int failed, double seconds, boolean stopped) {
    }

    /** A script to warm up on. */
    record Script(String name, String code) {
    }

    /** Where a warm-up render waits for the service to be idle. */
    interface Gate {
        /** Waits until the service is idle enough for a render and takes a place and a run slot; null once it stops. */
        AutoCloseable idle() throws InterruptedException;
    }

    private WarmUp() {
    }

    /**
     * Renders {@code scripts} {@link #ROUNDS} times, each when {@code gate} lets it, and hears each render. A
     * script that fails is counted and said, and the warm-up goes on; nothing is written outside {@code scratch},
     * and nothing is left there.
     */
    static Result run(Runner pool, List<Script> scripts, Path scratch, Gate gate, PrintStream log) throws Exception {
        long start = System.nanoTime();
        Studio studio = new Studio(pool, new PipesBackend());
        RenderOptions options = RenderOptions.defaults();
        Path wav = scratch.resolve("warm-up.wav");
        int renders = 0;
        int failed = 0;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                for (Script script : scripts) {
                    try (AutoCloseable slot = gate.idle()) {
                        if (slot == null) {
                            return new Result(renders, failed, seconds(start), true);
                        }
                        Studio.Outcome out = studio.renderToWav(script.name(), script.code(), options, wav, f -> { },
                                true);
                        if (out.ok()) {
                            studio.hear(new AudioClip(options.sampleRate(), out.audio()), out.score(), options);
                        } else {
                            failed++;
                            log.println("riffcode: warm-up: " + script.name() + " failed: " + out.error().format());
                        }
                    } finally {
                        pool.prepareNextRun();
                    }
                    renders++;
                }
            }
        } finally {
            Files.deleteIfExists(wav);
        }
        return new Result(renders, failed, seconds(start), false);
    }

    /** Its own patch first (what the examples leave cold), then the examples in {@code examples}, in their order. */
    static List<Script> scripts(Path examples) throws IOException {
        List<Script> scripts = new ArrayList<>();
        try (InputStream own = WarmUp.class.getResourceAsStream(OWN_PATCH)) {
            if (own == null) {
                throw new IOException("the jar has no " + OWN_PATCH + " beside " + WarmUp.class.getName());
            }
            scripts.add(new Script(OWN_PATCH, new String(own.readAllBytes(), StandardCharsets.UTF_8)));
        }
        if (Files.isDirectory(examples)) {
            try (Stream<Path> files = Files.list(examples)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".py")).sorted().toList()) {
                    try {
                        scripts.add(new Script(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new IOException("cannot read the example " + p + " (" + e.getMessage() + ")", e);
                    }
                }
            }
        }
        return scripts;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
