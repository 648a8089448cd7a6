package dev.riffcode.clip;

/**
 * A clip that could not be made, with a message for the user that says what happened and what to do (never a stack
 * trace).
 */
public final class ClipException extends Exception {

    /** What went wrong, so callers and the session can tell faults apart. */
    public enum Kind {
        /** No backend is configured, or a setting is unusable. */
        CONFIG,
        /** The server could not be reached (refused, unknown host, network down). */
        UNREACHABLE,
        /** The server took longer than the timeout. */
        TIMEOUT,
        /** The server answered with an HTTP error. */
        HTTP,
        /** The model is still loading (Hugging Face's 503 with an estimated time). */
        LOADING,
        /** The answer was not the JSON the protocol promises. */
        BAD_ANSWER,
        /** The spectrogram picture was missing, truncated or not a picture. */
        BAD_IMAGE,
        /** The audio did not decode. */
        BAD_AUDIO,
        /** The user cancelled. */
        CANCELLED
    }

    private static final long serialVersionUID = 1L;

    private final Kind kind;

    public ClipException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ClipException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
