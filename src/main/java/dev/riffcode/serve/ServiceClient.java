package dev.riffcode.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The command line's side of the service: finds a running one on this machine (through its {@link ServiceState}
 * file) and sends it render and generate jobs. Kept to the JDK and Jackson's streaming parser so that a command which
 * only talks to the service starts fast.
 */
public final class ServiceClient {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final ServiceState.Entry entry;

    public ServiceClient(ServiceState.Entry entry) {
        this.entry = entry;
    }

    public ServiceState.Entry entry() {
        return entry;
    }

    /** The service could not be reached or did not answer as a Riffcode service does. */
    public static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The running service this command may use, or null: none recorded, its process gone, another build than this
     * one, or a state file that cannot be trusted (then {@code say} is told why, in one line).
     */
    public static ServiceClient discover(Map<String, String> env, Consumer<String> say) {
        Path file = ServiceState.defaultPath(env);
        ServiceState.Read read = ServiceState.read(file);
        if (read == null) {
            return null;
        }
        if (read.entry() == null) {
            say.accept("riffcode: not using the service: " + read.problem());
            return null;
        }
        ServiceState.Entry e = read.entry();
        if (e.pid() > 0 && ProcessHandle.of(e.pid()).map(p -> !p.isAlive()).orElse(true)) {
            return null; // a service that was killed left its file behind
        }
        if (!ServiceState.buildId().equals(e.build())) {
            say.accept("riffcode: the running service (" + e.url() + ") is another build of Riffcode; running here "
                    + "(restart it: ./riffcode serve --stop, then ./riffcode serve)");
            return null;
        }
        return new ServiceClient(e);
    }

    // ---- render -------------------------------------------------------------------------------------

    /**
     * Asks the service to read a render command line ({@code argv}: the words after {@code render}); its answer, see
     * {@link CommandLines#planRender}. Any answer but 200 is an {@link IOException}.
     */
    public Map<String, Object> planRender(java.util.List<String> argv) throws IOException {
        Map<String, Object> plan = new LinkedHashMap<>();
        try (LocalHttp.Answer a = call("POST", "/cli/render", Map.of("argv", argv), null, 30_000)) {
            readObject(a.body(), plan, null);
            if (a.status() != 200) {
                throw new IOException("the service could not read the command line (" + a.status() + "): "
                        + plan.get("message"));
            }
        }
        return plan;
    }

    /** What the service answered to a render. */
    public record RenderReply(int status, Map<String, Object> meta, String printed, boolean printedTruncated,
            String error, long retryAfter) {
        public boolean ok() {
            return status == 200;
        }
    }

    /**
     * Sends a script; on success the WAV is written to {@code output} atomically (through a temporary file beside
     * it), otherwise nothing is written there.
     *
     * @param options the job's fields besides the code and name (seconds, rate, bits, timeout, max_seconds)
     */
    public RenderReply render(String name, String code, Map<String, Object> options, Path output, long readTimeoutMillis)
            throws IOException {
        return render(name, code, options, output, readTimeoutMillis, facts -> { });
    }

    /**
     * As above; {@code wavWritten} gets the render's facts as soon as the WAV is in place, before a hearing report
     * that follows it.
     */
    public RenderReply render(String name, String code, Map<String, Object> options, Path output, long readTimeoutMillis,
            java.util.function.Consumer<Map<String, Object>> wavWritten) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("code", code);
        body.putAll(options);
        try (LocalHttp.Answer a = call("POST", "/render", body, "multipart/mixed", readTimeoutMillis)) {
            return render(a, output, wavWritten);
        }
    }

    private static RenderReply render(LocalHttp.Answer a, Path output, Consumer<Map<String, Object>> wavWritten)
            throws IOException {
        int status = a.status();
        Map<String, Object> meta = new LinkedHashMap<>();
        long retry = retryAfter(a);
        if (status != 200) {
            readObject(a.body(), meta, null);
            Object message = meta.get("message");
            return new RenderReply(status, meta, str(meta.get("printed")), Boolean.TRUE.equals(meta.get("printed_truncated")),
                    message == null ? "the service answered " + status : message.toString(), retry);
        }
        Path tmp = scratchBeside(output);
        try {
            try (InputStream in = new java.io.BufferedInputStream(a.body(), 1 << 16)) {
                // Part one: the facts as JSON; part two: the WAV, copied as it comes.
                long jsonLength = partHeader(in);
                readObject(new java.io.ByteArrayInputStream(in.readNBytes((int) jsonLength)), meta, null);
                long wavLength = partHeader(in);
                try (OutputStream wav = Files.newOutputStream(tmp)) {
                    copy(in, wav, wavLength);
                }
                Files.move(tmp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                wavWritten.accept(meta);
                // Part three, when a report was asked for: the service hears the audio while the WAV is written here.
                long reportLength = nextPartHeader(in);
                if (reportLength >= 0) {
                    readObject(new java.io.ByteArrayInputStream(in.readNBytes((int) reportLength)), meta, null);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new RenderReply(status, meta, str(meta.get("printed")), Boolean.TRUE.equals(meta.get("printed_truncated")),
                null, 0);
    }

    /**
     * After a part: the next part's Content-Length, or -1 at the closing boundary (no more parts).
     */
    private static long nextPartHeader(InputStream in) throws IOException {
        String line;
        do {
            line = LocalHttp.line(in);
            if (line == null) {
                throw new IOException("the service's answer ended early");
            }
        } while (!line.startsWith("--"));
        if (line.endsWith("--")) {
            return -1;
        }
        return headersLength(in);
    }

    /** Reads up to the end of the next part's headers; returns its Content-Length. */
    private static long partHeader(InputStream in) throws IOException {
        long length = nextPartHeader(in);
        if (length < 0) {
            throw new IOException("the service's answer ended early");
        }
        return length;
    }

    /** The headers of a part, after its boundary line: its Content-Length. */
    private static long headersLength(InputStream in) throws IOException {
        long length = -1;
        while (true) {
            String line = LocalHttp.line(in);
            if (line == null) {
                throw new IOException("the service's answer ended early");
            }
            if (line.isEmpty()) {
                if (length < 0) {
                    throw new IOException("a part of the service's answer has no length");
                }
                return length;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(line.substring(colon + 1).trim());
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("the service's answer ended " + left + " bytes early");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    // ---- generate -----------------------------------------------------------------------------------

    /** The events of a generation, as they come. */
    public interface Events {
        void event(String name, Map<String, Object> data) throws IOException;
    }

    /** A generate job that was refused before it started (busy, another endpoint, a bad request). */
    public record Refusal(int status, String error, String message, long retryAfter, Map<String, Object> body) {
    }

    /** Runs a generation; events go to {@code events}; null when it ran, else why it was refused. */
    public Refusal generate(Map<String, Object> body, Events events) throws IOException {
        try (LocalHttp.Answer a = call("POST", "/generate", body, "text/event-stream", 0)) {
            if (a.status() != 200) {
                Map<String, Object> answer = new LinkedHashMap<>();
                readObject(a.body(), answer, null);
                return new Refusal(a.status(), str(answer.get("error")), str(answer.get("message")), retryAfter(a), answer);
            }
            readEvents(a.body(), events);
        }
        return null;
    }

    private static void readEvents(InputStream body, Events events) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        Map<String, Object> parsed = new LinkedHashMap<>();
                        readObject(new java.io.ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)),
                                parsed, null);
                        events.event(event, parsed);
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        }
    }

    /** Fetches {@code path} (such as a session's WAV) into {@code output}, atomically. */
    public void download(String path, Path output) throws IOException {
        try (LocalHttp.Answer a = call("GET", path, null, null, 300_000)) {
            if (a.status() != 200) {
                Map<String, Object> answer = new LinkedHashMap<>();
                readObject(a.body(), answer, null);
                throw new IOException("the service answered " + a.status() + ": " + answer.get("message"));
            }
            Path tmp = scratchBeside(output);
            try {
                Files.copy(a.body(), tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Asks the service to stop after its running jobs; true when it agreed. */
    public boolean shutdown() throws IOException {
        try (LocalHttp.Answer a = call("POST", "/shutdown", null, null, 10_000)) {
            a.body().readAllBytes();
            return a.status() == 202;
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    /**
     * A new hidden file beside {@code output}, named after it and this process, for writing it atomically. Not
     * createTempFile: its random name needs a SecureRandom, which took 30-40 ms of a new command-line JVM to seed.
     */
    private static Path scratchBeside(Path output) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        String name = "." + output.getFileName() + "." + ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            try {
                return Files.createFile(dir.resolve(name + (attempt == 0 ? "" : "-" + attempt) + ".tmp"));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** One request to the service, with its token; {@code json} is sent as the body when not null. */
    private LocalHttp.Answer call(String method, String path, Map<String, Object> json, String accept,
            long readTimeoutMillis) throws IOException {
        URI base = URI.create(entry.url());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + entry.token());
        if (accept != null) {
            headers.put("Accept", accept);
        }
        byte[] body = null;
        if (json != null) {
            headers.put("Content-Type", "application/json");
            body = jsonBytes(json);
        }
        try {
            return LocalHttp.exchange(base, method, path, headers, body, CONNECT_TIMEOUT_MILLIS,
                    (int) Math.min(Integer.MAX_VALUE, readTimeoutMillis));
        } catch (LocalHttp.NoAnswer e) {
            throw new Unreachable("the service at " + base.getRawAuthority() + " did not answer: " + e.getMessage(), e);
        }
    }

    private static byte[] jsonBytes(Map<String, Object> body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            for (var e : body.entrySet()) {
                Object v = e.getValue();
                if (v == null) {
                    continue;
                }
                g.writeFieldName(e.getKey());
                if (v instanceof String s) {
                    g.writeString(s);
                } else if (v instanceof java.util.List<?> words) {
                    g.writeStartArray();
                    for (Object w : words) {
                        g.writeString(String.valueOf(w));
                    }
                    g.writeEndArray();
                } else if (v instanceof Boolean b) {
                    g.writeBoolean(b);
                } else if (v instanceof Integer i) {
                    g.writeNumber(i);
                } else if (v instanceof Long l) {
                    g.writeNumber(l);
                } else if (v instanceof Number n) {
                    g.writeNumber(n.doubleValue());
                } else {
                    g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static long retryAfter(LocalHttp.Answer a) {
        String v = a.header("Retry-After");
        try {
            return v == null ? 0 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Reads one flat JSON object into {@code into} (strings, numbers, booleans; nested objects as maps); the field
     * {@code wav_base64} is decoded straight into {@code wav} instead (its value in the map is its size).
     */
    private static void readObject(InputStream in, Map<String, Object> into, OutputStream wav) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            readFields(p, into, wav);
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            into.putIfAbsent("message", "the service's answer is not JSON: " + e.getOriginalMessage());
        }
    }

    private static void readFields(JsonParser p, Map<String, Object> into, OutputStream wav) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("wav_base64") && wav != null && t == JsonToken.VALUE_STRING) {
                into.put(field, p.readBinaryValue(wav));
            } else if (t == JsonToken.START_OBJECT) {
                Map<String, Object> inner = new LinkedHashMap<>();
                readFields(p, inner, null);
                into.put(field, inner);
            } else if (t == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (t == JsonToken.VALUE_STRING) {
                into.put(field, p.getText());
            } else if (t == JsonToken.VALUE_NUMBER_INT) {
                into.put(field, p.getLongValue());
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                into.put(field, p.getDoubleValue());
            } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                into.put(field, t == JsonToken.VALUE_TRUE);
            } else if (t == JsonToken.VALUE_NULL) {
                into.put(field, null);
            }
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
