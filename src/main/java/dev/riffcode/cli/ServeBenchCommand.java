package dev.riffcode.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.Yin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code riffcode bench serve}: a load test of the warm service, bounded in count and time. Clients send a mix of good
 * scripts (each answer's pitch is analysed), hostile scripts (each must come back contained, with its error) and
 * oversized bodies (each must be refused with 413); the service's memory is sampled throughout. Prints
 * {@code name: value unit} lines like {@code riffcode bench}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Load-test the warm service: concurrent clients, a mix of good, hostile and oversized requests, "
                + "every answer checked; p50/p99 latency, throughput and memory.",
            "",
            "Without --url it starts a service of its own (a child process on 127.0.0.1, a free port) and stops it "
                    + "afterwards. With --url (and --token or RIFFCODE_SERVE_TOKEN) it loads a running one, such as "
                    + "two instances behind nginx. Only loopback addresses are accepted."})
final class ServeBenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--clients", defaultValue = "4", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--requests", defaultValue = "50", description = "requests per client (default ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--workers", defaultValue = "2", description = "workers of the service it starts (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--url", paramLabel = "URL", description = "load this running service instead (loopback only)")
    String url;

    @Option(names = "--token", paramLabel = "T", description = "its token (else RIFFCODE_SERVE_TOKEN)")
    String token;

    @Option(names = "--max-minutes", defaultValue = "15", description = "give up after this long (default ${DEFAULT-VALUE})")
    double maxMinutes;

    /** A good script and the frequency its answer must have. */
    record Good(String code, double hz) {
    }

    /** Good scripts: a 3 s melody-like line on one pitch each, so the answer can be checked by its fundamental. */
    static final List<Good> GOOD = List.of(
            new Good("use_bpm(120)\nuse_synth('sine')\nfor i in range(6):\n    play(69, sustain=0.4, release=0.05)\n    sleep(1)\n", 440.0),
            new Good("use_synth('tri')\nwith with_fx('reverb', room=0.3):\n    for i in range(3):\n        play(64, sustain=0.8)\n        sleep(1)\n", 329.63),
            new Good("osc = SineOscillator(frequency=523.25, amplitude=0.4)\nout(osc)\nsleep(3)\n", 523.25));

    /** A hostile script and the error category it must come back with. */
    record Hostile(String name, String code, String category, double timeout) {
    }

    static final List<Hostile> HOSTILE = List.of(
            new Hostile("import_os.py", "import os\nos.system('id')\n", "BLOCKED", 10),
            new Hostile("socket.py", "import socket\nsocket.create_connection(('127.0.0.1', 22))\n", "BLOCKED", 10),
            new Hostile("open.py", "print(open('/etc/passwd').read())\n", "BLOCKED", 10),
            new Hostile("thread_bypass.py", "threading = __import__('threading', {'__name__': 'not_main'})\n"
                    + "threading.Thread(target=print).start()\n", "BLOCKED", 30),
            new Hostile("spin.py", "while True:\n    pass\n", "TIMEOUT", 1),
            new Hostile("hours.py", "sleep(3 * 3600)\n", "LIMIT", 10),
            new Hostile("syntax.py", "play(60\n", "SYNTAX", 10));

    private final Map<String, List<Double>> latencies = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong audioMillis = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || clients > 64 || requests < 1 || requests > 10_000) {
            System.err.println("riffcode: --clients must be 1..64 and --requests 1..10000");
            return 2;
        }
        Process child = null;
        URI base;
        String bearer;
        if (url == null) {
            bearer = dev.riffcode.serve.ServeConfig.randomToken();
            child = startService(bearer);
            base = URI.create(readUrl(child));
        } else {
            base = URI.create(url);
            if (!loopback(base.getHost())) {
                System.err.println("riffcode: bench serve only loads services on this machine (127.0.0.0/8, ::1, localhost)");
                return 2;
            }
            bearer = token != null ? token : System.getenv("RIFFCODE_SERVE_TOKEN");
            if (bearer == null) {
                System.err.println("riffcode: --url needs --token or RIFFCODE_SERVE_TOKEN");
                return 2;
            }
        }
        try {
            return run(base, bearer);
        } finally {
            if (child != null) {
                child.destroy(); // SIGTERM: the service stops after its running jobs
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    private int run(URI base, String bearer) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long maxBody = 1L << 20;
        JsonNode status0 = status(http, base, bearer);
        // A load test of a warm service: its start-up warm-up would take the run slot between the clients' requests.
        long warmStart = System.nanoTime();
        while (status0 != null && status0.path("warm_up").asText().equals("running")
                && System.nanoTime() - warmStart < 300_000_000_000L) {
            Thread.sleep(500);
            status0 = status(http, base, bearer);
        }
        if (System.nanoTime() - warmStart > 1_000_000_000L) {
            System.err.printf(Locale.ROOT, "riffcode: waited %.0f s for the service's warm-up%n",
                    (System.nanoTime() - warmStart) / 1e9);
        }
        System.err.printf(Locale.ROOT, "riffcode: loading %s (%s workers) with %d clients x %d requests%n", base,
                status0 == null ? "?" : status0.path("workers").asText("?"), clients, requests);
        AtomicBoolean done = new AtomicBoolean();
        long[] peak = new long[4]; // service rss, workers rss, service heap used, samples
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                JsonNode s = status(http, base, bearer);
                if (s != null) {
                    synchronized (peak) {
                        peak[0] = Math.max(peak[0], s.path("rss_mb").asLong());
                        peak[1] = Math.max(peak[1], s.path("workers_rss_mb").asLong());
                        peak[2] = Math.max(peak[2], s.path("heap_used_mb").asLong());
                        peak[3]++;
                    }
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "riffcode-bench-sampler");
        sampler.setDaemon(true);
        sampler.start();

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + (long) (maxMinutes * 60e9);
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(pool.submit(() -> {
                for (int i = 0; i < requests && System.nanoTime() < deadline; i++) {
                    one(http, base, bearer, client, i, maxBody);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        done.set(true);
        pool.shutdown();
        JsonNode after = status(http, base, bearer);

        int total = latencies.values().stream().mapToInt(List::size).sum();
        System.out.printf(Locale.ROOT, "serve_clients: %d%n", clients);
        System.out.printf(Locale.ROOT, "serve_requests: %d%n", total);
        System.out.printf(Locale.ROOT, "serve_wall: %.1f s%n", wall);
        System.out.printf(Locale.ROOT, "serve_throughput: %.2f requests/s%n", total / wall);
        System.out.printf(Locale.ROOT, "serve_audio_throughput: %.1f s of audio/s%n", audioMillis.get() / 1000.0 / wall);
        List<Double> all = new ArrayList<>();
        for (String kind : List.of("good", "hostile", "oversized", "busy")) {
            List<Double> l = latencies.get(kind);
            if (l == null || l.isEmpty()) {
                continue;
            }
            all.addAll(l);
            List<Double> sorted = new ArrayList<>(l);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "serve_%s: %d requests, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", kind,
                    sorted.size(), percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1));
        }
        Collections.sort(all);
        System.out.printf(Locale.ROOT, "serve_latency_all: p50 %.0f ms, p99 %.0f ms%n", percentile(all, 50), percentile(all, 99));
        synchronized (peak) {
            System.out.printf(Locale.ROOT, "serve_peak_rss: service %d MB, workers %d MB (together), service heap used %d MB "
                    + "(%d samples)%n", peak[0], peak[1], peak[2], peak[3]);
        }
        if (after != null) {
            System.out.printf(Locale.ROOT, "serve_after: service rss %d MB, workers replaced %d%n",
                    after.path("rss_mb").asLong(), after.path("workers_replaced").asLong());
        }
        System.out.printf(Locale.ROOT, "serve_failures: %d%n", failures.size());
        for (String f : failures.subList(0, Math.min(20, failures.size()))) {
            System.out.println("  " + f);
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /** One request of the mix: 7 in 10 good, 2 hostile, 1 oversized. */
    private void one(HttpClient http, URI base, String bearer, int client, int i, long maxBody) {
        int slot = (client * 7 + i) % 10;
        String kind = slot < 7 ? "good" : slot < 9 ? "hostile" : "oversized";
        ObjectNode body = JSON.createObjectNode();
        Good good = null;
        Hostile hostile = null;
        byte[] bytes;
        try {
            if (kind.equals("good")) {
                good = GOOD.get((client + i) % GOOD.size());
                body.put("code", good.code());
                body.put("name", "good.py");
                bytes = JSON.writeValueAsBytes(body);
            } else if (kind.equals("hostile")) {
                hostile = HOSTILE.get((client + i) % HOSTILE.size());
                body.put("code", hostile.code());
                body.put("name", hostile.name());
                body.put("timeout", hostile.timeout());
                bytes = JSON.writeValueAsBytes(body);
            } else {
                body.put("code", "# " + "x".repeat((int) maxBody) + "\nplay(60)\n");
                bytes = JSON.writeValueAsBytes(body);
            }
        } catch (IOException e) {
            failures.add(kind + ": " + e);
            return;
        }
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r;
        try {
            r = http.send(HttpRequest.newBuilder(base.resolve("/render")).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + bearer).header("Accept", "audio/wav")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            failures.add(kind + ": no answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() == 503) {
            latencies.computeIfAbsent("busy", k -> new CopyOnWriteArrayList<>()).add(ms);
            failures.add(kind + ": 503 busy (the queue was full; raise serve --queue for this load)");
            return;
        }
        latencies.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(ms);
        try {
            switch (kind) {
                case "good" -> {
                    if (r.statusCode() != 200) {
                        failures.add("good: status " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
                        return;
                    }
                    AudioClip clip = WavReader.read(r.body());
                    double hz = pitch(clip);
                    if (!(Math.abs(hz - good.hz()) < good.hz() * 0.01)) {
                        failures.add(String.format(Locale.ROOT, "good: heard %.1f Hz, expected %.1f Hz", hz, good.hz()));
                    }
                    audioMillis.addAndGet(Math.round(clip.durationSeconds() * 1000));
                }
                case "hostile" -> {
                    JsonNode answer = JSON.readTree(r.body());
                    String category = answer.path("script_error").path("category").asText();
                    if (r.statusCode() != 422 || !category.equals(hostile.category())) {
                        failures.add("hostile " + hostile.name() + ": status " + r.statusCode() + ", category " + category
                                + ", expected 422 " + hostile.category());
                    }
                }
                default -> {
                    if (r.statusCode() != 413) {
                        failures.add("oversized: status " + r.statusCode() + ", expected 413");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            failures.add(kind + ": unreadable answer: " + e);
        }
    }

    static double pitch(AudioClip clip) {
        float[] mono = clip.toMono();
        Yin yin = new Yin(clip.sampleRate());
        int frame = Math.max(yin.minSegmentLength(), clip.sampleRate() / 20);
        List<Double> hz = new ArrayList<>();
        for (int start = clip.sampleRate() / 20; start + frame < mono.length; start += frame) {
            Yin.Pitch p = yin.detect(mono, start, frame);
            if (p.isPeriodic()) {
                hz.add(p.frequency());
            }
        }
        Collections.sort(hz);
        return hz.isEmpty() ? Double.NaN : hz.get(hz.size() / 2);
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static JsonNode status(HttpClient http, URI base, String bearer) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("/status")).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.replaceAll("^\\[|]$", "");
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
    }

    /** The service as a child process: this JVM's Java, options and class path; a free port; no state file. */
    private Process startService(String bearer) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-XX:AOTCache") && !arg.startsWith("-Driffcode.clientAot")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of("serve", "--port", "0", "--no-register", "--workers", Integer.toString(workers),
                "--queue", Integer.toString(Math.max(4 * workers, clients))));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("RIFFCODE_SERVE_TOKEN", bearer);
        System.err.println("riffcode: starting a service with " + workers + " workers...");
        return pb.start();
    }

    private static final Pattern SERVING = Pattern.compile("serving on (http://\\S+) ");

    /** Reads the child's log until it says where it listens; the rest of its log is passed on in the background. */
    private static String readUrl(Process child) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (in.readLine() != null) {
                            // the per-request log lines: not needed here
                        }
                    } catch (IOException ignored) {
                        // the service ended
                    }
                }, "riffcode-bench-drain");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
            if (line.startsWith("riffcode:")) {
                System.err.println(line);
            }
        }
        throw new IOException("the service did not start");
    }
}
