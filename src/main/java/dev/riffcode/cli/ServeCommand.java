package dev.riffcode.cli;

import dev.riffcode.llm.LlmException;
import dev.riffcode.llm.LlmSettings;
import dev.riffcode.llm.Templates;
import dev.riffcode.runtime.WorkerSettings;
import dev.riffcode.serve.ServeConfig;
import dev.riffcode.serve.Service;
import dev.riffcode.serve.ServiceClient;
import dev.riffcode.serve.ServiceState;
import dev.riffcode.session.SessionStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code riffcode serve}: a warm service for render and generate; {@code serve --stop} ends it. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Keep sandbox workers warm and offer Riffcode's jobs over HTTP with JSON: render, generate (with "
                    + "progress as server-sent events), analyze, and the sessions. The API is described at "
                    + "/openapi.yaml.",
            "",
            "While it runs, ./riffcode render and ./riffcode generate on this machine use it by themselves (and say "
                    + "so), and a minute of music is written in about a second; --no-service makes one run here instead.",
            "",
            "It listens on 127.0.0.1 only, unless --bind says otherwise; then a token is required (set "
                    + "RIFFCODE_SERVE_TOKEN, or --token, which other users can see in the process list). Without one "
                    + "a random token is made and written, readable by you only, to the state file through which the "
                    + "command line finds the service. Clients send it as 'Authorization: Bearer TOKEN'.",
            "",
            "The model for generate is configured as for ./riffcode generate (OPENAI_API_KEY, OPENAI_BASE_URL, "
                    + "RIFFCODE_MODEL, ~/.config/riffcode/config.json, --base-url, --model); its key never leaves the "
                    + "service."},
        footer = {
            "",
            "Examples:",
            "  ./riffcode serve &                 then render and generate as usual",
            "  ./riffcode serve --stop            finish the running jobs, then stop",
            "  export RIFFCODE_SERVE_TOKEN=$(openssl rand -hex 24)",
            "  ./riffcode serve --bind 0.0.0.0    other machines may use it, with the token",
            "  curl -H \"Authorization: Bearer $RIFFCODE_SERVE_TOKEN\" \\",
            "      -d '{\"code\": \"play(60)\"}' http://127.0.0.1:7333/render -o a.wav"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServeConfig.DEFAULT_PORT,
            description = "the port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "the address to listen on (default ${DEFAULT-VALUE}, this machine only)")
    String bind;

    @Option(names = "--workers", paramLabel = "N", description = "warm sandbox workers, each a process with a 512 MB heap (default: one per core, at most 4)")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N", description = "jobs that may wait for a worker; more are answered 503 with Retry-After (default: 4 per worker)")
    Integer queue;

    @Option(names = "--token", paramLabel = "T", description = "the bearer token clients must send (prefer RIFFCODE_SERVE_TOKEN)")
    String token;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1m",
            description = "longest request body, e.g. 512k or 2m (default ${DEFAULT-VALUE}); longer ones get 413")
    String maxBody;

    @Option(names = "--max-timeout", paramLabel = "S", defaultValue = "60",
            description = "highest script time bound a request may ask for (default ${DEFAULT-VALUE} s; a request's own default is 10 s, as for render)")
    double maxTimeout;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "600",
            description = "longest piece a request may ask for (default ${DEFAULT-VALUE} s)")
    double maxSeconds;

    @Option(names = "--base-url", paramLabel = "URL", description = "the model endpoint for generate (else as for ./riffcode generate)")
    String baseUrl;

    @Option(names = "--model", paramLabel = "M", description = "the model for generate")
    String model;

    @Option(names = "--no-warm-up", description = "do not render the teaching examples in the background after starting "
            + "(they are rendered twice, once no request has come for 3 s, so that later requests run on compiled code)")
    boolean noWarmUp;

    @Option(names = "--no-register", description = "do not write the state file: the command line will not use this service (for a second instance behind a load balancer)")
    boolean noRegister;

    @Option(names = "--stop", description = "stop the running service (its running and queued jobs finish first)")
    boolean stop;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        Path stateFile = ServiceState.defaultPath(env);
        if (stop) {
            return stop(stateFile);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--bind: no such address: " + bind);
        }
        String given = token != null ? token : blankToNull(env.get("RIFFCODE_SERVE_TOKEN"));
        String refusal = ServeConfig.refusal(address, given);
        if (refusal != null) {
            System.err.println("riffcode: " + refusal);
            return 2;
        }
        int w = workers != null ? workers : ServeConfig.defaultWorkers();
        if (w < 1 || w > 64) {
            throw new ParameterException(spec.commandLine(), "--workers must be 1..64, got " + w);
        }
        int q = queue != null ? queue : ServeConfig.defaultQueue(w);
        if (q < 0 || q > 10_000) {
            throw new ParameterException(spec.commandLine(), "--queue must be 0..10000, got " + q);
        }
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        if (!(maxTimeout > 0 && maxTimeout <= 600)) {
            throw new ParameterException(spec.commandLine(), "--max-timeout must be between 0 and 600 seconds, got " + maxTimeout);
        }
        if (!(maxSeconds > 0 && maxSeconds <= 3 * 3600)) {
            throw new ParameterException(spec.commandLine(), "--max-seconds must be between 0 and 10800, got " + maxSeconds);
        }
        long bodyLimit = bytes(maxBody);
        if (!noRegister) {
            ServiceState.Read running = ServiceState.read(stateFile);
            if (running != null && running.entry() != null && ProcessHandle.of(running.entry().pid())
                    .map(ProcessHandle::isAlive).orElse(false) && running.entry().pid() != ProcessHandle.current().pid()) {
                System.err.println("riffcode: a service is already running at " + running.entry().url() + " (pid "
                        + running.entry().pid() + "); ./riffcode serve --stop ends it (or start this one with "
                        + "--no-register and another --port)");
                return 1;
            }
        }
        LlmSettings llm;
        try {
            llm = LlmSettings.resolve(new LlmSettings.Flags(baseUrl, null, model, null, null), env,
                    LlmSettings.defaultConfigFile(env));
        } catch (LlmException e) {
            System.err.println("riffcode: " + e.getMessage());
            return 2;
        }
        ServeConfig config = new ServeConfig(address, port, w, q, given != null ? given : ServeConfig.randomToken(), bodyLimit,
                Math.round(maxTimeout * 1000), maxSeconds, SessionStore.defaultRoot(),
                WorkerSettings.defaults(), llm.isConfigured() ? llm : null, Templates.locate());
        // A client that sends its request slowly must not hold a handler thread for ever (the JDK server reads it on
        // one): 60 s to send the request, 10 minutes to take the answer, idle connections closed after 30 s.
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "60"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "600"));
        System.err.println("riffcode: starting " + w + " sandbox worker" + (w == 1 ? "" : "s") + "...");
        Service service = new Service(config, System.err, RenderCommand::planForService);
        List<Double> colds;
        try {
            colds = service.start(!noWarmUp);
        } catch (IOException e) {
            service.stop(Duration.ZERO);
            System.err.println("riffcode: the service could not start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> service.stop(Duration.ofSeconds(60)), "riffcode-serve-hook"));
        if (!noRegister) {
            service.register(stateFile);
        }
        ClientCache.trainInBackground(stateFile, noRegister);
        double slowest = colds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.err.printf(Locale.ROOT, "riffcode: serving on %s with %d warm worker%s (started in %.1f s), queue %d; "
                + "the API is at %s/openapi.yaml%n", service.uri(), colds.size(), colds.size() == 1 ? "" : "s",
                slowest / 1000, q, service.uri());
        System.err.println("riffcode: generate uses " + (config.llm() == null ? "the offline generator (no model configured)"
                : config.llm().describe()));
        System.err.println("riffcode: token " + (given != null ? "as given" : noRegister ? "made at random and kept nowhere: "
                + "pass --token for a service clients can use" : "in " + stateFile + " (readable by you only)")
                + "; sessions in " + config.sessions());
        System.err.println("riffcode: ./riffcode serve --stop (or Ctrl+C) stops it after its running jobs");
        service.awaitStop();
        System.err.println("riffcode: the service stopped");
        return 0;
    }

    private static int stop(Path stateFile) throws InterruptedException {
        ServiceState.Read read = ServiceState.read(stateFile);
        if (read == null) {
            System.err.println("riffcode: no service is running (there is no " + stateFile + ")");
            return 1;
        }
        if (read.entry() == null) {
            System.err.println("riffcode: " + read.problem());
            return 1;
        }
        ServiceState.Entry e = read.entry();
        var process = ProcessHandle.of(e.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            try {
                java.nio.file.Files.deleteIfExists(stateFile);
            } catch (IOException ignored) {
                // left for the next start to replace
            }
            System.err.println("riffcode: no service is running (pid " + e.pid() + " is gone; removed its state file)");
            return 0;
        }
        try {
            new ServiceClient(e).shutdown();
        } catch (IOException ex) {
            System.err.println("riffcode: the service did not answer (" + ex.getMessage() + "); sending it SIGTERM");
            process.get().destroy();
        }
        System.err.println("riffcode: stopping the service at " + e.url() + " (pid " + e.pid()
                + "); running jobs finish first...");
        try {
            process.get().onExit().get(6, java.util.concurrent.TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
            System.err.println("riffcode: the service has not stopped after 6 minutes (pid " + e.pid() + ")");
            return 1;
        }
        System.err.println("riffcode: the service stopped");
        return 0;
    }

    /** "1m" → 1048576, "512k" → 524288, "2000" → 2000. */
    private long bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long factor = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1;
        String digits = factor == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(digits) * factor;
            if (v >= 1024 && v <= (256L << 20)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ParameterException(spec.commandLine(), "--max-body must be 1k..256m (e.g. 512k, 2m), got " + text);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
