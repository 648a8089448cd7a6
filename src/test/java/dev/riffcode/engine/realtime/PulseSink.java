package dev.riffcode.engine.realtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real sound path with no sound card: a private PulseAudio server with a null sink as its default output.
 * JavaSound's default line in a child JVM given {@link #clientEnv()} plays into it (through ALSA's pulse plugin,
 * which ALSA picks as its default when a server answers), and {@code parec} records the sink's monitor: what a
 * listener would hear.
 *
 * <p>The server is private (its own socket in a temporary folder) so that nothing else on the machine can stop it,
 * change its default sink or play into it while a test listens, and a desktop's own sound server is left alone.
 * The players run in child JVMs because ALSA reads where its default goes once per process, from the environment.
 * Public for the editor's window test on the sink ({@code dev.riffcode.ui.EditorOnSinkTest}).
 *
 * <p>Where the tools are missing (.ci/install-deps installs them when run as root on Debian) the test is skipped
 * with the reason, except under CI, where the real-device tests must run and so fail instead.
 */
public final class PulseSink implements AutoCloseable {

    public static final int RATE = 44_100;
    static final String SINK = "riffcode";

    private final Path dir;
    private final Process server;

    private PulseSink(Path dir, Process server) {
        this.dir = dir;
        this.server = server;
    }

    /** Starts a server with a null sink, or skips the calling test (fails it under CI) when that cannot be. */
    public static PulseSink start() throws IOException, InterruptedException {
        String missing = missingTools();
        if (missing != null) {
            String reason = "no real sound path: " + missing + " (.ci/install-deps installs pulseaudio, "
                    + "pulseaudio-utils and libasound2-plugins when run as root on Debian)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI must run the real-device tests, but there is " + reason);
            }
            Assumptions.abort(reason);
        }
        // A short path: a unix socket's name may not exceed about 100 characters.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "rcpulse");
        Path socket = dir.resolve("native");
        ProcessBuilder pb = new ProcessBuilder("pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
                "--use-pid-file=no", "--log-level=debug", "--log-time=1", "--log-target=file:" + dir.resolve("server.log"),
                "--load=module-native-protocol-unix auth-anonymous=1 socket=" + socket);
        pb.environment().put("PULSE_RUNTIME_PATH", dir.resolve("runtime").toString());
        pb.environment().put("PULSE_STATE_PATH", dir.resolve("state").toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile());
        // As root the server warns that it is not meant to be run so, and works.
        PulseSink sink = new PulseSink(dir, pb.start());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sink.pactl("info").exit != 0) {
                if (!sink.server.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("pulseaudio did not start: " + sink.log());
                }
                Thread.sleep(50);
            }
            Result load = sink.pactl("load-module", "module-null-sink", "sink_name=" + SINK, "format=s16le",
                    "rate=" + RATE, "channels=2");
            Result dflt = sink.pactl("set-default-sink", SINK);
            if (load.exit != 0 || dflt.exit != 0) {
                throw new IllegalStateException("cannot set up a null sink: " + load.output + dflt.output);
            }
            return sink;
        } catch (IOException | RuntimeException | InterruptedException e) {
            sink.close();
            throw e;
        }
    }

    /** The environment a client (a child JVM, parec) needs to reach this server. */
    public Map<String, String> clientEnv() {
        return Map.of("PULSE_SERVER", "unix:" + dir.resolve("native"));
    }

    /** Starts recording the sink's monitor, raw in the sink's own format (nothing is converted). */
    public Recording record(Path raw) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("parec", "-d", SINK + ".monitor", "--raw", "--format=s16le",
                "--rate=" + RATE, "--channels=2", "--latency-msec=20");
        pb.environment().putAll(clientEnv());
        Process p = pb.redirectOutput(raw.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // The monitor sends silence while nothing plays: once bytes arrive, parec is recording.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.size(raw) == 0) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("parec did not start recording " + SINK + ".monitor");
            }
            Thread.sleep(20);
        }
        return new Recording(p, raw);
    }

    /** A parec run. */
    public static final class Recording {
        private final Process process;
        private final Path raw;

        private Recording(Process process, Path raw) {
            this.process = process;
            this.raw = raw;
        }

        /** Stops parec and returns what it recorded, {@code [channel][frame]}. */
        public float[][] stop() throws IOException, InterruptedException {
            process.destroy(); // SIGTERM: parec writes out what it holds and exits
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
            int frames = b.remaining() / 4;
            float[][] out = new float[2][frames];
            for (int i = 0; i < frames; i++) {
                out[0][i] = b.getShort() / 32768f;
                out[1][i] = b.getShort() / 32768f;
            }
            return out;
        }
    }

    /** Stops the server this fixture started (by its own process, never by name) and removes its folder. */
    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind harms nothing.
        }
    }

    /**
     * The server's account of its streams running dry, with its clock in seconds: the place to look when a recording
     * departs from what a player wrote. A player that was late by more than its buffer shows here even where its own
     * count of underruns stays 0 (a short gap the player filled before it looked). A stream's start and end show too.
     */
    public String underruns() {
        return log().lines().filter(l -> l.contains("underrun")).collect(java.util.stream.Collectors.joining("\n"));
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** What is missing for a real sound path, or null. */
    private static String missingTools() {
        for (String tool : List.of("pulseaudio", "pactl", "parec")) {
            if (!onPath(tool)) {
                return "no '" + tool + "' command";
            }
        }
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/lib64/alsa-lib"), Path.of("/usr/lib/alsa-lib")));
        try (Stream<Path> s = Files.list(Path.of("/usr/lib"))) {
            s.map(d -> d.resolve("alsa-lib")).forEach(dirs::add);
        } catch (IOException e) {
            // No /usr/lib: the plugin is missing too.
        }
        if (dirs.stream().noneMatch(d -> Files.exists(d.resolve("libasound_module_pcm_pulse.so")))) {
            return "no ALSA pulse plugin (Debian: libasound2-plugins)";
        }
        return null;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exit, String output) {
    }

    private Result pactl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pactl", "-s", "unix:" + dir.resolve("native")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + " (timed out)");
        }
        return new Result(p.exitValue(), out);
    }
}
