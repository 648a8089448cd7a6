package dev.riffcode.runtime;

import dev.riffcode.runtime.ScriptError.Category;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Turns a script's failure into a {@link ScriptError} a user can act on. Python exceptions arrive
 * as [kind, message, line, refused, detail] from the riffcode module, which reads the line from
 * the traceback (the innermost frame in the user's file, also when the error was raised inside the
 * API on its behalf) and recognises the sandbox's refusals. Whatever the sandbox refused comes out
 * as {@code FILE:LINE: Blocked: <what, in Python's words>}, never with Java class names.
 */
final class ErrorMapper {

    private static final String BLOCKED = "Blocked";
    private static final String INTERNAL = "InternalError";

    private static final Pattern KIND = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*(?:Error|Exception|Exit|Warning|Interrupt)): (.*)$",
            Pattern.DOTALL);

    private ErrorMapper() {
    }

    /** An error the script raised, as the riffcode module reports it, starting at {@code offset}. */
    static ScriptError fromPython(String file, Value info, int offset) {
        String kind = info.getArrayElement(offset).asString();
        String message = info.getArrayElement(offset + 1).asString();
        int line = info.getArrayElement(offset + 2).asInt();
        String refused = info.getArraySize() > offset + 3 ? info.getArrayElement(offset + 3).asString() : "";
        if (!refused.isEmpty()) {
            return blocked(file, line, Refusal.fromPython(refused), info.getArrayElement(offset + 4).asString());
        }
        return classify(file, line, kind, message);
    }

    static ScriptError classify(String file, int line, String kind, String message) {
        if (kind.equals("SyntaxError") || kind.equals("IndentationError") || kind.equals("TabError")) {
            return new ScriptError(Category.SYNTAX, file, line, kind, message);
        }
        if (kind.equals(BLOCKED)) {
            // The import guard's own refusals already say what and why.
            return new ScriptError(Category.BLOCKED, file, line, BLOCKED, message);
        }
        if (kind.equals("SystemExit")) {
            return blocked(file, line, Refusal.EXIT, "");
        }
        if (kind.equals("MemoryError")) {
            return new ScriptError(Category.MEMORY, file, line, kind,
                    "the script asked for more memory than it may use; make lists and strings smaller");
        }
        if (kind.equals("RecursionError")) {
            return new ScriptError(Category.SCRIPT, file, line, kind, message + " (does a function call itself without end?)");
        }
        return new ScriptError(Category.SCRIPT, file, line, kind, message);
    }

    static ScriptError blocked(String file, int line, Refusal refusal, String detail) {
        return new ScriptError(Category.BLOCKED, file, line, BLOCKED, refusal.describe(detail));
    }

    /**
     * Failures that are not the script's own Python exceptions: exits, host errors, exhausted
     * resources, and the sandbox's refusals that Python cannot catch. These carry no line (GraalPy
     * gives its frames no locations here); {@link #needsLocating} says when a rerun should find it.
     */
    static ScriptError map(PolyglotException e, String file) {
        int line = 0;
        if (e.isExit()) {
            return blocked(file, line, Refusal.EXIT, "");
        }
        if (e.isResourceExhausted()) {
            return new ScriptError(Category.MEMORY, file, line, "MemoryError",
                    "the script ran out of resources (memory or stack); make lists and recursion smaller");
        }
        if (e.isHostException()) {
            // A bug on our side, not the script's: say so rather than blame the user.
            Throwable host = e.asHostException();
            return new ScriptError(Category.SCRIPT, file, line, INTERNAL,
                    "Riffcode failed while handling this line (" + host + "); please report it");
        }
        if (e.isInternalError()) {
            Refusal refusal = Refusal.ofInternalError(e.getMessage());
            if (refusal != null) {
                return blocked(file, line, refusal, "");
            }
            // The runtime's own words name Java classes; they belong in the worker's log, not the message.
            System.err.println("riffcode worker: internal error in the Python runtime: " + e.getMessage());
            return new ScriptError(Category.SCRIPT, file, line, INTERNAL,
                    "the Python runtime could not run this line (it may use something Riffcode scripts cannot, "
                            + "such as native code); if the line looks ordinary, please report it");
        }
        String text = e.getMessage() == null ? "unknown error" : e.getMessage().strip();
        Matcher m = KIND.matcher(text);
        if (m.matches()) {
            return classify(file, line, m.group(1), m.group(2));
        }
        return classify(file, line, "Error", text);
    }

    /**
     * Errors worth running the script again for: refusals and internal failures without a line, and
     * a refused operating-system call that did not say what it was.
     */
    static boolean needsLocating(ScriptError error) {
        return error.line() == 0 && error.category() == Category.BLOCKED || isVague(error);
    }

    /** An internal failure of the runtime, or a refusal that could not say what was refused. */
    private static boolean isVague(ScriptError error) {
        return isInternalFailure(error)
                || error.category() == Category.BLOCKED && error.message().equals(Refusal.OS.describe(""));
    }

    /** A failure the runtime reported without saying what it was. */
    static boolean isInternalFailure(ScriptError error) {
        return error.category() == Category.SCRIPT && error.kind().equals(INTERNAL);
    }

    /**
     * The error with the line a rerun found (kept when it found none), and what it was when the
     * rerun tells more: a failure inside a built-in that stands for a refusal (e.g. _ctypes.dlopen,
     * posix.execv) is that refusal.
     */
    static ScriptError located(ScriptError error, int line, String builtin) {
        int at = line > 0 ? line : error.line();
        Refusal refusal = isVague(error) ? Refusal.ofBuiltin(builtin) : null;
        if (refusal != null) {
            return blocked(error.file(), at, refusal, "");
        }
        return new ScriptError(error.category(), error.file(), at, error.kind(), error.message());
    }
}
