package dev.riffcode.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions wire protocol, answering from a script.
 * Tests point a real client at {@link #baseUrl()} so every request crosses a socket as JSON or SSE.
 *
 * <pre>{@code
 * try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
 *     server.enqueue(Reply.error(500, "overloaded"), Reply.text("play(60)\nsleep(1)\n"));
 *     ... call a client with base URL server.baseUrl() ...
 *     assertEquals(2, server.chatRequests().size());
 *     JsonNode body = server.lastChatRequest().json();
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code POST /v1/chat/completions} (JSON when {@code "stream"} is false or absent, SSE when true; usage
 * is sent in the stream when {@code stream_options.include_usage} is true), {@code GET /v1/models} (see
 * {@link #models(String...)}); anything else is a plain-text 404 like Ollama's. Each chat request takes the next
 * queued {@link Reply}; a client's retry is a new request and takes the next one. With no reply queued the server
 * answers 400 "no reply queued", which is not retried. A chat request without {@code model} or {@code messages} gets
 * a 400 like OpenAI's and consumes no reply. Every request is recorded, whatever its path.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile List<String> models = List.of("scripted-model");

    private ScriptedOpenAiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static ScriptedOpenAiServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // One thread per request: a client may retry while the server still sleeps on a delayed reply.
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "scripted-openai-server");
                t.setDaemon(true);
                return t;
            });
            ScriptedOpenAiServer scripted = new ScriptedOpenAiServer(http, executor);
            http.createContext("/", scripted::handle);
            http.setExecutor(executor);
            http.start();
            return scripted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API root to give a client, e.g. {@code http://127.0.0.1:54321/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Queues replies for the next chat requests, in order. */
    public ScriptedOpenAiServer enqueue(Reply... more) {
        replies.addAll(Arrays.asList(more));
        return this;
    }

    /** How many queued replies no request has taken yet. */
    public int remainingReplies() {
        return replies.size();
    }

    /** Sets the model ids {@code GET /v1/models} lists (default: {@code scripted-model}). */
    public ScriptedOpenAiServer models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /** Every request received so far, oldest first, whatever its path. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The chat-completion requests received so far, oldest first (retries included). */
    public List<RecordedRequest> chatRequests() {
        return requests.stream().filter(RecordedRequest::isChat).toList();
    }

    /** The most recent chat-completion request; fails when there was none. */
    public RecordedRequest lastChatRequest() {
        List<RecordedRequest> chats = chatRequests();
        if (chats.isEmpty()) {
            throw new AssertionError("the server received no chat-completion request");
        }
        return chats.get(chats.size() - 1);
    }

    /** Stops the server at once, cutting any reply in progress. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * A request as it arrived on the wire.
     *
     * @param method  HTTP method
     * @param path    request path, e.g. {@code /v1/chat/completions}
     * @param headers header values by lower-case name
     * @param body    the body as UTF-8 text
     */
    public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {

        /** The first value of a header (any case), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The {@code Authorization} header, e.g. {@code Bearer riffcode-local}. */
        public String authorization() {
            return header("authorization");
        }

        /** The body parsed as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }

        /** True for {@code POST /v1/chat/completions}. */
        public boolean isChat() {
            return method.equals("POST") && path.equals("/v1/chat/completions");
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + body.length() + " chars)";
        }
    }

    /**
     * One scripted answer to one chat request. Build one with a factory ({@link #text}, {@link #error}, ...) and
     * adjust it with the {@code with...} methods, which return a changed copy.
     */
    public static final class Reply {

        private enum Type { ANSWER, ERROR, RAW, CUT_OFF, STREAM_ERROR }

        private Type type;
        private List<String> chunks = List.of();
        private int status = 200;
        private String message;
        private String errorType;
        private String errorCode;
        private String contentType;
        private String rawBody;
        private String retryAfter;
        private Duration delay = Duration.ZERO;
        private Duration chunkDelay = Duration.ZERO;
        private String finishReason = "stop";
        private boolean sendDone = true;
        private String model;

        private Reply(Type type) {
            this.type = type;
        }

        /** An answer with this text; streamed as several chunks (a word or two each) that concatenate to it. */
        public static Reply text(String text) {
            return chunks(splitIntoChunks(text).toArray(String[]::new));
        }

        /** An answer streamed as exactly these chunks (a JSON answer carries them joined). */
        public static Reply chunks(String... chunks) {
            Reply r = new Reply(Type.ANSWER);
            r.chunks = List.of(chunks);
            return r;
        }

        /** An answer with no content at all (finish reason {@code stop}). */
        public static Reply empty() {
            return chunks();
        }

        /**
         * An HTTP error with an OpenAI-style body {@code {"error": {"message", "type", "param", "code"}}}; the type
         * follows the status (e.g. {@code invalid_request_error}, {@code rate_limit_error}, {@code server_error}).
         */
        public static Reply error(int status, String message) {
            Reply r = new Reply(Type.ERROR);
            r.status = status;
            r.message = message;
            r.errorType = status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
            return r;
        }

        /** Any response, verbatim: e.g. a plain-text 404, or a 200 whose body is not the protocol. */
        public static Reply raw(int status, String contentType, String body) {
            Reply r = new Reply(Type.RAW);
            r.status = status;
            r.contentType = contentType;
            r.rawBody = body;
            return r;
        }

        /**
         * A streamed answer whose connection drops after these chunks: no finish reason, no {@code [DONE]}, and
         * fewer bytes than the declared Content-Length, so the client sees an unexpected end of stream. For a JSON
         * request the body is cut in the middle.
         */
        public static Reply cutOff(String... chunksBeforeDrop) {
            Reply r = chunks(chunksBeforeDrop);
            r.type = Type.CUT_OFF;
            return r;
        }

        /** A streamed answer that sends these chunks, then an SSE event {@code {"error": {...}}} as OpenAI does. */
        public static Reply streamError(String message, String... chunksBefore) {
            Reply r = chunks(chunksBefore);
            r.type = Type.STREAM_ERROR;
            r.message = message;
            return r;
        }

        /** Adds a {@code Retry-After} header with this value (seconds, or an HTTP date). */
        public Reply withRetryAfter(String value) {
            Reply r = copy();
            r.retryAfter = value;
            return r;
        }

        /** Sets the error body's {@code code}, e.g. {@code model_not_found} or {@code insufficient_quota}. */
        public Reply withErrorCode(String code) {
            Reply r = copy();
            r.errorCode = code;
            return r;
        }

        /** Waits this long before sending anything (to trigger the client's timeout). */
        public Reply withDelay(Duration wait) {
            Reply r = copy();
            r.delay = wait;
            return r;
        }

        /** Waits this long before each streamed chunk (to watch tokens arrive, or stall mid-answer). */
        public Reply withChunkDelay(Duration wait) {
            Reply r = copy();
            r.chunkDelay = wait;
            return r;
        }

        /** Reports this finish reason (default {@code stop}). */
        public Reply withFinishReason(String reason) {
            Reply r = copy();
            r.finishReason = reason;
            return r;
        }

        /** Ends the stream cleanly but with no finish reason and no {@code [DONE]}, as some servers do. */
        public Reply withoutFinish() {
            Reply r = copy();
            r.finishReason = null;
            r.sendDone = false;
            return r;
        }

        /** Reports this model name instead of echoing the requested one. */
        public Reply withModel(String reportedModel) {
            Reply r = copy();
            r.model = reportedModel;
            return r;
        }

        private Reply copy() {
            Reply r = new Reply(type);
            r.chunks = chunks;
            r.status = status;
            r.message = message;
            r.errorType = errorType;
            r.errorCode = errorCode;
            r.contentType = contentType;
            r.rawBody = rawBody;
            r.retryAfter = retryAfter;
            r.delay = delay;
            r.chunkDelay = chunkDelay;
            r.finishReason = finishReason;
            r.sendDone = sendDone;
            r.model = model;
            return r;
        }

        private String joined() {
            return String.join("", chunks);
        }

        @Override
        public String toString() {
            return type + (type == Type.ERROR || type == Type.RAW ? " " + status : " " + chunks.size() + " chunks");
        }
    }

    // ---- serving ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(record(exchange, path, body));
            if (path.equals("/v1/chat/completions") && exchange.getRequestMethod().equals("POST")) {
                chat(exchange, body);
            } else if (path.equals("/v1/models") && exchange.getRequestMethod().equals("GET")) {
                listModels(exchange);
            } else {
                send(exchange, 404, "text/plain", "404 page not found");
            }
        } catch (IOException e) {
            // The client went away (e.g. it timed out): nothing left to answer.
        }
    }

    private static RecordedRequest record(HttpExchange exchange, String path, String body) {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return new RecordedRequest(exchange.getRequestMethod(), path, Collections.unmodifiableMap(headers), body);
    }

    private void chat(HttpExchange exchange, String body) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            sendError(exchange, Reply.error(400, "We could not parse the JSON body of your request."));
            return;
        }
        if (request == null || !request.path("model").isTextual()) {
            sendError(exchange, Reply.error(400, "you must provide a model parameter"));
            return;
        }
        if (!request.path("messages").isArray() || request.path("messages").isEmpty()) {
            sendError(exchange, Reply.error(400, "'messages' must contain at least one message"));
            return;
        }
        Reply reply = replies.poll();
        if (reply == null) {
            sendError(exchange, Reply.error(400, "ScriptedOpenAiServer has no reply queued for chat request #"
                    + chatRequests().size()));
            return;
        }
        pause(reply.delay);
        switch (reply.type) {
            case ERROR -> sendError(exchange, reply);
            case RAW -> send(exchange, reply.status, reply.contentType, reply.rawBody);
            default -> {
                String model = reply.model != null ? reply.model : request.get("model").asText();
                if (request.path("stream").asBoolean(false)) {
                    boolean usage = request.path("stream_options").path("include_usage").asBoolean();
                    stream(exchange, reply, model, usage ? promptTokens(request) : -1);
                } else {
                    answerJson(exchange, reply, model, promptTokens(request));
                }
            }
        }
    }

    private void answerJson(HttpExchange exchange, Reply reply, String model, int promptTokens) throws IOException {
        if (reply.type == Reply.Type.STREAM_ERROR) {
            sendError(exchange, Reply.error(500, reply.message));
            return;
        }
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", reply.joined());
        ObjectNode choice = JSON.createObjectNode().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.finishReason);
        ObjectNode completion = envelope("chat.completion", model);
        completion.putArray("choices").add(choice);
        completion.set("usage", usage(promptTokens, reply.chunks.size()));
        byte[] bytes = JSON.writeValueAsBytes(completion);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (reply.type == Reply.Type.CUT_OFF) {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
            exchange.getResponseBody().flush();
            return; // closing with bytes missing drops the connection
        }
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Streams the reply as SSE; {@code usagePromptTokens} is -1 when the client did not ask for usage. */
    private void stream(HttpExchange exchange, Reply reply, String model, int usagePromptTokens) throws IOException {
        List<String> events = new ArrayList<>();
        ObjectNode first = chunk(model, JSON.createObjectNode().put("role", "assistant").put("content", ""), null);
        events.add(first.toString());
        for (String piece : reply.chunks) {
            events.add(chunk(model, JSON.createObjectNode().put("content", piece), null).toString());
        }
        if (reply.type == Reply.Type.STREAM_ERROR) {
            ObjectNode error = JSON.createObjectNode();
            error.set("error", errorObject(reply.message, "server_error", null));
            events.add(error.toString());
        } else if (reply.type == Reply.Type.ANSWER) {
            if (reply.finishReason != null) {
                events.add(chunk(model, JSON.createObjectNode(), reply.finishReason).toString());
            }
            if (usagePromptTokens >= 0 && reply.finishReason != null) {
                ObjectNode last = envelope("chat.completion.chunk", model);
                last.putArray("choices");
                last.set("usage", usage(usagePromptTokens, reply.chunks.size()));
                events.add(last.toString());
            }
            if (reply.sendDone) {
                events.add("[DONE]");
            }
        }

        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        OutputStream out = exchange.getResponseBody();
        if (reply.type == Reply.Type.CUT_OFF) {
            // Promise more bytes than are sent: closing then drops the connection mid-answer.
            exchange.sendResponseHeaders(200, 1 << 20);
        } else {
            exchange.sendResponseHeaders(200, 0);
        }
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                pause(reply.chunkDelay);
            }
            out.write(("data: " + events.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void listModels(HttpExchange exchange) throws IOException {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : models) {
            data.addObject().put("id", id).put("object", "model").put("created", 1_700_000_000L)
                    .put("owned_by", "riffcode-tests");
        }
        send(exchange, 200, "application/json", list.toString());
    }

    private void sendError(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", reply.retryAfter);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("error", errorObject(reply.message, reply.errorType, reply.errorCode));
        send(exchange, reply.status, "application/json", body.toString());
    }

    private static ObjectNode errorObject(String message, String type, String code) {
        ObjectNode error = JSON.createObjectNode().put("message", message).put("type", type);
        error.putNull("param");
        error.put("code", code);
        return error;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private ObjectNode envelope(String object, String model) {
        return JSON.createObjectNode()
                .put("id", "chatcmpl-scripted-" + ids.incrementAndGet())
                .put("object", object)
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model);
    }

    private ObjectNode chunk(String model, ObjectNode delta, String finishReason) {
        ObjectNode choice = JSON.createObjectNode().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode chunk = envelope("chat.completion.chunk", model);
        chunk.putArray("choices").add(choice);
        return chunk;
    }

    private static ObjectNode usage(int promptTokens, int completionTokens) {
        return JSON.createObjectNode()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    /** A rough count (four characters a token), enough to see that usage travels. */
    private static int promptTokens(JsonNode request) {
        int chars = 0;
        for (JsonNode message : request.path("messages")) {
            chars += message.path("content").asText("").length();
        }
        return Math.max(1, chars / 4);
    }

    private static final Pattern WORD_GROUP = Pattern.compile("\\s*\\S+\\s*\\S*\\s*");

    /** Splits text into chunks of about two words, keeping every character. */
    static List<String> splitIntoChunks(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = WORD_GROUP.matcher(text);
        int end = 0;
        while (m.find()) {
            pieces.add(text.substring(end, m.end()));
            end = m.end();
        }
        if (end < text.length()) {
            pieces.add(text.substring(end));
        }
        return pieces;
    }

    private static void pause(Duration wait) {
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
