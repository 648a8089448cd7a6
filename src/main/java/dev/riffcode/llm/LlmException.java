package dev.riffcode.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a model gave no usable answer. The message says what happened and what the user can do about it; it never
 * contains the API key. Whatever text arrived before the failure is kept in {@link #partialText()} so the caller can
 * show or record it.
 */
public final class LlmException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of failure this was, for callers that react differently (retry later, ask for a key, ...). */
    public enum Kind {
        /** The settings are wrong: a malformed config file, a bad URL, no model to use. */
        CONFIG,
        /** HTTP 401: the API key is missing, wrong or revoked. */
        UNAUTHORIZED,
        /** HTTP 403: the key is valid but may not use this model, project or region. */
        FORBIDDEN,
        /** HTTP 404 naming a model: the server does not have the requested model. */
        MODEL_NOT_FOUND,
        /** HTTP 404 for the endpoint itself: the base URL does not point at an OpenAI-compatible API. */
        ENDPOINT_NOT_FOUND,
        /** HTTP 400/413/422: the server refused the request as sent (too long, unsupported setting, ...). */
        BAD_REQUEST,
        /** HTTP 429: too many requests, or out of quota. */
        RATE_LIMITED,
        /** HTTP 5xx, or an error the server reported in the middle of a streamed answer. */
        SERVER_ERROR,
        /** No answer, or the answer stalled, within the configured timeout. */
        TIMEOUT,
        /** The server could not be reached: refused, unknown host, TLS failure. */
        CONNECTION_FAILED,
        /** The connection dropped in the middle of the answer. */
        TRUNCATED,
        /** The model answered with no text. */
        EMPTY_ANSWER,
        /** The server answered with something that is not the OpenAI chat-completions protocol. */
        PROTOCOL,
        /** The calling thread was interrupted while waiting for the answer. */
        CANCELLED,
        /** Anything else (an unexpected HTTP status, an unexpected client failure). */
        OTHER
    }

    private final Kind kind;
    private final String partialText;
    private final int statusCode;
    private final Duration retryAfter;

    /**
     * @param kind        what kind of failure
     * @param message     what happened and what to do
     * @param partialText text received before the failure ("" when none)
     * @param statusCode  the HTTP status, or 0 when the failure was not an HTTP error status
     * @param retryAfter  how long the server asked to wait before retrying, or null
     * @param cause       the underlying failure, or null
     */
    public LlmException(Kind kind, String message, String partialText, int statusCode, Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.partialText = partialText == null ? "" : partialText;
        this.statusCode = statusCode;
        this.retryAfter = retryAfter;
    }

    /** A failure with no partial text, status or cause. */
    public LlmException(Kind kind, String message) {
        this(kind, message, "", 0, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The answer text received before the failure; empty when nothing arrived. */
    public String partialText() {
        return partialText;
    }

    /** The HTTP status the server answered with, or 0 when the failure was not an HTTP error status. */
    public int statusCode() {
        return statusCode;
    }

    /** How long the server asked to wait before trying again (HTTP Retry-After), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
