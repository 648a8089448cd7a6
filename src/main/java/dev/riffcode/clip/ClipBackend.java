package dev.riffcode.clip;

import dev.riffcode.audio.AudioClip;
import java.util.List;

/** A service that turns a prompt into a whole clip of audio. */
public interface ClipBackend {

    /** Short name: {@code riffusion}, {@code huggingface}. */
    String name();

    /** The server's address (never a key), for messages and the session. */
    String endpoint();

    /** The model asked for, or null when the server has only one. */
    String model();

    /**
     * Makes a clip. Raw answers (pictures, MP3s) are handed to {@code listener} as they arrive, so that they are kept
     * even when a later part fails.
     *
     * @throws ClipException with a message that says what to do
     */
    Result make(Request request, Listener listener) throws ClipException;

    /**
     * What to make.
     *
     * @param prompt    what it should sound like
     * @param endPrompt where a long clip should drift to (Riffusion's end prompt), or null to stay on {@code prompt}
     * @param seconds   length wanted
     * @param seed      seed of the random generator
     * @param cancel    set to stop waiting
     */
    record Request(String prompt, String endPrompt, double seconds, long seed, Cancel cancel) {
    }

    /**
     * The clip.
     *
     * @param audio at 44.1 kHz (or the backend's own rate)
     * @param notes what the user should know (a fallback taken, a part replaced), in order
     */
    record Result(AudioClip audio, List<String> notes) {
    }

    /** Told what happens while a clip is made. */
    interface Listener {
        /** A one-line status, e.g. "segment 2/3: waiting for the server", with the fraction done (0..1). */
        void status(String text, double fraction);

        /** A raw piece of the answer, named like {@code segment-2.mp3}. */
        void part(String name, byte[] data);
    }

    /** A flag the user's Ctrl+C sets. */
    final class Cancel {
        private volatile boolean cancelled;

        public void cancel() {
            cancelled = true;
        }

        public boolean isCancelled() {
            return cancelled;
        }

        /** Throws {@link ClipException.Kind#CANCELLED} once cancelled. */
        public void check() throws ClipException {
            if (cancelled) {
                throw new ClipException(ClipException.Kind.CANCELLED, "cancelled");
            }
        }
    }
}
