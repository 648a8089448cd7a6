package dev.riffcode.llm;

import java.util.Locale;
import java.util.Objects;

/**
 * One message of a chat conversation, in the shape every chat model understands.
 *
 * @param role    who speaks
 * @param content what was said (never null; may be empty)
 */
public record ChatMessage(Role role, String content) {

    /** Who a message comes from. */
    public enum Role {
        /** Instructions that frame the whole conversation (the API reference, the rules). */
        SYSTEM,
        /** The person's request, or feedback such as an error to repair. */
        USER,
        /** An earlier answer of the model. */
        ASSISTANT;

        /** The role's name on the wire: {@code system}, {@code user} or {@code assistant}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** A system message. */
    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    /** A user message. */
    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    /** An assistant message. */
    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
