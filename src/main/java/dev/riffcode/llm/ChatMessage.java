package dev.riffcode.llm;

import java.util.Locale;
import java.util.Objects;

/**
 * One message of a chat conversation, in the shape every chat model understands.
 *
 * @param role     who speaks
 * @param content  what was said (never null; may be empty)
 * @param imageUrl a picture that goes with a user message (a {@code data:} URL), sent as an image part beside the
 *                 text; null for none
 */
public record ChatMessage(Role role, String content, String imageUrl) {

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
        if (imageUrl != null && role != Role.USER) {
            throw new IllegalArgumentException("only a user message can carry a picture");
        }
    }

    /** A message of text alone. */
    public ChatMessage(Role role, String content) {
        this(role, content, null);
    }

    /** A system message. */
    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    /** A user message. */
    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    /** A user message with a picture beside its text ({@code imageUrl}: a {@code data:} URL). */
    public static ChatMessage user(String content, String imageUrl) {
        return new ChatMessage(Role.USER, content, Objects.requireNonNull(imageUrl, "imageUrl"));
    }

    /** An assistant message. */
    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
