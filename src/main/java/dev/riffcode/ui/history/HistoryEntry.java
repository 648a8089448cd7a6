package dev.riffcode.ui.history;

import dev.riffcode.session.Origin;
import dev.riffcode.session.PromptMode;
import java.time.Instant;

/**
 * One line of a session's history, made from one {@link dev.riffcode.session.Step} with what a
 * person needs to see already read from the session's files.
 */
public sealed interface HistoryEntry {

    /** The id of the step this entry shows. */
    int step();

    /** When the step was recorded. */
    Instant time();

    /**
     * A prompt sent to a model.
     *
     * @param text the prompt, or a note saying why its file cannot be read
     * @param model the model's name, or null
     */
    record Prompt(int step, Instant time, String text, PromptMode mode, String model) implements HistoryEntry {
    }

    /**
     * A model's answer (its text is in the session; the code taken from it is the next version).
     *
     * @param model the model's name, or null
     * @param partial true if the stream broke off
     */
    record Answer(int step, Instant time, String model, long durationMs, boolean partial) implements HistoryEntry {
    }

    /**
     * A code version.
     *
     * @param origin where it came from, or null if the index does not say
     * @param parent the version it was derived from, or null
     * @param base the version {@code diff} compares against: the parent, else the previous version,
     *     else 0 (the first version is compared with nothing, so all its lines are added)
     * @param code its text, or null if its file cannot be read
     * @param diff the diff from {@code base}, or null if either file cannot be read
     * @param problem why the code or the diff is missing, or null
     * @param check the last validation recorded for this version, or null if it was never checked
     * @param prompt the prompt that led to it (the latest one before it), or null for versions made
     *     without one: edits by hand, imports and live saves
     */
    record Version(int step, Instant time, int version, Origin origin, Integer parent, int base, String code,
            VersionDiff diff, String problem, Check check, String prompt) implements HistoryEntry {

        /** The origin as a person reads it. */
        public String originText() {
            return origin == null ? "of unknown origin" : origin.description();
        }
    }

    /**
     * The result of checking (running) a version.
     *
     * @param error the error message if not ok, else null
     * @param line the script line the error points at, or null
     */
    record Check(int step, Instant time, int version, boolean ok, String error, Integer line)
            implements HistoryEntry {
    }

    /** The start of a repair of {@code version}; {@code reason} may be null. */
    record Repair(int step, Instant time, int version, String reason) implements HistoryEntry {
    }

    /**
     * Audio rendered from a version.
     *
     * @param file the WAV file's name in the session folder
     * @param peakDbfs peak level, or null for silence
     */
    record Render(int step, Instant time, int version, String file, double seconds, Double peakDbfs)
            implements HistoryEntry {
    }

    /**
     * Something that went wrong.
     *
     * @param category a short word such as "model" or "render", or null
     * @param version the version concerned, or null
     */
    record Failure(int step, Instant time, String category, String message, Integer version)
            implements HistoryEntry {
    }

    /** Free text. */
    record Note(int step, Instant time, String text) implements HistoryEntry {
    }
}
