package dev.riffcode.runtime;

/**
 * Why a script did not produce a score, in words a user can act on.
 *
 * @param file    the script's file name as the user knows it
 * @param line    1-based line in that file, or 0 when no line applies
 * @param kind    a Python exception name (ValueError, SyntaxError, ...) or Timeout/MemoryLimit/...
 */
public record ScriptError(Category category, String file, int line, String kind, String message) {

    public enum Category {
        /** The code does not parse. */
        SYNTAX,
        /** The code raised an exception (including an API call with a bad value). */
        SCRIPT,
        /** The code tried something scripts may not do (files, network, processes, exit, ...). */
        BLOCKED,
        /** The script ran past its time limit and was stopped. */
        TIMEOUT,
        /** The script used too much memory and was stopped. */
        MEMORY,
        /** The score is too big to render (too long, too many notes). */
        LIMIT,
        /** The worker process died for another reason. */
        CRASH
    }

    /** {@code FILE:LINE: Kind: message}, the form editors and terminals understand. */
    public String format() {
        return file + (line > 0 ? ":" + line : "") + ": " + kind + ": " + message;
    }
}
