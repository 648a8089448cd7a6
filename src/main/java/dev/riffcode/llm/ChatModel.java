package dev.riffcode.llm;

import java.util.List;
import java.util.function.Consumer;

/**
 * Something that answers a chat conversation: a remote LLM, or the offline generator. Implementations keep the
 * details of their transport to themselves so callers (prompting, repair, CLI, editor) work with any of them.
 */
public interface ChatModel {

    /**
     * Sends the conversation and returns the model's answer.
     *
     * @param messages the conversation so far, oldest first
     * @param onToken  receives pieces of the answer as they arrive, in order (they concatenate to the full text);
     *                 called on the calling thread. If it throws, the request is abandoned and the exception
     *                 propagates.
     * @return the full answer
     * @throws LlmException when no usable answer arrived; it says what went wrong and what to do, and keeps any text
     *                      received before the failure
     */
    ChatResult complete(List<ChatMessage> messages, Consumer<String> onToken) throws LlmException;

    /**
     * The tempo this model can be held to when {@code askedBpm} is asked: the ask itself for an LLM;
     * the offline generator's nearest within its range (an ask beyond it is said to the user, not repaired).
     */
    default double tempoItCanPlay(double askedBpm) {
        return askedBpm;
    }

    /** Like {@link #complete(List, Consumer)} for callers that only want the final answer. */
    default ChatResult complete(List<ChatMessage> messages) throws LlmException {
        return complete(messages, token -> { });
    }
}
