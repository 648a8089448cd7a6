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
import java.net.HttpURLConnection;
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
     * Starts looking up the JDK's http handler on a thread of its own when a service has left its state file. The first
     * http URL of a JVM asks every jar on the class path whether it brings a handler of its own: 80-100 ms with the
     * sandbox's sixty jars, measured here. A command that is about to ask the service does that meanwhile, while its
     * command line is read.
     */
    public static void lookUpHttpAhead(Map<String, String> env) {
        if (!Files.isRegularFile(ServiceState.defaultPath(env))) {
            return;
        }
        Thread lookup = new Thread(() -> {
            try {
                URI.create("http://127.0.0.1/").toURL();
            } catch (java.net.MalformedURLException cannotHappen) {
                // a constant, well-formed URL
            }
        }, "riffcode-http-lookup");
        lookup.setDaemon(true);
        lookup.start();
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
        HttpURLConnection c = open("/render", "POST", readTimeoutMillis);
        c.setRequestProperty("Accept", "multipart/mixed");
        send(c, body);
        int status = status(c);
        Map<String, Object> meta = new LinkedHashMap<>();
        long retry = retryAfter(c);
        if (status != 200) {
            readObject(errorStream(c), meta, null);
            Object message = meta.get("message");
            return new RenderReply(status, meta, str(meta.get("printed")), Boolean.TRUE.equals(meta.get("printed_truncated")),
                    message == null ? "the service answered " + status : message.toString(), retry);
        }
        Path dir = output.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + output.getFileName() + ".", ".tmp");
        try {
            try (InputStream in = new java.io.BufferedInputStream(new WithoutReadAhead(c.getInputStream()), 1 << 16)) {
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
            line = line(in);
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
            String line = line(in);
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

    /** One CRLF-terminated ASCII line, without its end; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
            if (sb.length() > 8192) {
                throw new IOException("the service's answer is not what a Riffcode service sends");
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /**
     * A response body that never reports bytes as available. BufferedInputStream asks after every read, and the JDK's
     * chunked stream answers by reading all the socket holds into a buffer it grows by copying: for a minute's WAV,
     * 300 MB of garbage and two collections of 30-40 ms in a command meant to take under a second. Without the
     * question, reads go straight into the caller's buffer.
     */
    private static final class WithoutReadAhead extends java.io.FilterInputStream {
        WithoutReadAhead(InputStream in) {
            super(in);
        }

        @Override
        public int available() {
            return 0;
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
        HttpURLConnection c = open("/generate", "POST", 0);
        c.setRequestProperty("Accept", "text/event-stream");
        send(c, body);
        int status = status(c);
        if (status != 200) {
            Map<String, Object> answer = new LinkedHashMap<>();
            readObject(errorStream(c), answer, null);
            return new Refusal(status, str(answer.get("error")), str(answer.get("message")), retryAfter(c), answer);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
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
        return null;
    }

    /** Fetches {@code path} (such as a session's WAV) into {@code output}, atomically. */
    public void download(String path, Path output) throws IOException {
        HttpURLConnection c = open(path, "GET", 300_000);
        int status = status(c);
        if (status != 200) {
            Map<String, Object> answer = new LinkedHashMap<>();
            readObject(errorStream(c), answer, null);
            throw new IOException("the service answered " + status + ": " + answer.get("message"));
        }
        Path tmp = Files.createTempFile(output.toAbsolutePath().getParent(), "." + output.getFileName() + ".", ".tmp");
        try {
            try (InputStream in = c.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Asks the service to stop after its running jobs; true when it agreed. */
    public boolean shutdown() throws IOException {
        HttpURLConnection c = open("/shutdown", "POST", 10_000);
        c.setFixedLengthStreamingMode(0);
        c.setDoOutput(true);
        c.getOutputStream().close();
        int status = status(c);
        (status < 400 ? c.getInputStream() : errorStream(c)).readAllBytes();
        return status == 202;
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    private HttpURLConnection open(String path, String method, long readTimeoutMillis) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(entry.url() + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeoutMillis));
        c.setRequestProperty("Authorization", "Bearer " + entry.token());
        c.setUseCaches(false);
        return c;
    }

    private static void send(HttpURLConnection c, Map<String, Object> body) throws IOException {
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
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.setFixedLengthStreamingMode(bytes.size());
        try {
            try (OutputStream out = c.getOutputStream()) {
                bytes.writeTo(out);
            }
        } catch (IOException e) {
            // The service may have answered early (a body too large); the answer is read next.
            if (statusOrMinus(c) < 0) {
                throw new Unreachable("the service at " + c.getURL().getAuthority() + " did not answer: " + e.getMessage(), e);
            }
        }
    }

    private static int statusOrMinus(HttpURLConnection c) {
        try {
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static int status(HttpURLConnection c) throws IOException {
        try {
            return c.getResponseCode();
        } catch (IOException e) {
            throw new Unreachable("the service at " + c.getURL().getAuthority() + " did not answer: " + e.getMessage(), e);
        }
    }

    private static InputStream errorStream(HttpURLConnection c) {
        InputStream in = c.getErrorStream();
        return in != null ? in : InputStream.nullInputStream();
    }

    private static long retryAfter(HttpURLConnection c) {
        String v = c.getHeaderField("Retry-After");
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
