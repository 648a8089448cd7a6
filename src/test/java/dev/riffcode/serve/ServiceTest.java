package dev.riffcode.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.Yin;
import dev.riffcode.llm.LlmSettings;
import dev.riffcode.llm.ScriptedOpenAiServer;
import dev.riffcode.llm.Templates;
import dev.riffcode.runtime.WorkerSettings;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service on 127.0.0.1: real HTTP, real sandbox workers, a real session store. One service (two workers, a
 * queue of one) serves every test; the last test stops it gracefully while a job runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300)
class ServiceTest {

    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final String MODEL_KEY = "sk-test-Abc123SecretKeyNeverLeaves42";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BODY = 64 * 1024;
    /** A quarter of a second of work for the engine on a quiet machine: 64 saws into a resonant low-pass (bench P2), 40 s. */
    private static final String SLOW_RENDER = """
            lowpass = FilterLowPass(frequency=2000, Q=4)
            for i in range(64):
                saw = SawtoothOscillatorBL(frequency=100 + i * 14, amplitude=1 / 64)
                saw.output.connect(lowpass.input)
            out(lowpass)
            sleep(40)
            """;

    @TempDir
    static Path dir;

    static Service service;
    static ScriptedOpenAiServer model;
    static final ByteArrayOutputStream log = new ByteArrayOutputStream();
    static HttpClient http;
    static URI base;

    @BeforeAll
    static void start() throws IOException {
        model = ScriptedOpenAiServer.start();
        LlmSettings llm = new LlmSettings(model.baseUrl(), MODEL_KEY, "scripted-model", Duration.ofSeconds(30), 0);
        ServeConfig config = new ServeConfig(InetAddress.getLoopbackAddress(), 0, 2, 1, TOKEN, MAX_BODY,
                60_000, 600, dir.resolve("sessions"), WorkerSettings.defaults(), llm, Templates.locate());
        service = new Service(config, new PrintStream(log, true, StandardCharsets.UTF_8));
        service.start();
        base = service.uri();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop(Duration.ofSeconds(30));
        }
        if (model != null) {
            model.close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(240))
                .header("Authorization", "Bearer " + TOKEN);
    }

    static HttpResponse<byte[]> post(String path, Object body) throws IOException, InterruptedException {
        return post(path, body, "audio/wav");
    }

    static HttpResponse<byte[]> post(String path, Object body, String accept) throws IOException, InterruptedException {
        byte[] bytes = body instanceof byte[] b ? b : JSON.writeValueAsBytes(body);
        return http.send(request(path).header("Accept", accept).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static ObjectNode render(String code) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", code);
        return n;
    }

    /** The median fundamental of a clip, by YIN over 50 ms frames. */
    static double pitch(AudioClip clip) {
        float[] mono = clip.toMono();
        Yin yin = new Yin(clip.sampleRate());
        List<Double> hz = new ArrayList<>();
        int frame = Math.max(yin.minSegmentLength(), clip.sampleRate() / 20);
        for (int start = clip.sampleRate() / 10; start + frame < mono.length * 0.8; start += frame) {
            Yin.Pitch p = yin.detect(mono, start, frame);
            if (p.isPeriodic()) {
                hz.add(p.frequency());
            }
        }
        hz.sort(Double::compare);
        return hz.isEmpty() ? Double.NaN : hz.get(hz.size() / 2);
    }

    // ---- tests --------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aGoodScriptComesBackAsItsSound() throws Exception {
        ObjectNode body = render("use_synth('sine')\nplay(69, sustain=1.5, release=0.2)\nsleep(2)\nprint('hello')\n");
        body.put("seconds", 2);
        body.put("name", "a440.py");
        HttpResponse<byte[]> r = post("/render", body);
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("audio/wav", r.headers().firstValue("Content-Type").orElse(""));
        AudioClip clip = WavReader.read(r.body());
        assertEquals(2.0, clip.durationSeconds(), 0.01);
        assertEquals(440.0, pitch(clip), 2.0, "an A4 sine comes back as 440 Hz");
        assertEquals("1", r.headers().firstValue("X-Riffcode-Notes").orElse(""));
        assertEquals("hello%0A", r.headers().firstValue("X-Riffcode-Printed").orElse(""));

        // The same job as JSON carries the WAV inside, and the printed output whole.
        body.put("code", "play(72, sustain=1.5)\nsleep(2)\n");
        body.put("report", true);
        HttpResponse<byte[]> j = post("/render", body, "application/json");
        assertEquals(200, j.statusCode());
        JsonNode answer = json(j);
        assertTrue(answer.get("ok").asBoolean());
        AudioClip c5 = WavReader.read(Base64.getDecoder().decode(answer.get("wav_base64").asText()));
        assertEquals(523.25, pitch(c5), 4.0, "C5");
        assertEquals(1, answer.get("notes").asInt());
        // Two workers, and this is the second request: the one it ran on had its sandbox made in advance.
        assertTrue(answer.get("context_ready").asBoolean(), answer.toString());
        // Asked for, the service hears it too: the report as a session keeps it, and its lines as the CLI prints them.
        assertEquals("[\"C\"]", answer.get("report").get("pitchClasses").toString());
        assertEquals(2.0, answer.get("report").get("seconds").asDouble(), 0.01);
        assertTrue(answer.get("heard").asText().contains("notes       C"), answer.get("heard").asText());
        assertNull(json(post("/render", render("play(60)\nsleep(1)\n"), "application/json")).get("report"),
                "no report unless asked (it costs the service time)");

        // And it can be analysed by the service itself.
        HttpResponse<byte[]> a = post("/analyze", r.body(), "application/json");
        assertEquals(200, a.statusCode(), () -> new String(a.body(), StandardCharsets.UTF_8));
        JsonNode analysis = json(a);
        assertEquals(440.0, analysis.get("pitch").get("hz").asDouble(), 2.0);
        assertEquals("A", analysis.get("strongest_pitch_class").asText());
    }

    private static final Pattern EXPECT = Pattern.compile("^# expect: (\\w+)", Pattern.MULTILINE);
    private static final Pattern MESSAGE = Pattern.compile("^# message: (.+)$", Pattern.MULTILINE);
    private static final Pattern LINE = Pattern.compile("^# line: (\\d+)", Pattern.MULTILINE);
    private static final Pattern TIMEOUT = Pattern.compile("^# timeout: (\\d+)", Pattern.MULTILINE);

    @Test
    @Order(2)
    void hostileScriptsFromTheSandboxCorpusAreContainedWithTheirError() throws Exception {
        // A few of every kind, chosen to be quick: blocked imports, GraalVM's own barrier, a runaway loop, a score
        // too long; the whole corpus runs in HostileScriptsTest.
        for (String name : List.of("import_os.py", "socket_connect.py", "threading_thread.py", "read_file_open.py",
                "bypass_io_open_read.py", "builtins_import_bypass.py", "while_true_pass.py", "hours_long_score.py")) {
            String code = Files.readString(Path.of("src/test/resources/hostile", name));
            ObjectNode body = render(code);
            body.put("name", name);
            Matcher t = TIMEOUT.matcher(code);
            // The corpus's own bound where it sets one; else a generous one, so a loaded machine is not a timeout.
            body.put("timeout", t.find() ? Integer.parseInt(t.group(1)) : 30);
            HttpResponse<byte[]> r = post("/render", body);
            assertEquals(422, r.statusCode(), () -> name + ": " + new String(r.body(), StandardCharsets.UTF_8));
            JsonNode e = json(r).get("script_error");
            Matcher expect = EXPECT.matcher(code);
            assertTrue(expect.find());
            assertEquals(expect.group(1), e.get("category").asText(), name);
            assertEquals(name, e.get("file").asText());
            Matcher message = MESSAGE.matcher(code);
            if (message.find()) {
                assertTrue(json(r).get("message").asText().contains(message.group(1)), () -> name + ": " + e);
            }
            Matcher line = LINE.matcher(code);
            if (line.find()) {
                assertEquals(Integer.parseInt(line.group(1)), e.get("line").asInt(), name);
            }
        }
        HttpResponse<byte[]> ok = post("/render", render("play(60)\nsleep(0.5)\n"));
        assertEquals(200, ok.statusCode(), "a normal script still works after the hostile ones");
    }

    @Test
    @Order(3)
    void bodiesAndRequestsThatAreNotRightAreRefusedWithAReason() throws Exception {
        byte[] big = JSON.writeValueAsBytes(render("# " + "x".repeat((int) MAX_BODY) + "\nplay(60)\n"));
        HttpResponse<byte[]> r = post("/render", big);
        assertEquals(413, r.statusCode());
        assertTrue(json(r).get("message").asText().contains("at most " + MAX_BODY + " bytes"));

        assertEquals(400, post("/render", "{not json".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(400, post("/render", JSON.readTree("{\"code\": 5}")).statusCode());
        ObjectNode badRate = render("play(60)");
        badRate.put("rate", 8000);
        HttpResponse<byte[]> rate = post("/render", badRate);
        assertEquals(400, rate.statusCode());
        assertTrue(json(rate).get("message").asText().contains("44100 or 48000"));
        ObjectNode longTimeout = render("play(60)");
        longTimeout.put("timeout", 3600);
        assertEquals(400, post("/render", longTimeout).statusCode(), "no more than the service's --max-timeout");
        assertEquals(404, get("/nothing-here").statusCode());
        assertEquals(405, get("/render").statusCode());
        assertEquals(404, get("/jobs/0123").statusCode());
    }

    @Test
    @Order(4)
    void theTokenIsNeededAndWebPagesAreRefused() throws Exception {
        HttpRequest.Builder noToken = HttpRequest.newBuilder(base.resolve("/sessions")).GET();
        HttpResponse<String> none = http.send(noToken.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").isPresent());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(base.resolve("/sessions"))
                .header("Authorization", "Bearer " + TOKEN.substring(0, TOKEN.length() - 1) + "X").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(base.resolve("/sessions"))
                .header("Authorization", "Basic " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode());
        HttpResponse<String> render = http.send(HttpRequest.newBuilder(base.resolve("/render"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"play(60)\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, render.statusCode(), "no job runs without the token");

        // A page on another site (or this one) cannot use the service from a browser: no CORS, whatever it sends.
        HttpResponse<byte[]> cors = http.send(request("/sessions").header("Origin", "http://evil.example").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, cors.statusCode());
        assertTrue(cors.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        HttpResponse<byte[]> preflight = http.send(HttpRequest.newBuilder(base.resolve("/render"))
                .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

        // What needs no token: health and the API description.
        assertEquals(200, http.send(HttpRequest.newBuilder(base.resolve("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(base.resolve("/openapi.yaml")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, api.statusCode());
        assertTrue(api.body().startsWith("openapi: 3"));
        for (String path : List.of("/render:", "/generate:", "/analyze:", "/sessions:", "/sessions/{name}:",
                "/sessions/{name}/export:", "/jobs/{id}:")) {
            assertTrue(api.body().contains("  " + path), "the API description covers " + path);
        }
        assertFalse(log.toString(StandardCharsets.UTF_8).contains(TOKEN), "the token is never logged");
    }

    @Test
    @Order(5)
    void aServiceOnTheNetworkNeedsAToken() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        String why = ServeConfig.refusal(any, null);
        assertNotNull(why);
        assertTrue(why.contains("without a token") && why.contains("RIFFCODE_SERVE_TOKEN"), why);
        assertTrue(ServeConfig.refusal(any, "short").contains("at least 16"));
        assertNull(ServeConfig.refusal(any, "a-long-enough-token-for-a-classroom"));
        assertNull(ServeConfig.refusal(InetAddress.getLoopbackAddress(), null), "this machine only: a random token");

        // From the command line, as a user would meet it: exit 2, the reason, nothing started. (With a token in the
        // environment the command would rightly start a service on 0.0.0.0, so that part needs none.)
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("RIFFCODE_SERVE_TOKEN") == null,
                "RIFFCODE_SERVE_TOKEN is set here, so serve --bind 0.0.0.0 would start");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = dev.riffcode.cli.Main.run("serve", "--bind", "0.0.0.0", "--port", "0", "--no-register");
        } finally {
            System.setErr(err);
        }
        assertEquals(2, exit);
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("refusing to listen on 0.0.0.0 without a token"),
                captured::toString);
    }

    @Test
    @Order(6)
    void aFullQueueIsAnswered503WithRetryAfter() throws Exception {
        // Two workers and a queue of one: three asynchronous jobs take every place, the fourth is turned away.
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode body = render(SLOW_RENDER);
            body.put("seconds", 40);
            body.put("async", true);
            HttpResponse<byte[]> r = post("/render", body);
            assertEquals(202, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
            jobs.add(json(r).get("job").asText());
        }
        HttpResponse<byte[]> full = post("/render", render("play(60)\nsleep(1)\n"));
        assertEquals(503, full.statusCode());
        long retry = Long.parseLong(full.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
        assertEquals("busy", json(full).get("error").asText());

        for (String id : jobs) {
            JsonNode job = awaitJob(id);
            assertEquals("done", job.get("status").asText(), job::toString);
            HttpResponse<byte[]> wav = get("/jobs/" + id + "/wav");
            assertEquals(200, wav.statusCode());
            assertEquals(40.0, WavReader.read(wav.body()).durationSeconds(), 0.01);
        }
        assertEquals(200, post("/render", render("play(60)\nsleep(1)\n")).statusCode(), "room again");
    }

    static JsonNode awaitJob(String id) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode job = json(get("/jobs/" + id));
            String status = job.get("status").asText();
            if (status.equals("done") || status.equals("failed")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    @Test
    @Order(7)
    void aWorkerKilledMidRequestFailsThatRequestCleanlyAndTheNextSucceeds() throws Exception {
        ObjectNode body = render("play(60)\nwhile True:\n    pass\n");
        body.put("name", "spin.py");
        body.put("timeout", 30);
        CompletableFuture<HttpResponse<byte[]>> spinning = http.sendAsync(request("/render")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long pid = -1;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (pid < 0 && System.nanoTime() < deadline) {
            List<Long> busy = service.pool().busyPids();
            pid = busy.isEmpty() ? -1 : busy.get(0);
            Thread.sleep(20);
        }
        assertTrue(pid > 0, "a worker took the script");
        Thread.sleep(300); // let it get into the loop
        assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly(), "kill -9 of the worker");

        HttpResponse<byte[]> r = spinning.get();
        assertEquals(422, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        JsonNode e = json(r).get("script_error");
        assertEquals("CRASH", e.get("category").asText());
        assertEquals("WorkerCrashed", e.get("kind").asText());
        assertTrue(json(r).get("message").asText().startsWith("spin.py: WorkerCrashed: the script worker stopped"));

        HttpResponse<byte[]> next = post("/render", render("use_synth('sine')\nplay(69, sustain=1)\nsleep(1)\n"));
        assertEquals(200, next.statusCode(), "the next request succeeds");
        assertEquals(440.0, pitch(WavReader.read(next.body())), 2.0);
    }

    @Test
    @Order(8)
    void generateStreamsItsStepsAndRecordsTheSessionAsTheCommandLineDoes() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("prompt", "a folk tune that only uses A, B, C#, F# and G");
        body.put("offline", true);
        body.put("seconds", 4);
        Map<String, List<JsonNode>> events = generate(body);
        JsonNode start = events.get("start").get(0);
        String name = start.get("session").asText();
        assertEquals("offline", start.get("endpoint").asText());
        JsonNode result = events.get("result").get(0);
        assertTrue(result.get("ok").asBoolean(), result::toString);
        assertTrue(events.get("validation").get(events.get("validation").size() - 1).get("ok").asBoolean());
        assertTrue(events.containsKey("token"), "the answer streams");

        HttpResponse<byte[]> wav = get(result.get("wav").asText());
        assertEquals(200, wav.statusCode());
        assertEquals(4.0, WavReader.read(wav.body()).durationSeconds(), 0.01);
        // The notes the service heard are the ones the prompt allows (the CLI prints these lines).
        List<String> heardNotes = new ArrayList<>();
        result.get("report").get("pitchClasses").forEach(n -> heardNotes.add(n.asText()));
        assertTrue(List.of("A", "B", "C#", "F#", "G").containsAll(heardNotes) && !heardNotes.isEmpty(), heardNotes::toString);
        assertTrue(result.get("heard").asText().contains("loudness"), result.get("heard").asText());

        try (Session s = new SessionStore(dir.resolve("sessions")).open(name)) {
            assertEquals(List.of("Prompt", "Answer", "Code", "Validation", "Render"),
                    s.steps().stream().map(step -> step.getClass().getSimpleName()).toList(),
                    "the steps ./riffcode generate records for an offline piece");
            assertEquals(List.of(), s.verify());
            assertEquals(result.get("code").asText(), s.code(1));
        }

        // The sessions, over HTTP.
        JsonNode list = json(get("/sessions"));
        assertTrue(list.get("sessions").findValuesAsText("name").contains(name));
        JsonNode show = json(get("/sessions/" + name));
        assertTrue(show.get("story").asText().contains("a folk tune"));
        assertEquals(0, show.get("problems").size());
        HttpResponse<byte[]> zip = get("/sessions/" + name + "/export");
        assertEquals(200, zip.statusCode());
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertTrue(entries.contains(name + "/README.md") && entries.contains(name + "/v1.py"), entries::toString);
        assertEquals(200, get("/sessions/" + name + "/files/v1.py").statusCode());
        assertEquals(404, get("/sessions/" + name + "/files/session.json").statusCode(), "only files the index names");
        int escape = get("/sessions/" + name + "/files/..%2F..%2Fetc%2Fpasswd").statusCode();
        assertTrue(escape == 400 || escape == 404, "no way out of the session folder: " + escape);
        assertEquals(404, get("/sessions/no-such-session-anywhere").statusCode());
    }

    @Test
    @Order(8)
    void theCommandLinesClientFollowsAGenerationAndFetchesItsWav() throws Exception {
        // The client ./riffcode generate uses: the events come through its own HTTP reading, chunk by chunk.
        ServiceClient client = new ServiceClient(new ServiceState.Entry(base.toString(), TOKEN, 0, "", "", ""));
        List<String> seen = new ArrayList<>();
        Map<String, Object> result = new java.util.HashMap<>();
        ServiceClient.Refusal refusal = client.generate(Map.of("prompt", "a slow tune in A minor", "offline", true,
                "seconds", 3.0), (event, data) -> {
                    seen.add(event);
                    if (event.equals("result")) {
                        result.putAll(data);
                    }
                });
        assertNull(refusal);
        assertEquals("start", seen.get(0));
        assertEquals("result", seen.get(seen.size() - 1));
        assertTrue(seen.contains("token") && seen.contains("validation"), seen::toString);
        assertEquals(true, result.get("ok"), result::toString);
        Path out = dir.resolve("generated.wav");
        client.download(result.get("wav").toString(), out);
        assertEquals(3.0, WavReader.read(out).durationSeconds(), 0.01);
        ServiceClient.Refusal empty = client.generate(Map.of("prompt", " "), (event, data) -> seen.add("after: " + event));
        assertEquals(400, empty.status());
        assertTrue(empty.message().contains("the prompt is empty"), empty::toString);
        assertFalse(seen.stream().anyMatch(e -> e.startsWith("after")), "a refused generation sends no events");
        java.io.IOException missing = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> client.download("/sessions/no-such-session/files/v1.wav", dir.resolve("missing.wav")));
        assertTrue(missing.getMessage().contains("404"), missing.getMessage());
        assertFalse(Files.exists(dir.resolve("missing.wav")));
    }

    @Test
    @Order(9)
    void concurrentGenerationsWriteTheOneStoreSafely() throws Exception {
        List<CompletableFuture<Map<String, List<JsonNode>>>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("prompt", "a calm melody in D dorian, take " + i);
            body.put("offline", true);
            body.put("seconds", 2);
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return generate(body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        SessionStore store = new SessionStore(dir.resolve("sessions"));
        for (var run : runs) {
            Map<String, List<JsonNode>> events = run.get();
            JsonNode result = events.get("result").get(0);
            assertTrue(result.get("ok").asBoolean(), result::toString);
            try (Session s = store.open(result.get("session").asText())) {
                assertEquals(List.of(), s.verify());
                assertEquals(5, s.steps().size());
            }
        }
        // Two writers of one session at once: the second is told, nothing is lost.
        ObjectNode same = JSON.createObjectNode();
        same.put("prompt", "more of the same");
        same.put("offline", true);
        same.put("session", "shared-by-two");
        same.put("seconds", 1);
        try (Session held = store.create("shared-by-two")) {
            held.note("a teacher's note, holding the writer lock");
            HttpResponse<byte[]> busy = post("/generate", same, "text/event-stream");
            assertEquals(409, busy.statusCode());
            assertTrue(json(busy).get("message").asText().contains("already being recorded"));
        }
    }

    @Test
    @Order(10)
    void theModelsKeyNeverLeavesTheService() throws Exception {
        model.enqueue(ScriptedOpenAiServer.Reply.text("Here:\n```python\nuse_synth('sine')\nplay(69)\nsleep(1)\n```\n"));
        ObjectNode body = JSON.createObjectNode();
        body.put("prompt", "one A, please (my key is sk-user-ShouldBeScrubbed1234567)");
        body.put("seconds", 1);
        HttpResponse<byte[]> r = post("/generate", body, "text/event-stream");
        String stream = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(200, r.statusCode(), stream);
        assertTrue(stream.contains("event: result"), stream);
        assertEquals("Bearer " + MODEL_KEY, model.lastChatRequest().authorization(), "the service sent its key to the model");
        assertFalse(stream.contains(MODEL_KEY), "the key is not in the event stream");
        String name = JSON.readTree(stream.substring(stream.indexOf("data: ") + 6, stream.indexOf('\n', stream.indexOf("data: ")))).get("session").asText();
        for (String path : List.of("/sessions", "/sessions/" + name, "/status")) {
            assertFalse(new String(get(path).body(), StandardCharsets.UTF_8).contains(MODEL_KEY), path);
        }
        try (var files = Files.walk(dir.resolve("sessions"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(MODEL_KEY), p + " holds the key");
                assertFalse(text.contains("ShouldBeScrubbed"), p + " holds a key from the prompt");
            }
        }
        assertFalse(log.toString(StandardCharsets.UTF_8).contains(MODEL_KEY), "the key is not logged");

        // A client that expects another endpoint is told, not silently served by this one.
        ObjectNode other = JSON.createObjectNode();
        other.put("prompt", "anything");
        other.put("endpoint", "http://127.0.0.1:1/v1");
        HttpResponse<byte[]> mismatch = post("/generate", other, "text/event-stream");
        assertEquals(409, mismatch.statusCode());
        assertEquals(model.baseUrl(), json(mismatch).get("endpoint").asText());
    }

    @Test
    @Order(11)
    void theCommandLineFindsTheServiceOnlyThroughAPrivateStateFileOfItsOwnBuild() throws Exception {
        Path state = dir.resolve("state").resolve("serve.json");
        service.register(state);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        List<String> said = new ArrayList<>();
        ServiceClient client = ServiceClient.discover(Map.of("RIFFCODE_SERVE_STATE", state.toString()), said::add);
        assertNotNull(client, said::toString);
        assertTrue(said.isEmpty());

        Path out = dir.resolve("client.wav");
        ServiceClient.RenderReply reply = client.render("c.py", "use_synth('sine')\nplay(69, sustain=1)\nsleep(1)\n",
                Map.of("seconds", 1.0), out, 60_000);
        assertEquals(200, reply.status(), reply::error);
        assertEquals(440.0, pitch(WavReader.read(out)), 2.0);
        assertNull(reply.meta().get("heard"), "no report unless asked");
        // Asked for, the report comes after the WAV: the WAV is in place (and said so) before it arrives.
        List<String> order = new ArrayList<>();
        Path heardOut = dir.resolve("heard.wav");
        ServiceClient.RenderReply heard = client.render("c.py", "use_synth('sine')\nplay(69, sustain=1)\nsleep(1)\n",
                Map.of("seconds", 1.0, "report", true), heardOut, 60_000, facts -> order.add(
                        "wav " + Files.isRegularFile(heardOut) + ", report " + facts.containsKey("heard")));
        assertEquals(List.of("wav true, report false"), order);
        assertTrue(String.valueOf(heard.meta().get("heard")).contains("notes       A"), heard.meta()::toString);
        Path failed = dir.resolve("failed.wav");
        ServiceClient.RenderReply bad = client.render("bad.py", "import socket\n", Map.of(), failed, 60_000);
        assertEquals(422, bad.status());
        assertEquals("bad.py:1: Blocked: import socket is not allowed in a Riffcode script (no access to the network)",
                bad.error());
        assertFalse(Files.exists(failed), "nothing is written for a failed script");

        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-r--r--"));
        said.clear();
        assertNull(ServiceClient.discover(Map.of("RIFFCODE_SERVE_STATE", state.toString()), said::add));
        assertTrue(said.get(0).contains("can be read or written by others"), said::toString);

        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-------"));
        String json = Files.readString(state).replace(ServiceState.buildId(), "riffcode.jar:1:2");
        Files.writeString(state, json);
        said.clear();
        assertNull(ServiceClient.discover(Map.of("RIFFCODE_SERVE_STATE", state.toString()), said::add));
        assertTrue(said.get(0).contains("another build"), said::toString);
        assertNull(ServiceClient.discover(Map.of("RIFFCODE_SERVE_STATE", dir.resolve("none.json").toString()), said::add),
                "no state file, no service, not a word");
    }

    @Test
    @Order(14)
    void aMinutesWavReachesTheClientWithoutCopiesOfItPilingUp() throws Exception {
        // The WAV comes chunked (its report follows it): the JDK's chunked stream, asked what is available, reads all
        // the socket holds into a buffer it grows by copying, 300 MB of garbage for a 10 MB file in a short client.
        ServiceClient client = new ServiceClient(new ServiceState.Entry(base.toString(), TOKEN, 0, "", "", ""));
        String minute = "use_synth('saw')\nfor i in range(120):\n    play(57 + i % 12, release=0.4)\n    sleep(0.5)\n";
        Path out = dir.resolve("minute-client.wav");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        ServiceClient.RenderReply reply = client.render("minute.py", minute, Map.of("seconds", 60.0, "report", true),
                out, 120_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(200, reply.status(), reply::error);
        long wav = Files.size(out);
        assertTrue(wav > 10_000_000, "a minute of 44.1 kHz stereo: " + wav + " bytes");
        assertTrue(allocated < wav, "the client allocated " + allocated / 1_000_000 + " MB for a WAV of "
                + wav / 1_000_000 + " MB");
        assertNotNull(reply.meta().get("heard"), "the report followed the WAV");
    }

    @Test
    @Order(13)
    void reportsHeardAfterTheirWavTakeNoMoreOfTheMachineThanRendersDo() throws Exception {
        // Three clients at once, each asking for a minute of sound and its report: the renders are quick, the reports
        // slow, so without a bound all three would be heard at once on a service of two workers.
        ServiceClient client = new ServiceClient(new ServiceState.Entry(base.toString(), TOKEN, 0, "", "", ""));
        String minute = "use_synth('saw')\nfor i in range(120):\n    play(57 + i % 12, release=0.4)\n    sleep(0.5)\n";
        List<CompletableFuture<ServiceClient.RenderReply>> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = dir.resolve("bounded-" + i + ".wav");
            replies.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return client.render("minute.py", minute, Map.of("seconds", 60.0, "report", true), out, 120_000);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        for (CompletableFuture<ServiceClient.RenderReply> f : replies) {
            ServiceClient.RenderReply reply = f.get(180, TimeUnit.SECONDS);
            assertEquals(200, reply.status(), reply::error);
            assertTrue(String.valueOf(reply.meta().get("heard")).contains("tempo"), reply.meta()::toString);
        }
        JsonNode status = json(get("/status"));
        int most = status.get("reports_most_at_once").asInt();
        assertTrue(most >= 1 && most <= 2, "reports heard at once on 2 workers: " + most);
        assertEquals(0, status.get("reports_running").asInt());
        assertEquals("off", status.get("warm_up").asText(), "started without a warm-up");
    }

    /** bench/nginx.conf.template filled in, as bench/serve-nginx.sh fills it: round robin, a full instance's 503 tried on the next one, SSE unbuffered. */
    static String nginxConf(Path prefix, int listen, List<Integer> upstreams) throws IOException {
        StringBuilder servers = new StringBuilder();
        for (int port : upstreams) {
            servers.append(servers.isEmpty() ? "" : "\n").append("    server 127.0.0.1:").append(port).append(";");
        }
        return Files.readString(Path.of("bench", "nginx.conf.template"))
                .replace("@USER_LINE@", System.getProperty("user.name").equals("root") ? "user root;" : "")
                .replace("@PREFIX@", prefix.toString())
                .replace("@UPSTREAMS@", servers)
                .replace("@LISTEN@", "127.0.0.1:" + listen);
    }

    static Path nginx() {
        for (String dirName : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            Path p = Path.of(dirName.isEmpty() ? "." : dirName, "nginx");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    @Order(12)
    void twoInstancesBehindNginxShareOneSessionStore() throws Exception {
        Path nginx = nginx();
        org.junit.jupiter.api.Assumptions.assumeTrue(nginx != null, "nginx is not installed, so the scale-out test "
                + "(two instances behind nginx, one store) is skipped; ./riffcode test installs it from Debian's packages");
        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        ServeConfig second = new ServeConfig(InetAddress.getLoopbackAddress(), 0, 1, 4, TOKEN, MAX_BODY, 60_000, 600,
                dir.resolve("sessions"), WorkerSettings.defaults(), null, Templates.locate());
        try (Service two = new Service(second, new PrintStream(log2, true, StandardCharsets.UTF_8))) {
            two.start();
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Path prefix = Files.createDirectories(dir.resolve("nginx"));
            Files.writeString(prefix.resolve("nginx.conf"), nginxConf(prefix, port, List.of(service.port(), two.port())));
            Process proxy = new ProcessBuilder(nginx.toString(), "-p", prefix.toString(), "-c",
                    prefix.resolve("nginx.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("nginx.out").toFile()).start();
            URI front = URI.create("http://127.0.0.1:" + port);
            try {
                long deadline = System.nanoTime() + 20_000_000_000L;
                boolean up = false;
                while (!up && System.nanoTime() < deadline && proxy.isAlive()) {
                    try {
                        up = http.send(HttpRequest.newBuilder(front.resolve("/health")).GET().build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    } catch (IOException e) {
                        Thread.sleep(100);
                    }
                }
                assertTrue(up, () -> "nginx did not come up: " + readQuietly(prefix.resolve("nginx.out"))
                        + readQuietly(prefix.resolve("nginx-error.log")));

                // Four clients, each a good render (its pitch checked) and an offline generation, through nginx.
                List<CompletableFuture<String>> clients = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    int client = c;
                    clients.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            int midi = 60 + client * 2;
                            ObjectNode body = render("use_synth('sine')\nplay(" + midi + ", sustain=1)\nsleep(1)\n");
                            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(front.resolve("/render"))
                                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(240))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
                            double expected = 440 * Math.pow(2, (midi - 69) / 12.0);
                            assertEquals(expected, pitch(WavReader.read(r.body())), expected * 0.01);
                            ObjectNode g = JSON.createObjectNode();
                            g.put("prompt", "a short tune for client " + client);
                            g.put("offline", true);
                            g.put("seconds", 1);
                            HttpResponse<String> sse = http.send(HttpRequest.newBuilder(front.resolve("/generate"))
                                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(240))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(g))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            assertEquals(200, sse.statusCode(), sse::body);
                            Matcher m = Pattern.compile("\"session\":\"([^\"]+)\"").matcher(sse.body());
                            assertTrue(m.find() && sse.body().contains("\"ok\":true"), sse::body);
                            return m.group(1);
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                List<String> made = new ArrayList<>();
                for (var c : clients) {
                    made.add(c.get());
                }
                String one = log.toString(StandardCharsets.UTF_8);
                String other = log2.toString(StandardCharsets.UTF_8);
                assertTrue(other.contains("POST /render 200") || other.contains("POST /generate 200"),
                        "the second instance took jobs too");
                // One store: each instance lists every session, whoever made it.
                for (URI instance : List.of(service.uri(), two.uri())) {
                    JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(instance.resolve("/sessions"))
                            .header("Authorization", "Bearer " + TOKEN).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray()).body());
                    List<String> names = list.get("sessions").findValuesAsText("name");
                    assertTrue(names.containsAll(made), instance + " lists " + names);
                }
                SessionStore store = new SessionStore(dir.resolve("sessions"));
                for (String name : made) {
                    try (Session s = store.open(name)) {
                        assertEquals(List.of(), s.verify());
                    }
                }
                assertFalse(one.isEmpty());
            } finally {
                proxy.destroy();
                proxy.waitFor();
            }
        }
    }

    static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    @Order(99)
    void stoppingLetsTheRunningJobFinishAndTurnsNewOnesAway() throws Exception {
        ObjectNode slow = render(SLOW_RENDER);
        slow.put("seconds", 40);
        CompletableFuture<HttpResponse<byte[]>> running = http.sendAsync(request("/render")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(slow))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (service.pool().busyPids().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread stopper = new Thread(() -> service.stop(Duration.ofSeconds(60)));
        stopper.start();
        while (!service.isStopping()) {
            Thread.sleep(5);
        }
        HttpResponse<byte[]> late = post("/render", render("play(60)"));
        assertEquals(503, late.statusCode(), "no new jobs while stopping");
        assertEquals("stopping", json(late).get("error").asText());
        HttpResponse<byte[]> r = running.get();
        assertEquals(200, r.statusCode(), "the running job finished");
        assertEquals(40.0, WavReader.read(r.body()).durationSeconds(), 0.01);
        stopper.join(60_000);
        assertTrue(service.pool().workerPids().isEmpty(), "the workers are gone");
    }

    static Map<String, List<JsonNode>> generate(ObjectNode body) throws Exception {
        HttpResponse<byte[]> r = post("/generate", body, "text/event-stream");
        String stream = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(200, r.statusCode(), stream);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Map<String, List<JsonNode>> events = new java.util.LinkedHashMap<>();
        for (String block : stream.split("\n\n")) {
            String event = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (event != null && data != null) {
                events.computeIfAbsent(event, k -> new ArrayList<>()).add(JSON.readTree(data));
            }
        }
        assertTrue(events.containsKey("result"), stream);
        return events;
    }
}
