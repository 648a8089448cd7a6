package dev.riffcode.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.riffcode.runtime.WorkerCpu;
import dev.riffcode.runtime.WorkerPool;
import dev.riffcode.session.SessionStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code riffcode serve}: Riffcode's jobs over HTTP with JSON, on a pool of warm sandbox workers.
 *
 * <p>Every request but {@code GET /health} and {@code GET /openapi.yaml} must carry the service's token as
 * {@code Authorization: Bearer}, compared in constant time. A request from a web page (one with an {@code Origin}
 * header) is refused: no CORS. Bodies are bounded (413), the queue is bounded (503 with Retry-After), and each job
 * keeps the command line's limits. {@link #stop(Duration)} lets running and queued jobs finish first.
 */
public final class Service implements AutoCloseable {

    /** How long a queued job waits for a run slot before it is answered 503. */
    static final long QUEUE_WAIT_MILLIS = 120_000;

    private final ServeConfig config;
    private final PrintStream log;
    private final WorkerPool pool;
    private final Admission admission;
    private final SessionStore store;
    private final byte[] tokenHash;
    private final Path scratch;
    private final RenderJobs renders;
    private final GenerateJobs generates;
    private final SessionRoutes sessions;
    private final CommandLines commandLines;
    private final ExecutorService handlers;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** How long the service must have had no job before a warm-up render starts. */
    static final long WARM_UP_AFTER_QUIET_NANOS = 3_000_000_000L;
    /** When the warm-up last saw a job in the service (its own renders are not seen: it is busy with them). */
    private volatile long lastJobSeen;
    /** "off", "running" or "done", for /status. */
    private volatile String warmUpState = "off";
    private final Instant started = Instant.now();
    private HttpServer server;
    private volatile Path registered;

    public Service(ServeConfig config, PrintStream log) throws IOException {
        this(config, log, CommandLines.NONE);
    }

    /** As above, reading render command lines for clients with {@code commandLines} ({@code POST /cli/render}). */
    public Service(ServeConfig config, PrintStream log, CommandLines commandLines) throws IOException {
        this.config = config;
        this.commandLines = commandLines;
        this.log = log;
        this.pool = new WorkerPool(config.workerSettings(), config.workers(), QUEUE_WAIT_MILLIS);
        this.admission = new Admission(config.workers(), config.queue());
        this.store = new SessionStore(config.sessions());
        this.tokenHash = sha256(config.token());
        this.scratch = Files.createTempDirectory("riffcode-serve-");
        this.renders = new RenderJobs(config, pool, admission, scratch);
        this.generates = new GenerateJobs(config, pool, admission, store, scratch);
        this.sessions = new SessionRoutes(store, scratch);
        // Enough threads that a full queue is still answered at once (503), with room for reads of sessions.
        int threads = Math.max(16, 2 * (config.workers() + config.queue()) + 8);
        this.handlers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "riffcode-serve-" + requests.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the workers (waiting until they are warm) and then listens.
     *
     * @return the cold starts of the workers, in ms
     */
    public List<Double> start() throws IOException {
        return start(false);
    }

    /**
     * Starts the workers and listens; with {@code warmUp} it then renders the teaching examples in the background
     * while it is idle (see {@link WarmUp}), so that later requests find the JIT warm.
     *
     * @return the cold starts of the workers, in ms
     */
    public List<Double> start(boolean warmUp) throws IOException {
        List<Double> colds = pool.start(180_000);
        server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
        if (warmUp) {
            startWarmUp();
        }
        return colds;
    }

    /** The warm-up on a thread of its own; a warm-up that cannot start or fails is said, and the service serves on. */
    private void startWarmUp() {
        Path examples = config.templates().root().resolve("examples");
        warmUpState = "running";
        lastJobSeen = System.nanoTime();
        Thread t = new Thread(() -> {
            try {
                List<WarmUp.Script> scripts = WarmUp.scripts(examples);
                log.println("riffcode: warming up in the background on " + scripts.size() + " patches (its own and "
                        + "the examples in " + examples + "), " + WarmUp.ROUNDS + " passes, once no request has come for "
                        + WARM_UP_AFTER_QUIET_NANOS / 1_000_000_000L + " s; --no-warm-up skips this");
                WarmUp.Result done = WarmUp.run(pool, scripts, scratch, this::idleSlot, log);
                // The workers' JIT goes on compiling what the warm-up ran for some seconds: done means that is over too.
                double settled = 0;
                for (long pid : done.stopped() ? List.<Long>of() : pool.workerPids()) {
                    settled += WorkerCpu.awaitQuiet(pid);
                }
                log.printf(Locale.ROOT, "riffcode: %s: %d renders in %.1f s%s%s%n",
                        done.stopped() ? "warm-up cut short by the stop" : "warmed up", done.renders(), done.seconds(),
                        done.failed() > 0 ? ", " + done.failed() + " failed" : "",
                        settled > 0 ? String.format(Locale.ROOT, ", the workers quiet %.1f s later", settled / 1000) : "");
            } catch (Exception e) {
                log.println("riffcode: the warm-up stopped (the service serves on): " + e);
            } finally {
                warmUpState = "done";
            }
        }, "riffcode-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A place and a run slot for a warm-up render, taken only once no job has been in the service for
     * {@link #WARM_UP_AFTER_QUIET_NANOS} (someone rendering every few seconds is not slowed by it); null once stopping.
     */
    private AutoCloseable idleSlot() throws InterruptedException {
        while (!stopping.get()) {
            if (admission.inUse() > 0) {
                lastJobSeen = System.nanoTime();
            } else if (System.nanoTime() - lastJobSeen >= WARM_UP_AFTER_QUIET_NANOS) {
                Admission.Ticket ticket = admission.tryEnter();
                if (ticket != null) {
                    if (ticket.run(0)) {
                        return ticket;
                    }
                    ticket.close();
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    /**
     * Writes the state file through which the command line on this machine finds the service (owner-only: it holds
     * the token). {@link #stop} removes it again.
     */
    public void register(Path stateFile) throws IOException {
        ServiceState.write(stateFile, new ServiceState.Entry(uri().toString(), config.token(),
                ProcessHandle.current().pid(), config.sessions().toAbsolutePath().normalize().toString(),
                ServiceState.buildId(), started.toString()));
        registered = stateFile;
    }

    /** The port it listens on (the one picked when the config said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public ServeConfig config() {
        return config;
    }

    public WorkerPool pool() {
        return pool;
    }

    /** Waits until the service has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public boolean isStopping() {
        return stopping.get();
    }

    /**
     * Stops taking jobs (new ones are answered 503), lets the running and queued ones finish (at most {@code grace}),
     * then closes the listener and the workers. Safe to call more than once and from any thread.
     */
    public void stop(Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            try {
                stopped.await(grace.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        admission.close();
        long deadline = System.nanoTime() + grace.toNanos();
        while (admission.inUse() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (server != null) {
            server.stop(1);
        }
        handlers.shutdown();
        pool.close();
        renders.close();
        ServiceState.removeIfOurs(registered, ProcessHandle.current().pid());
        deleteTree(scratch);
        stopped.countDown();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    // ---- routing -------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) {
        long t0 = System.nanoTime();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        try {
            try {
                route(ex, method, path);
            } catch (Http.Failure f) {
                Http.sendFailure(ex, f);
            }
        } catch (IOException e) {
            // The client went away mid-answer; nothing more to tell it.
        } catch (RuntimeException e) {
            log.println("serve: " + method + " " + path + " failed: " + e);
            try {
                Http.sendFailure(ex, new Http.Failure(500, "internal", "the service failed on this request: "
                        + e.getClass().getSimpleName()));
            } catch (IOException ignored) {
                // the answer could not be sent either
            }
        } finally {
            ex.close();
            // One line per request, never a header or a body: the token and the prompts stay out of logs.
            log.printf("serve: %s %s %d %.0f ms%n", method, path, ex.getResponseCode(), (System.nanoTime() - t0) / 1e6);
        }
    }

    private void route(HttpExchange ex, String method, String path) throws IOException, Http.Failure {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (ex.getRequestHeaders().containsKey("Origin")) {
            // A web page's script: CORS is closed, whatever it asks (a preflight included).
            throw new Http.Failure(403, "cross_origin", "requests from web pages (with an Origin header) are refused; "
                    + "this service has no CORS");
        }
        if (path.equals("/health") && method.equals("GET")) {
            Http.sendJson(ex, 200, health());
            return;
        }
        if (path.equals("/openapi.yaml") && method.equals("GET")) {
            sendOpenApi(ex);
            return;
        }
        authorize(ex);
        String[] parts = segments(path);
        switch (parts.length == 0 ? "" : parts[0]) {
            case "render" -> {
                need(method, "POST", parts.length == 1);
                renders.render(ex);
            }
            case "jobs" -> {
                need(method, "GET", parts.length == 2 || parts.length == 3 && parts[2].equals("wav"));
                renders.job(ex, parts[1], parts.length == 3);
            }
            case "generate" -> {
                need(method, "POST", parts.length == 1);
                generates.generate(ex);
            }
            case "analyze" -> {
                need(method, "POST", parts.length == 1);
                Analysis.handle(ex, config, admission);
            }
            case "sessions" -> {
                need(method, "GET", parts.length <= 4);
                sessions.handle(ex, parts);
            }
            case "cli" -> {
                need(method, "POST", parts.length == 2 && parts[1].equals("render"));
                planRender(ex);
            }
            case "status" -> {
                need(method, "GET", parts.length == 1);
                Http.sendJson(ex, 200, status());
            }
            case "shutdown" -> {
                need(method, "POST", parts.length == 1);
                ObjectNode body = Http.JSON.createObjectNode();
                body.put("stopping", true);
                body.put("running", admission.inUse());
                Http.sendJson(ex, 202, body);
                Thread t = new Thread(() -> stop(Duration.ofMinutes(5)), "riffcode-serve-stop");
                t.start();
            }
            default -> throw new Http.Failure(404, "not_found", "no such endpoint: " + path
                    + " (the API is described at /openapi.yaml)");
        }
    }

    /** The most words a client may send to be read (their characters are bounded by the body limit). */
    static final int MAX_ARGS = 200;

    private void planRender(HttpExchange ex) throws IOException, Http.Failure {
        JsonNode argv = Http.jsonObject(Http.body(ex, config.maxBodyBytes())).get("argv");
        if (argv == null || !argv.isArray() || argv.size() > MAX_ARGS) {
            throw new Http.Failure(400, "bad_request", "the body needs \"argv\": the words after render, as a list of "
                    + "at most " + MAX_ARGS + " strings");
        }
        List<String> words = new ArrayList<>();
        for (JsonNode word : argv) {
            if (!word.isTextual()) {
                throw new Http.Failure(400, "bad_request", "every word of \"argv\" must be a string");
            }
            words.add(word.asText());
        }
        Http.sendJson(ex, 200, commandLines.planRender(words));
    }

    private static void need(String method, String wanted, boolean pathOk) throws Http.Failure {
        if (!pathOk) {
            throw new Http.Failure(404, "not_found", "no such endpoint (the API is described at /openapi.yaml)");
        }
        if (!method.equals(wanted)) {
            throw new Http.Failure(405, "method_not_allowed", "use " + wanted + " here");
        }
    }

    private static String[] segments(String rawPath) throws Http.Failure {
        String[] raw = rawPath.replaceAll("^/+|/+$", "").split("/+");
        if (raw.length == 1 && raw[0].isEmpty()) {
            return new String[0];
        }
        String[] out = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            try {
                out[i] = java.net.URLDecoder.decode(raw[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Http.Failure(400, "bad_request", "the path is not well encoded");
            }
            if (out[i].equals("..") || out[i].equals(".") || out[i].contains("/") || out[i].contains("\0")) {
                throw new Http.Failure(400, "bad_request", "the path has a segment that is not allowed");
            }
        }
        return out;
    }

    /** The bearer token, compared in constant time (as digests, so not even its length leaks). */
    private void authorize(HttpExchange ex) throws Http.Failure {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (given == null || given.isEmpty()) {
            throw new Http.Failure(401, "unauthorized", "this service needs its token as 'Authorization: Bearer TOKEN' "
                    + "(the command line finds it by itself; see ./riffcode serve --help)");
        }
        if (!MessageDigest.isEqual(sha256(given), tokenHash)) {
            throw new Http.Failure(401, "unauthorized", "wrong token");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode health() {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("status", stopping.get() ? "stopping" : "ok");
        return body;
    }

    private ObjectNode status() {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("status", stopping.get() ? "stopping" : "ok");
        body.put("version", ServiceState.buildId());
        body.put("pid", ProcessHandle.current().pid());
        body.put("started", started.toString());
        body.put("workers", pool.size());
        body.put("workers_idle", pool.idleCount());
        body.put("workers_replaced", pool.replacedCount());
        body.put("warm_up", warmUpState);
        var pids = body.putArray("worker_pids");
        pool.workerPids().forEach(pids::add);
        body.put("queue", config.queue());
        body.put("jobs_running", admission.active());
        body.put("jobs_waiting", admission.waiting());
        body.put("jobs_in_service", admission.inUse());
        body.put("reports_running", renders.lateReportsRunning());
        body.put("reports_most_at_once", renders.lateReportsMostAtOnce());
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        body.put("heap_used_mb", heap.getUsed() >> 20);
        body.put("heap_max_mb", heap.getMax() >> 20);
        body.put("rss_mb", rssMegabytes(ProcessHandle.current().pid()));
        long workersRss = 0;
        for (long pid : pool.workerPids()) {
            workersRss += Math.max(0, rssMegabytes(pid));
        }
        body.put("workers_rss_mb", workersRss);
        return body;
    }

    /** Resident memory of a process in MB from /proc, or -1 where there is none. */
    static long rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    private void sendOpenApi(HttpExchange ex) throws IOException {
        try (InputStream in = Service.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                Http.send(ex, 404, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "application/yaml; charset=utf-8");
            Http.send(ex, 200, in.readAllBytes());
        }
    }

    /** The URL clients use, such as http://127.0.0.1:7333. */
    public URI uri() {
        String host = config.bind().isAnyLocalAddress() ? "127.0.0.1" : config.bind().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file still open; the system's temp cleaning takes it
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }
}
