package dev.riffcode.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * One thing that happened in a session. Steps are append-only and numbered 1, 2, 3... without
 * gaps; {@code kind} in {@code session.json} names the record type. Long texts (model answers,
 * code) live in their own files, referenced by a {@link StoredFile}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Step.Prompt.class, name = "prompt"),
    @JsonSubTypes.Type(value = Step.Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = Step.Code.class, name = "code"),
    @JsonSubTypes.Type(value = Step.Validation.class, name = "validation"),
    @JsonSubTypes.Type(value = Step.Repair.class, name = "repair"),
    @JsonSubTypes.Type(value = Step.Render.class, name = "render"),
    @JsonSubTypes.Type(value = Step.Failure.class, name = "error"),
    @JsonSubTypes.Type(value = Step.Note.class, name = "note"),
    @JsonSubTypes.Type(value = Step.Clip.class, name = "clip"),
    @JsonSubTypes.Type(value = Step.Export.class, name = "export"),
    @JsonSubTypes.Type(value = Step.Image.class, name = "image")})
public sealed interface Step {

    /** Position in the session, starting at 1. */
    int id();

    /** When the step was recorded. */
    Instant time();

    /**
     * A prompt sent to a model. Never holds an API key: keys are scrubbed from every field. A short
     * prompt is kept in {@code text}; a long one (over {@value Session#INLINE_PROMPT_CHARS}
     * characters) in {@code prompt-N.txt}, named by {@code file}, so the index stays small. Use
     * {@link Session#promptText(Prompt)} to get the text either way.
     *
     * @param text the prompt, or null if it is in {@code file}
     * @param file the file holding a long prompt, or null
     * @param endpoint the base URL of the model's API, or null
     */
    record Prompt(int id, Instant time, String text, StoredFile file, PromptMode mode, String model,
            String endpoint) implements Step {
    }

    /**
     * The raw text a model sent back, kept in {@code answer-N.txt}.
     *
     * @param prompt id of the prompt step this answers, or null if there was none
     * @param finishReason as the API reported it ("stop", "length"...), or null
     * @param promptTokens tokens in the request if the API said, else null
     * @param completionTokens tokens in the answer if the API said, else null
     * @param durationMs time from request to the last received byte
     * @param partial true if the stream broke off, so the text is incomplete
     */
    record Answer(int id, Instant time, Integer prompt, StoredFile file, String model, String finishReason,
            Integer promptTokens, Integer completionTokens, long durationMs, boolean partial) implements Step {
    }

    /**
     * A new code version, kept in {@code vN.py}.
     *
     * @param version 1, 2, 3... in the order versions were made
     * @param parent the version this one was derived from, or null
     */
    record Code(int id, Instant time, int version, Origin origin, Integer parent, StoredFile file)
            implements Step {
    }

    /**
     * The result of checking a code version (running it in the sandbox).
     *
     * @param error the error message if not ok, else null
     * @param line the script line the error points at, or null
     */
    record Validation(int id, Instant time, int version, boolean ok, String error, Integer line)
            implements Step {
    }

    /** The start of an attempt to fix {@code version}, and why. */
    record Repair(int id, Instant time, int version, String reason) implements Step {
    }

    /**
     * Audio rendered from a code version, kept in {@code vN.wav} (or {@code vN-2.wav} and so on for
     * later renders of the same version), with what Riffcode heard in it in {@code vN.report.json}
     * ({@code vN-2.report.json}...).
     *
     * @param peakDbfs peak level, or null for silence
     * @param report the hearing report (JSON), or null if none was made (older sessions, or the
     *     analysis failed)
     */
    record Render(int id, Instant time, int version, StoredFile file, double seconds, int sampleRate,
            Double peakDbfs, StoredFile report) implements Step {

        /** A render without a hearing report. */
        public Render(int id, Instant time, int version, StoredFile file, double seconds, int sampleRate,
                Double peakDbfs) {
            this(id, time, version, file, seconds, sampleRate, peakDbfs, null);
        }
    }

    /**
     * Something that went wrong, such as a model call refused with HTTP 429 or a crashed render.
     *
     * @param category a short word for what failed, such as "model" or "render"
     * @param version the code version concerned, or null
     */
    record Failure(int id, Instant time, String category, String message, Integer version) implements Step {
    }

    /** Free text. */
    record Note(int id, Instant time, String text) implements Step {
    }

    /**
     * Files made from a render besides its WAV, kept next to it: stems ({@code vN-stem-PART.wav}) or a MIDI file of
     * the score ({@code vN.mid}).
     *
     * @param render the id of the render step they belong to
     * @param kind   {@code stems} or {@code midi}
     */
    record Export(int id, Instant time, int version, int render, String kind, java.util.List<StoredFile> files)
            implements Step {
        public Export {
            files = java.util.List.copyOf(files);
        }
    }

    /**
     * A clip from a diffusion backend (Riffusion, a hosted text-to-audio model), kept in {@code clip-NAME.wav}, with
     * the backend's raw answers (spectrogram pictures, MP3s, JSON) in {@code parts} as {@code clip-NAME-PART}.
     * Scripts play it as {@code sample("clip:NAME")}.
     *
     * @param prompt   id of the prompt step that asked for it, or null
     * @param name     the clip's name, unique in the session
     * @param backend  {@code riffusion}, {@code huggingface}...
     * @param endpoint the backend's URL (never a key)
     * @param file     the clip as WAV, or null when nothing usable arrived
     * @param complete false when the backend failed or the user cancelled midway: {@code file} then holds only
     *                 what arrived
     * @param peakDbfs peak level, or null for silence or no file
     */
    record Clip(int id, Instant time, Integer prompt, String name, String backend, String endpoint,
            StoredFile file, double seconds, int sampleRate, Double peakDbfs, boolean complete,
            java.util.List<StoredFile> parts) implements Step {
        public Clip {
            parts = parts == null ? java.util.List.of() : java.util.List.copyOf(parts);
        }
    }

    /**
     * A picture given with a prompt ({@code generate --image}), kept byte for byte as {@code image-N.png} or
     * {@code image-N.jpg}.
     *
     * @param prompt id of the prompt step it went with, or null
     * @param source the file name it was read from (the name only, never its folder)
     * @param width  its width in pixels
     * @param height its height in pixels
     * @param features what was measured in it, in words
     */
    record Image(int id, Instant time, Integer prompt, StoredFile file, String source, int width, int height,
            String features) implements Step {
    }
}
