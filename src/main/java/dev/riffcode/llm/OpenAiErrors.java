package dev.riffcode.llm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.openai.core.http.Headers;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import dev.riffcode.llm.LlmException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Turns openai-java's failures into {@link LlmException}s whose messages say what happened and what to do. Kept apart
 * from {@link OpenAiChatModel} so the advice is easy to read and change in one place.
 */
final class OpenAiErrors {

    private static final int MAX_SERVER_MESSAGE = 300;
    private static final int MAX_LISTED_MODELS = 12;

    private final LlmSettings settings;
    private final String model;

    /**
     * @param settings the endpoint the failure came from
     * @param model    the model that was asked for (may be null when none was resolved yet)
     */
    OpenAiErrors(LlmSettings settings, String model) {
        this.settings = settings;
        this.model = model;
    }

    /**
     * An HTTP error status, or an error event inside a stream.
     *
     * @param partial         text received before the failure
     * @param availableModels lists the server's models for the 404 advice; may return null
     */
    LlmException fromStatus(OpenAIServiceException e, String partial, Supplier<List<String>> availableModels) {
        int status = e.statusCode();
        String said = serverMessage(e);
        String code = errorCode(e);
        String where = settings.baseUrl();
        String detail = " (HTTP " + status + (said != null ? ": " + said : "") + ")";

        if (e instanceof SseException) {
            return fail(Kind.SERVER_ERROR, "The server at " + where + " reported an error in the middle of the answer"
                    + (said != null ? ": " + said : "") + ". "
                    + kept(partial) + "Try again; if it keeps happening, check the server's log or try another model.",
                    partial, 0, null, e);
        }
        switch (status) {
            case 401:
                return fail(Kind.UNAUTHORIZED, "The server at " + where + " rejected the API key" + detail + ". "
                        + (settings.apiKey() == null
                                ? "No key is configured: set OPENAI_API_KEY or pass --api-key."
                                : "Check OPENAI_API_KEY or --api-key (or api_key in the config file); the key may be"
                                        + " mistyped, revoked, or meant for another server."),
                        partial, status, null, e);
            case 403:
                return fail(Kind.FORBIDDEN, "The server at " + where + " refused access" + detail + ". The key works"
                        + " but may not use " + modelName() + " (or this project, organisation or region): check"
                        + " the key's permissions, or choose another model with --model.", partial, status, null, e);
            case 404:
                if (isAboutModel(said, code)) {
                    return fail(Kind.MODEL_NOT_FOUND, "The server at " + where + " has no model " + modelName()
                            + detail + ". " + modelAdvice(availableModels), partial, status, null, e);
                }
                return fail(Kind.ENDPOINT_NOT_FOUND, "There is no chat-completions endpoint at " + where
                        + "/chat/completions (HTTP 404). Check --base-url or OPENAI_BASE_URL: it should be the API"
                        + " root of an OpenAI-compatible server, usually ending in /v1 (e.g. http://127.0.0.1:11434/v1"
                        + " for Ollama, http://127.0.0.1:8080/v1 for llama.cpp).", partial, status, null, e);
            case 408:
                return fail(Kind.TIMEOUT, "The server at " + where + " timed out handling the request" + detail
                        + attempts() + ". Try again, or choose a smaller or faster model.", partial, status, null, e);
            case 413:
                return fail(Kind.BAD_REQUEST, "The server at " + where + " refused the request as too large" + detail
                        + ". Shorten the prompt or the conversation.", partial, status, null, e);
            case 429:
                return rateLimited(e, said, code, detail, partial);
            default:
                break;
        }
        if (status == 400 || status == 422) {
            if (isAboutModel(said, code) && "model_not_found".equals(code)) {
                return fail(Kind.MODEL_NOT_FOUND, "The server at " + where + " has no model " + modelName() + detail
                        + ". " + modelAdvice(availableModels), partial, status, null, e);
            }
            String advice = "context_length_exceeded".equals(code) || mentions(said, "context")
                    ? "The prompt is too long for the context window of " + modelName() + ": shorten it, or choose"
                            + " a model with a larger context (for Ollama, raise num_ctx)."
                    : "The server's message above says what it did not accept; a setting such as the temperature may"
                            + " not be supported by " + modelName() + ".";
            return fail(Kind.BAD_REQUEST, "The server at " + where + " refused the request" + detail + ". " + advice,
                    partial, status, null, e);
        }
        if (status >= 500) {
            return fail(Kind.SERVER_ERROR, "The server at " + where + " failed" + detail + attempts() + ". It may be"
                    + " overloaded or restarting: try again in a moment; for a local server, check its log (the model"
                    + " may not fit in memory).", partial, status, null, e);
        }
        return fail(Kind.OTHER, "The server at " + where + " answered with an unexpected status" + detail + ". Check"
                + " that --base-url points at an OpenAI-compatible API.", partial, status, null, e);
    }

    private LlmException rateLimited(OpenAIServiceException e, String said, String code, String detail,
            String partial) {
        Duration wait = retryAfter(e.headers());
        if ("insufficient_quota".equals(code)) {
            return fail(Kind.RATE_LIMITED, "The account behind the API key has no quota left" + detail + ". Check the"
                    + " plan and billing of that account, or use a local model with --base-url.",
                    partial, 429, wait, e);
        }
        String waitAdvice = wait != null
                ? "The server asked to wait " + secondsText(wait) + " before retrying; try again after that."
                : "Wait a little and try again.";
        return fail(Kind.RATE_LIMITED, "The server at " + settings.baseUrl() + " is rate limiting requests" + detail
                + attempts() + ". " + waitAdvice + " If it persists, check the account's rate limits.",
                partial, 429, wait, e);
    }

    /**
     * A transport failure: connection refused, unknown host, timeout, or a connection that dropped.
     *
     * @param streaming true when the answer had started arriving, so a dropped connection truncated it
     */
    LlmException fromTransport(RuntimeException e, String partial, boolean streaming) {
        String where = settings.baseUrl();
        if (Thread.currentThread().isInterrupted() || isInterruption(e)) {
            return fail(Kind.CANCELLED, "The request to " + where + " was cancelled. " + kept(partial), partial,
                    0, null, e);
        }
        if (find(e, SocketTimeoutException.class) != null || find(e, InterruptedIOException.class) != null) {
            String timeout = LlmSettings.seconds(settings.timeout());
            if (streaming) {
                String when = partial.isEmpty() ? " once the answer had started"
                        : " after " + partial.length() + " characters";
                return fail(Kind.TIMEOUT, "The answer from " + where + " stalled: nothing arrived for " + timeout
                        + when + ". " + kept(partial) + "Try again, or raise --timeout if the model is slow.",
                        partial, 0, null, e);
            }
            return fail(Kind.TIMEOUT, "No answer from " + where + " within " + timeout + attempts() + ". The model"
                    + " may be loading or too slow for this machine: try again, raise --timeout, or choose a smaller"
                    + " model with --model.", partial, 0, null, e);
        }
        if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null) {
            return fail(Kind.CONNECTION_FAILED, "Could not connect to " + where + " (" + describe(innermost(e)) + ")"
                    + attempts() + ". Is the server running? Start it (e.g. `ollama serve`, or llama.cpp's"
                    + " `llama-server -m model.gguf`), or fix --base-url / OPENAI_BASE_URL.", partial, 0, null, e);
        }
        if (find(e, UnknownHostException.class) != null) {
            return fail(Kind.CONNECTION_FAILED, "Could not find the host of " + where + " ("
                    + describe(find(e, UnknownHostException.class)) + "). Check --base-url / OPENAI_BASE_URL for"
                    + " typos, and the network connection.", partial, 0, null, e);
        }
        if (find(e, SSLException.class) != null) {
            return fail(Kind.CONNECTION_FAILED, "A secure connection to " + where + " failed ("
                    + describe(find(e, SSLException.class)) + "). If the server speaks plain HTTP (most local servers"
                    + " do), use http:// in --base-url.", partial, 0, null, e);
        }
        if (streaming) {
            return truncated(partial, e);
        }
        return fail(Kind.CONNECTION_FAILED, "The connection to " + where + " failed (" + describe(innermost(e)) + ")"
                + attempts() + ". Check that the server is running and reachable, then try again.",
                partial, 0, null, e);
    }

    /** The connection dropped in the middle of the answer. */
    LlmException truncated(String partial, Throwable cause) {
        return fail(Kind.TRUNCATED, "The connection to " + settings.baseUrl() + " dropped in the middle of the answer,"
                + " after " + partial.length() + " characters. " + kept(partial) + "Try again; if it keeps happening,"
                + " the server may be crashing (check its log).", partial, 0, null, cause);
    }

    /** The stream ended cleanly but before any text or finish reason. */
    LlmException endedWithoutAnswer(Throwable cause) {
        return fail(Kind.TRUNCATED, "The answer from " + settings.baseUrl() + " ended before the model wrote"
                + " anything. Try again; if it keeps happening, check the server's log.", "", 0, null, cause);
    }

    /** The server said it was done but sent no text. */
    LlmException emptyAnswer(String finishReason, String refusal) {
        String why;
        if (refusal != null && !refusal.isBlank()) {
            why = "The model refused: " + shorten(refusal) + " Rephrase the prompt.";
        } else if ("content_filter".equals(finishReason)) {
            why = "The provider's content filter blocked it; rephrase the prompt.";
        } else if ("length".equals(finishReason)) {
            why = "It ran out of tokens before writing anything (a reasoning model may have spent them thinking);"
                    + " try a model that answers directly.";
        } else {
            why = "Try again, rephrase the prompt, or choose another model with --model.";
        }
        return fail(Kind.EMPTY_ANSWER, modelName() + " at " + settings.baseUrl() + " returned an empty answer"
                + (finishReason != null ? " (finish reason: " + finishReason + ")" : "") + ". " + why,
                "", 0, null, null);
    }

    /** The server answered, but not in the chat-completions format. */
    LlmException protocol(RuntimeException e, String partial) {
        return fail(Kind.PROTOCOL, "The server at " + settings.baseUrl() + " sent something that is not an OpenAI"
                + " chat-completions answer (" + describe(e.getCause() != null ? e.getCause() : e) + "). "
                + kept(partial) + "Check that --base-url points at an OpenAI-compatible API (usually ending in /v1).",
                partial, 0, null, e);
    }

    /** A client failure that fits nothing else. */
    LlmException other(RuntimeException e, String partial) {
        return fail(Kind.OTHER, "The request to " + settings.baseUrl() + " failed unexpectedly (" + describe(e) + "). "
                + kept(partial) + "Try again; if it keeps happening, report it with this message.",
                partial, 0, null, e);
    }

    /**
     * True when the failure comes from the network: an IOException somewhere in the chain that is not a JSON parse
     * error (Jackson's exceptions are IOExceptions too, but mean the server sent something malformed).
     */
    static boolean isTransport(Throwable e) {
        return find(e, IOException.class) != null && find(e, JacksonException.class) == null;
    }

    /** How long the server asked to wait: {@code Retry-After-Ms}, or {@code Retry-After} in seconds or as a date. */
    static Duration retryAfter(Headers headers) {
        List<String> millis = headers.values("retry-after-ms");
        if (!millis.isEmpty()) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(millis.get(0).trim()));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        List<String> values = headers.values("retry-after");
        if (values.isEmpty()) {
            return null;
        }
        String value = values.get(0).trim();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** "1 second", "20 seconds": whole seconds, rounded up so the advice is never too short. */
    static String secondsText(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        return s + (s == 1 ? " second" : " seconds");
    }

    // ---- helpers ----

    private LlmException fail(Kind kind, String message, String partial, int status, Duration retryAfter,
            Throwable cause) {
        return new LlmException(kind, redact(message), partial, status, retryAfter, cause);
    }

    /** Servers sometimes echo the key back in an error; never pass it on. */
    private String redact(String text) {
        String key = settings.apiKey();
        return key != null && key.length() >= 6 ? text.replace(key, "[API key]") : text;
    }

    private String modelName() {
        return model != null ? "'" + model + "'" : "the requested model";
    }

    private String attempts() {
        int n = settings.maxRetries() + 1;
        return n > 1 ? ", after " + n + " attempts" : "";
    }

    private static String kept(String partial) {
        return partial.isEmpty() ? "" : "The " + partial.length() + " characters received are kept. ";
    }

    private String modelAdvice(Supplier<List<String>> availableModels) {
        String advice = "Choose a model with --model (or RIFFCODE_MODEL, or model in the config file).";
        List<String> names = null;
        try {
            names = availableModels.get();
        } catch (RuntimeException ignored) {
            // Listing is only a hint.
        }
        if (names != null && !names.isEmpty() && names.size() <= MAX_LISTED_MODELS) {
            advice += " This server has: " + String.join(", ", names) + ".";
        } else if (names != null && !names.isEmpty()) {
            advice += " This server lists " + names.size() + " models (GET " + settings.baseUrl() + "/models).";
        } else {
            advice += " List the server's models with GET " + settings.baseUrl() + "/models (for Ollama: `ollama"
                    + " list`, and `ollama pull NAME` to fetch one).";
        }
        return advice;
    }

    private static boolean isAboutModel(String said, String code) {
        return "model_not_found".equals(code) || mentions(said, "model");
    }

    private static boolean mentions(String text, String word) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(word);
    }

    /**
     * The server's own explanation. openai-java hands over the body's {@code error} member when there is one (OpenAI,
     * Ollama), else the whole body (vLLM and FastAPI servers put {@code message} or {@code detail} at the top).
     */
    private String serverMessage(OpenAIServiceException e) {
        JsonNode body = bodyJson(e);
        if (body.path("error").isObject() || body.path("error").isTextual()) {
            body = body.get("error");
        }
        String text = body.isTextual() ? body.asText()
                : body.path("message").isTextual() ? body.path("message").asText()
                : body.path("detail").isTextual() ? body.path("detail").asText()
                : null;
        return text == null || text.isBlank() ? null : shorten(redact(text.strip()));
    }

    /** The error's {@code code}, such as {@code model_not_found} or {@code insufficient_quota}, when it is a string. */
    private static String errorCode(OpenAIServiceException e) {
        JsonNode body = bodyJson(e);
        JsonNode code = body.path("error").isObject() ? body.path("error").path("code") : body.path("code");
        return code.isTextual() ? code.asText() : null;
    }

    private static JsonNode bodyJson(OpenAIServiceException e) {
        try {
            JsonNode body = e.body().convert(JsonNode.class);
            return body == null ? MissingNode.getInstance() : body;
        } catch (RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static String shorten(String text) {
        return text.length() <= MAX_SERVER_MESSAGE ? text : text.substring(0, MAX_SERVER_MESSAGE) + "...";
    }

    /** The first throwable of this type in the cause chain, or null. */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** okio reports a thread interrupt as an InterruptedIOException saying "interrupted" (a timeout says "timeout"). */
    private static boolean isInterruption(Throwable e) {
        InterruptedIOException io = find(e, InterruptedIOException.class);
        return io != null && !(io instanceof SocketTimeoutException) && "interrupted".equals(io.getMessage());
    }

    /** The first line of a throwable's message (Jackson adds a location line), or its class name. */
    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName()
                : shorten(message.lines().findFirst().orElse("").strip());
    }
}
