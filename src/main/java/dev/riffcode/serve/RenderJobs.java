package dev.riffcode.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.hearing.ReportJson;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.runtime.WorkerPool;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /render}: a script in, its WAV out (or, with {@code "async": true}, a job id to ask about later at
 * {@code GET /jobs/{id}}). The script runs on a pooled worker with the command line's limits and is rendered by the
 * same code as {@code ./riffcode render}, into a temporary file, so a long piece costs disk, not memory.
 */
final class RenderJobs implements AutoCloseable {

    /** Printed output longer than this does not fit in a header; ask for JSON to get it whole. */
    static final int PRINTED_HEADER_LIMIT = 4096;
    /** The boundary of a multipart answer; it cannot occur in the JSON part, and the WAV part has a length. */
    static final String BOUNDARY = "riffcode-render-7f3a9c";

    private final ServeConfig config;
    private final WorkerPool pool;
    private final Admission admission;
    private final Semaphore lateHearings;
    private final AtomicInteger lateRunning = new AtomicInteger();
    private final AtomicInteger lateMostAtOnce = new AtomicInteger();
    private final Path scratch;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ArrayDeque<String> finished = new ArrayDeque<>();
    private final int keepFinished;
    private final ExecutorService async;
    private final SecureRandom random = new SecureRandom();

    RenderJobs(ServeConfig config, WorkerPool pool, Admission admission, Path scratch) {
        this.config = config;
        this.pool = pool;
        this.admission = admission;
        this.lateHearings = new Semaphore(Math.max(1, config.workers()));
        this.scratch = scratch;
        this.keepFinished = 2 * (config.workers() + config.queue());
        this.async = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "riffcode-serve-job");
            t.setDaemon(true);
            return t;
        });
    }

    /** What a render gave: the studio's outcome and, when it worked, the WAV file. */
    record Done(Studio.Outcome outcome, Path wav, RenderOptions options, HearingReport report) {
    }

    void render(HttpExchange ex) throws IOException, Http.Failure {
        JsonNode json = Http.jsonObject(Http.body(ex, config.maxBodyBytes()));
        String code = JobOptions.requiredText(json, "code", "{\"code\": \"play(60)\\nsleep(1)\"}");
        String name = JobOptions.scriptName(json, "script.py");
        RenderOptions options = JobOptions.parse(json, config);
        boolean isAsync = JobOptions.flag(json, "async");
        boolean hear = JobOptions.flag(json, "report");
        String accept = ex.getRequestHeaders().getFirst("Accept");
        // A multipart answer sends the WAV first and the report after it, heard while the client writes the WAV.
        boolean hearAfterTheWav = hear && !isAsync && accept != null && accept.contains("multipart/mixed");
        Admission.Ticket ticket = admission.tryEnter();
        if (ticket == null) {
            throw busy(admission);
        }
        if (isAsync) {
            String id = newId();
            Job job = new Job(id);
            jobs.put(id, job);
            async.execute(() -> {
                try (ticket) {
                    job.status = "running";
                    Done done = execute(ticket, name, code, options, hear, hear);
                    job.done(done);
                } catch (Http.Failure f) {
                    job.failed(f);
                } catch (IOException | RuntimeException e) {
                    job.failed(new Http.Failure(500, "internal", "the render failed: " + e.getMessage()));
                } finally {
                    pool.prepareNextRun();
                }
                retire(id);
            });
            ObjectNode body = Http.JSON.createObjectNode();
            body.put("job", id);
            body.put("status", "queued");
            body.put("href", "/jobs/" + id);
            ex.getResponseHeaders().set("Location", "/jobs/" + id);
            Http.sendJson(ex, 202, body);
            return;
        }
        try {
            Done done;
            try (ticket) {
                done = execute(ticket, name, code, options, hear && !hearAfterTheWav, hear);
            }
            try {
                // Heard while the WAV goes out and the client writes it, rather than after: the report comes sooner.
                CompletableFuture<HearingReport> report = hearAfterTheWav && done.outcome().ok()
                        ? CompletableFuture.supplyAsync(() -> hearLateUnchecked(done), async) : null;
                answer(ex, done, report == null ? null : () -> awaited(report));
            } finally {
                if (done.wav() != null) {
                    Files.deleteIfExists(done.wav());
                }
            }
        } finally {
            // Only now, with the answer sent, does the worker make its next context: not on the cores the render
            // and the hearing need.
            pool.prepareNextRun();
        }
    }

    /**
     * Waits for a run slot, runs and renders; hears the render with {@code hear}, and keeps its audio for a hearing
     * to come with {@code keepAudio}.
     */
    private Done execute(Admission.Ticket ticket, String name, String code, RenderOptions options, boolean hear,
            boolean keepAudio) throws IOException, Http.Failure {
        long t0 = System.nanoTime();
        try {
            if (!ticket.run(Service.QUEUE_WAIT_MILLIS)) {
                throw new Http.Failure(503, "busy", "the job waited " + Service.QUEUE_WAIT_MILLIS / 1000
                        + " s without a free worker; try again later", null, admission.retryAfterSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Http.Failure(503, "stopping", "the service is stopping");
        }
        Path wav = scratch.resolve("render-" + newId() + ".wav");
        try {
            Studio studio = new Studio(pool, new PipesBackend());
            Studio.Outcome out = studio.renderToWav(name, code, options, wav, f -> { }, keepAudio);
            if (!out.ok()) {
                Files.deleteIfExists(wav);
                if ("Busy".equals(out.error().kind())) {
                    throw new Http.Failure(503, "busy", out.error().message(), null, admission.retryAfterSeconds());
                }
                return new Done(out, null, options, null);
            }
            Done done = new Done(out, wav, options, null);
            // Heard now, the audio is not kept: a finished job is held until it is collected.
            return hear ? new Done(withoutAudio(out), wav, options, hear(done)) : done;
        } catch (IOException e) {
            Files.deleteIfExists(wav);
            throw new Http.Failure(500, "io", "the service could not write the render: " + e.getMessage());
        } finally {
            ticket.timed(System.nanoTime() - t0);
        }
    }

    /**
     * Hears a render here, where the JIT is warm: a fresh command-line JVM took seconds for a minute of audio. From the
     * audio kept in memory (as the file holds it) when there is some, else from the file.
     */
    private HearingReport hear(Done done) throws IOException {
        float[][] kept = done.outcome().audio();
        AudioClip audio = kept != null ? new AudioClip(done.options().sampleRate(), kept) : WavReader.read(done.wav());
        return new Studio(pool, new PipesBackend()).hear(audio, done.outcome().score(), done.options());
    }

    private static Studio.Outcome withoutAudio(Studio.Outcome out) {
        return new Studio.Outcome(out.run(), out.render(), null, out.error());
    }

    /**
     * Hears a render whose run slot is free again, while its WAV goes out: no more of these at once than there are
     * workers, so reports cannot take more of the machine than renders do (only the HTTP threads bounded them).
     */
    private HearingReport hearLate(Done done) throws IOException {
        try {
            lateHearings.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the service is stopping");
        }
        lateMostAtOnce.accumulateAndGet(lateRunning.incrementAndGet(), Math::max);
        try {
            return hear(done);
        } finally {
            lateRunning.decrementAndGet();
            lateHearings.release();
        }
    }

    private HearingReport hearLateUnchecked(Done done) {
        try {
            return hearLate(done);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HearingReport awaited(CompletableFuture<HearingReport> report) throws IOException {
        try {
            return report.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Reports being heard after their WAV now, and the most there have been at once (for /status). */
    int lateReportsRunning() {
        return lateRunning.get();
    }

    int lateReportsMostAtOnce() {
        return lateMostAtOnce.get();
    }

    /** The hearing report of a finished render, heard while its WAV is sent; awaited once the WAV is out. */
    interface LateReport {
        HearingReport hear() throws IOException;
    }

    /**
     * The finished job as the client asked: WAV bytes with the facts in headers, JSON with the WAV inside, or
     * multipart: the facts, the WAV, and then ({@code late} not null) the hearing report.
     */
    private static void answer(HttpExchange ex, Done done, LateReport late) throws IOException {
        Studio.Outcome out = done.outcome();
        if (!out.ok()) {
            Http.sendJson(ex, 422, scriptError(out.run(), out.error()));
            return;
        }
        ObjectNode meta = meta(done);
        long size = Files.size(done.wav());
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept != null && accept.contains("multipart/mixed")) {
            // The facts as JSON, then the WAV as it is: no base64, nothing left out (the command line's choice).
            byte[] json = Http.JSON.writeValueAsBytes(meta);
            byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] middle = ("\r\n--" + BOUNDARY + "\r\nContent-Type: audio/wav\r\nContent-Length: " + size
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            ex.getResponseHeaders().set("Content-Type", "multipart/mixed; boundary=" + BOUNDARY);
            // With a report to come the length is not known yet: chunked.
            ex.sendResponseHeaders(200, late != null ? 0 : head.length + json.length + middle.length + size + tail.length);
            try (OutputStream body = ex.getResponseBody()) {
                body.write(head);
                body.write(json);
                body.write(middle);
                Files.copy(done.wav(), body);
                if (late != null) {
                    body.flush();
                    ObjectNode heard = Http.JSON.createObjectNode();
                    addReport(heard, late.hear());
                    byte[] report = Http.JSON.writeValueAsBytes(heard);
                    body.write(("\r\n--" + BOUNDARY + "\r\nContent-Type: application/json\r\nContent-Length: "
                            + report.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    body.write(report);
                }
                body.write(tail);
            }
            return;
        }
        if (Http.wantsJson(ex)) {
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream body = ex.getResponseBody();
                    JsonGenerator json = Http.JSON.getFactory().createGenerator(body);
                    InputStream wav = Files.newInputStream(done.wav())) {
                json.writeStartObject();
                for (var field : (Iterable<Map.Entry<String, JsonNode>>) meta::fields) {
                    json.writeFieldName(field.getKey());
                    json.writeTree(field.getValue());
                }
                json.writeFieldName("wav_base64");
                json.writeBinary(wav, (int) size);
                json.writeEndObject();
            }
            return;
        }
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "audio/wav");
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) meta::fields) {
            if (field.getValue().isObject() || field.getKey().equals("heard")) {
                continue;   // the report fits no header; ask for JSON or multipart to get it
            } else if (field.getKey().equals("printed")) {
                String printed = URLEncoder.encode(field.getValue().asText(), StandardCharsets.UTF_8);
                if (printed.length() <= PRINTED_HEADER_LIMIT) {
                    h.set("X-Riffcode-Printed", printed);
                } else {
                    h.set("X-Riffcode-Printed-Omitted", "true");
                }
            } else if (!field.getValue().isNull()) {
                h.set("X-Riffcode-" + header(field.getKey()), field.getValue().asText());
            }
        }
        ex.sendResponseHeaders(200, size);
        try (OutputStream body = ex.getResponseBody()) {
            Files.copy(done.wav(), body);
        }
    }

    /** sample_rate becomes Sample-Rate. */
    private static String header(String field) {
        StringBuilder out = new StringBuilder();
        for (String part : field.split("_")) {
            out.append(out.length() == 0 ? "" : "-").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    static ObjectNode meta(Done done) {
        Studio.Outcome out = done.outcome();
        var r = out.render();
        ObjectNode meta = Http.JSON.createObjectNode();
        meta.put("ok", true);
        meta.put("seconds", r.seconds());
        meta.put("sample_rate", r.sampleRate());
        meta.put("bits", done.options().format().cliName());
        if (Double.isFinite(r.peakDbfs())) {
            meta.put("peak_dbfs", Math.round(r.peakDbfs() * 100) / 100.0);
        } else {
            meta.putNull("peak_dbfs");
        }
        meta.put("notes", out.score().notes().size());
        meta.put("silent", out.score().isSilent());
        meta.put("run_ms", Math.round(out.run().runMillis()));
        meta.put("context_ready", out.run().contextWasReady());
        meta.put("render_ms", Math.round(r.renderMillis()));
        meta.put("realtime_factor", Math.round(r.realtimeFactor()));
        meta.put("printed", out.run().printed());
        meta.put("printed_truncated", out.run().printedTruncated());
        if (done.report() != null) {
            addReport(meta, done.report());
        }
        return meta;
    }

    private static void addReport(ObjectNode into, HearingReport report) {
        into.set("report", ReportJson.tree(report));
        into.put("heard", String.join("\n", report.lines()));
    }

    /** A script that did not give sound: its error as the command line prints it, and its parts. */
    static ObjectNode scriptError(RunResult run, ScriptError error) {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("error", "script_error");
        body.put("message", error.format());
        ObjectNode e = body.putObject("script_error");
        e.put("category", error.category().name());
        e.put("file", error.file());
        e.put("line", error.line());
        e.put("kind", error.kind());
        e.put("message", error.message());
        body.put("printed", run == null ? "" : run.printed());
        body.put("printed_truncated", run != null && run.printedTruncated());
        return body;
    }

    static Http.Failure busy(Admission admission) {
        if (admission.isClosed()) {
            return new Http.Failure(503, "stopping", "the service is stopping; it takes no new jobs", null, 5);
        }
        return new Http.Failure(503, "busy", "every worker is busy and the queue is full; try again in a moment",
                null, admission.retryAfterSeconds());
    }

    // ---- jobs --------------------------------------------------------------------------------------

    void job(HttpExchange ex, String id, boolean wavWanted) throws IOException, Http.Failure {
        Job job = jobs.get(id);
        if (job == null) {
            throw new Http.Failure(404, "no_job", "no job " + id + " here: it never was, or it finished long ago and "
                    + "was dropped (behind a load balancer, ask the instance that took it)");
        }
        if (!wavWanted) {
            Http.sendJson(ex, 200, job.describe());
            return;
        }
        Done done = job.done;
        if (done == null || done.wav() == null) {
            throw new Http.Failure(409, "no_wav", "job " + id + " is " + job.status + "; it has no WAV");
        }
        ex.getResponseHeaders().set("Content-Type", "audio/wav");
        ex.sendResponseHeaders(200, Files.size(done.wav()));
        try (OutputStream body = ex.getResponseBody()) {
            Files.copy(done.wav(), body);
        }
    }

    /** Keeps the newest finished jobs only, so results cannot fill the disk. */
    private synchronized void retire(String id) {
        finished.addLast(id);
        while (finished.size() > keepFinished) {
            Job old = jobs.remove(finished.removeFirst());
            if (old != null && old.done != null && old.done.wav() != null) {
                try {
                    Files.deleteIfExists(old.done.wav());
                } catch (IOException ignored) {
                    // the scratch folder goes when the service stops
                }
            }
        }
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        async.shutdownNow();
    }

    /** An asynchronous render and what it gave. */
    private static final class Job {
        final String id;
        volatile String status = "queued";
        volatile Done done;
        volatile Http.Failure failure;

        Job(String id) {
            this.id = id;
        }

        void done(Done d) {
            done = d;
            status = d.outcome().ok() ? "done" : "failed";
        }

        void failed(Http.Failure f) {
            failure = f;
            status = "failed";
        }

        ObjectNode describe() {
            ObjectNode body = Http.JSON.createObjectNode();
            body.put("job", id);
            body.put("status", status);
            Done d = done;
            if (d != null && d.outcome().ok()) {
                body.set("result", meta(d));
                body.put("wav", "/jobs/" + id + "/wav");
            } else if (d != null) {
                body.set("result", scriptError(d.outcome().run(), d.outcome().error()));
            } else if (failure != null) {
                ObjectNode f = body.putObject("result");
                f.put("error", failure.error);
                f.put("message", failure.getMessage());
            }
            return body;
        }
    }
}
