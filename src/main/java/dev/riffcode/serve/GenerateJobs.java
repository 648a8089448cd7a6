package dev.riffcode.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.riffcode.api.ApiReference;
import dev.riffcode.audio.WavReader;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.hearing.ReportJson;
import dev.riffcode.llm.ChatModel;
import dev.riffcode.llm.ChatResult;
import dev.riffcode.llm.Generator;
import dev.riffcode.llm.LlmException;
import dev.riffcode.llm.LlmSettings;
import dev.riffcode.llm.OpenAiChatModel;
import dev.riffcode.llm.PromptBuilder;
import dev.riffcode.llm.SessionRecorder;
import dev.riffcode.llm.offline.OfflineComposer;
import dev.riffcode.llm.offline.OfflineModel;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.runtime.WorkerPool;
import dev.riffcode.session.Origin;
import dev.riffcode.session.PromptMode;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.Step;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code POST /generate}: a prompt in; the model's answer, each check and repair streamed as server-sent events; the
 * script and a link to its WAV (in the session) out. The session gets exactly the steps {@code ./riffcode generate}
 * records, through the same {@link SessionRecorder}. The model's key is this service's and never leaves it: clients
 * send none, and nothing the service sends or logs contains it.
 */
final class GenerateJobs {

    private final ServeConfig config;
    private final WorkerPool pool;
    private final Admission admission;
    private final SessionStore store;
    private final Path scratch;
    private volatile String apiReference;

    GenerateJobs(ServeConfig config, WorkerPool pool, Admission admission, SessionStore store, Path scratch) {
        this.config = config;
        this.pool = pool;
        this.admission = admission;
        this.store = store;
        this.scratch = scratch;
    }

    /** The endpoint generate uses with these settings: "offline", or the model's base URL. */
    static String endpoint(LlmSettings llm, boolean offline) {
        return offline || llm == null || !llm.isConfigured() ? "offline" : llm.baseUrl();
    }

    void generate(HttpExchange ex) throws IOException, Http.Failure {
        JsonNode json = Http.jsonObject(Http.body(ex, config.maxBodyBytes()));
        String prompt = JobOptions.requiredText(json, "prompt", "{\"prompt\": \"a slow blues in E\"}");
        if (prompt.isBlank()) {
            throw JobOptions.bad("the prompt is empty: say what you want to hear, e.g. {\"prompt\": \"a slow blues in E\"}");
        }
        String current = JobOptions.optionalText(json, "edit");
        String modelWanted = JobOptions.optionalText(json, "model");
        boolean offlineWanted = JobOptions.flag(json, "offline");
        Long seed = JobOptions.longField(json, "seed");
        int repairs = JobOptions.intField(json, "repairs", Generator.DEFAULT_MAX_REPAIRS);
        if (repairs < 0 || repairs > 10) {
            throw JobOptions.bad("repairs must be 0..10, got " + repairs);
        }
        String sessionName = JobOptions.optionalText(json, "session");
        String scriptName = JobOptions.scriptName(json, "piece.py");
        double llmTimeout = JobOptions.number(json, "llm_timeout", 0);
        if (llmTimeout < 0 || llmTimeout > 3600) {
            throw JobOptions.bad("llm_timeout must be 0..3600 seconds, got " + llmTimeout);
        }
        RenderOptions options = JobOptions.parse(json, config);

        LlmSettings settings = config.llm();
        if (settings != null && modelWanted != null && !modelWanted.isBlank()) {
            settings = settings.withModel(modelWanted);
        }
        if (settings != null && llmTimeout > 0) {
            settings = new LlmSettings(settings.baseUrl(), settings.apiKey(), settings.model(),
                    Duration.ofMillis(Math.round(llmTimeout * 1000)), settings.maxRetries(), settings.keyRoute());
        }
        boolean useOffline = offlineWanted || settings == null || !settings.isConfigured();
        String endpoint = endpoint(settings, offlineWanted);
        String expected = JobOptions.optionalText(json, "endpoint");
        if (expected != null && !offlineWanted && !expected.equals(endpoint)) {
            ObjectNode extra = Http.JSON.createObjectNode();
            extra.put("endpoint", endpoint);
            throw new Http.Failure(409, "other_endpoint", "this service generates with " + endpoint + ", not "
                    + expected, extra, 0);
        }
        String modelName = useOffline ? OfflineComposer.MODEL_NAME
                : settings.model() == null ? "(server default)" : settings.model();
        long offlineSeed = seed != null ? seed : OfflineModel.seedFor(prompt);
        Generator.Request request = current == null ? Generator.Request.create(prompt)
                : Generator.Request.edit(prompt, current);

        Admission.Ticket ticket = admission.tryEnter();
        if (ticket == null) {
            throw RenderJobs.busy(admission);
        }
        long t0 = System.nanoTime();
        try (ticket) {
            Session session;
            try {
                session = openSession(sessionName, prompt);
            } catch (IllegalArgumentException e) {
                throw new Http.Failure(409, "session", e.getMessage());
            }
            try (session) {
                try {
                    session.prompt(prompt, current == null ? PromptMode.NEW : PromptMode.EDIT, modelName, endpoint);
                } catch (IOException e) {
                    // Another writer holds it: a second generate into the same session at the same time.
                    throw new Http.Failure(409, "session_busy", e.getMessage());
                }
                Integer imported = current == null ? null : session.codeVersion(current, Origin.IMPORT, null);
                if (prompt.length() > Generator.MAX_PROMPT_CHARS) {
                    String message = "the prompt is " + prompt.length() + " characters; the limit is "
                            + Generator.MAX_PROMPT_CHARS + ". Shorten it (the whole prompt is kept in session "
                            + session.name() + ")";
                    session.error("input", message);
                    ObjectNode extra = Http.JSON.createObjectNode();
                    extra.put("session", session.name());
                    throw new Http.Failure(413, "prompt_too_long", message, extra, 0);
                }
                Events events = new Events(ex);
                ObjectNode start = Http.JSON.createObjectNode();
                start.put("session", session.name());
                start.put("model", modelName);
                start.put("endpoint", endpoint);
                start.put("offline", useOffline);
                events.send("start", start);
                run(events, session, request, settings, useOffline, offlineSeed, repairs, scriptName, options, imported);
                events.end();
            }
        } finally {
            ticket.timed(System.nanoTime() - t0);
        }
    }

    private void run(Events events, Session session, Generator.Request request, LlmSettings settings,
            boolean useOffline, long offlineSeed, int repairs, String scriptName, RenderOptions options,
            Integer imported) throws IOException {
        // A generation runs the script several times (each attempt is checked, then rendered): a worker makes its
        // next context right after each run, as a lone runner does.
        Studio studio = new Studio(pool.preparingAfterEachRun(), new PipesBackend());
        try (ModelHolder holder = new ModelHolder(useOffline ? new OfflineModel(config.templates(), request, offlineSeed)
                : OpenAiChatModel.create(settings))) {
            PromptBuilder prompts = new PromptBuilder(config.templates(), useOffline ? () -> "" : this::reference);
            Generator generator = new Generator(studio, prompts, holder.model, repairs, scriptName, options);
            SessionRecorder recorder = new SessionRecorder(session, useOffline, imported, new EventDisplay(events));
            Generator.Result result = generator.generate(request, recorder);
            ObjectNode end = Http.JSON.createObjectNode();
            end.put("session", session.name());
            if (recorder.lastVersion() != null) {
                end.put("version", recorder.lastVersion());
            }
            end.put("code", result.code());
            var t = result.timings();
            ObjectNode timings = end.putObject("timings");
            timings.put("model_ms", Math.round(t.modelMillis()));
            timings.put("extract_ms", t.extractMillis());
            timings.put("validate_ms", Math.round(t.validateMillis()));
            if (!result.ok()) {
                end.put("ok", false);
                end.put("failure", result.failure());
                events.send("result", end);
                return;
            }
            long r0 = System.nanoTime();
            Path wav = scratch.resolve("generate-" + Long.toHexString(System.nanoTime()) + "-"
                    + Thread.currentThread().getId() + ".wav");
            Studio.Outcome out;
            try {
                out = studio.renderToWav(scriptName, result.code(), options, wav, f -> { });
            } catch (IOException e) {
                String message = "the service could not write the render: " + e.getMessage();
                session.error("output", message, recorder.lastVersion());
                end.put("ok", false);
                end.put("failure", message);
                events.send("result", end);
                return;
            }
            timings.put("render_ms", Math.round((System.nanoTime() - r0) / 1e6));
            if (!out.ok()) {
                session.error("render", out.error().format(), recorder.lastVersion());
                end.put("ok", false);
                end.put("failure", out.error().format());
                end.set("error", RenderJobs.scriptError(out.run(), out.error()).get("script_error"));
                events.send("result", end);
                return;
            }
            var r = out.render();
            try {
                HearingReport report = studio.hear(WavReader.read(wav), out.score(), options);
                session.render(recorder.lastVersion(), wav, r.seconds(), r.sampleRate(), r.peakDbfs(),
                        ReportJson.bytes(report));
                end.set("report", ReportJson.tree(report));
                end.put("heard", String.join("\n", report.lines()));
            } finally {
                Files.deleteIfExists(wav);
            }
            String file = lastRenderFile(session);
            end.put("ok", true);
            end.put("wav", "/sessions/" + session.name() + "/files/" + file);
            end.put("seconds", r.seconds());
            end.put("sample_rate", r.sampleRate());
            if (Double.isFinite(r.peakDbfs())) {
                end.put("peak_dbfs", Math.round(r.peakDbfs() * 100) / 100.0);
            }
            end.put("notes", out.score().notes().size());
            events.send("result", end);
        } catch (UncheckedIOException e) {
            events.send("error", message("the session could not be written: " + e.getMessage()));
        }
    }

    private static String lastRenderFile(Session session) {
        String name = null;
        for (Step s : session.steps()) {
            if (s instanceof Step.Render r) {
                name = r.file().name();
            }
        }
        return name;
    }

    /** The API reference the model is given, written once by a worker (and cached on disk, as for the CLI). */
    private String reference() {
        String text = apiReference;
        if (text == null) {
            try {
                text = pool.withWorker(w -> ApiReference.userCache().get(w));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            apiReference = text;
        }
        return text;
    }

    /** As {@code generate --session}: the named session if one matches, else a new one with that name. */
    private Session openSession(String name, String prompt) throws IOException {
        if (name != null) {
            try {
                return store.open(name);
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().contains("matches")) {
                    throw e;
                }
                return store.create(name);
            }
        }
        String title = prompt.strip().replaceAll("\\s+", " ");
        return store.create(title.length() > 40 ? title.substring(0, 40) : title);
    }

    private static ObjectNode message(String text) {
        ObjectNode node = Http.JSON.createObjectNode();
        node.put("message", text);
        return node;
    }

    /** Closes the model client (its connection pool) when the job ends. */
    private static final class ModelHolder implements AutoCloseable {
        final ChatModel model;

        ModelHolder(ChatModel model) {
            this.model = model;
        }

        @Override
        public void close() {
            if (model instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // nothing left to do with it
                }
            }
        }
    }

    /** The generator's steps as events. */
    private static final class EventDisplay implements Generator.Listener {
        private final Events events;

        EventDisplay(Events events) {
            this.events = events;
        }

        @Override
        public void token(String token) {
            ObjectNode n = Http.JSON.createObjectNode();
            n.put("text", token);
            events.send("token", n);
        }

        @Override
        public void answer(ChatResult answer) {
            ObjectNode n = Http.JSON.createObjectNode();
            n.put("model", answer.model());
            n.put("finish_reason", answer.finishReason());
            n.put("elapsed_ms", answer.elapsedMillis());
            n.put("partial", answer.partial());
            events.send("answer", n);
        }

        @Override
        public int code(String code, boolean repair, Integer parent) {
            ObjectNode n = Http.JSON.createObjectNode();
            n.put("repair", repair);
            if (parent != null) {
                n.put("parent", parent);
            }
            events.send("code", n);
            return 0;
        }

        @Override
        public void validation(int version, ScriptError error, String soundProblem) {
            ObjectNode n = Http.JSON.createObjectNode();
            n.put("version", version);
            String problem = error != null ? error.format() : soundProblem;
            n.put("ok", problem == null);
            if (problem != null) {
                n.put("problem", problem);
            }
            events.send("validation", n);
        }

        @Override
        public void repair(int version, String reason) {
            ObjectNode n = Http.JSON.createObjectNode();
            n.put("version", version);
            n.put("reason", reason);
            events.send("repair", n);
        }

        @Override
        public void failure(LlmException error) {
            ObjectNode n = Http.JSON.createObjectNode();
            n.put("kind", error.kind().name().toLowerCase());
            n.put("message", error.getMessage());
            events.send("failure", n);
        }
    }

    /**
     * A server-sent event stream. A client that goes away does not stop the job: the session is still recorded
     * whole, the events just go nowhere.
     */
    static final class Events {
        private final OutputStream out;
        private boolean gone;

        Events(HttpExchange ex) throws IOException {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("X-Accel-Buffering", "no"); // nginx: pass events on as they come
            ex.sendResponseHeaders(200, 0);
            this.out = ex.getResponseBody();
        }

        synchronized void send(String event, ObjectNode data) {
            if (gone) {
                return;
            }
            try {
                String line = "event: " + event + "\ndata: " + Http.JSON.writeValueAsString(data) + "\n\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                gone = true;
            }
        }

        synchronized void end() {
            try {
                out.close();
            } catch (IOException e) {
                gone = true;
            }
        }
    }
}
