package dev.riffcode.llm;

import java.util.Objects;

/**
 * A model's complete answer and what is known about how it was produced.
 *
 * @param text             the full answer text, as received
 * @param finishReason     why the model stopped ({@code stop}, {@code length}, {@code content_filter}, ...), or null when
 *                         the answer ended without one
 * @param model            the model name the server reported (it may differ from the one asked for, e.g. a dated
 *                         variant), or null when it reported none
 * @param promptTokens     tokens in the prompt as counted by the server, or null when not reported
 * @param completionTokens tokens in the answer as counted by the server, or null when not reported
 * @param elapsedMillis    wall time from sending the request to the end of the answer, retries included
 * @param partial          true when the answer ended without a finish reason: it may be cut short
 */
public record ChatResult(String text, String finishReason, String model, Integer promptTokens,
        Integer completionTokens, long elapsedMillis, boolean partial) {

    public ChatResult {
        Objects.requireNonNull(text, "text");
    }

    /** True when the model stopped because it hit its token limit, so the answer is probably incomplete. */
    public boolean hitTokenLimit() {
        return "length".equals(finishReason);
    }
}
