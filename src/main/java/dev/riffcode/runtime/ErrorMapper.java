package dev.riffcode.runtime;

import dev.riffcode.runtime.ScriptError.Category;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;

/**
 * Turns a script's failure into a {@link ScriptError} a user can act on. Python exceptions arrive
 * as [kind, message, line] from the riffcode module, which reads the line from the traceback (the
 * innermost frame in the user's file, also when the error was raised inside the API on its behalf).
 */
final class ErrorMapper {

    private static final Pattern KIND = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.]*(?:Error|Exception|Exit|Warning|Interrupt)): (.*)$",
            Pattern.DOTALL);

    private ErrorMapper() {
    }

    /**
     * An error the script raised, as the riffcode module reports it: {@code [kind, message, line]}
     * starting at {@code offset} of the returned list.
     */
    static ScriptError fromPython(String file, org.graalvm.polyglot.Value info, int offset) {
        String kind = info.getArrayElement(offset).asString();
        String message = info.getArrayElement(offset + 1).asString();
        int line = info.getArrayElement(offset + 2).asInt();
        return classify(file, line, kind, message);
    }

    static ScriptError classify(String file, int line, String kind, String message) {
        if (kind.equals("SyntaxError") || kind.equals("IndentationError") || kind.equals("TabError")) {
            return new ScriptError(Category.SYNTAX, file, line, kind, message);
        }
        if (kind.equals("SystemExit")) {
            return new ScriptError(Category.BLOCKED, file, line, "PermissionError",
                    "blocked: a Riffcode script cannot exit; it ends when its last line has run");
        }
        if (kind.equals("MemoryError")) {
            return new ScriptError(Category.MEMORY, file, line, kind,
                    "the script asked for more memory than it may use; make lists and strings smaller");
        }
        if (kind.equals("RecursionError")) {
            return new ScriptError(Category.SCRIPT, file, line, kind, message + " (does a function call itself without end?)");
        }
        if (message.startsWith("blocked:")) {
            return new ScriptError(Category.BLOCKED, file, line, kind, message);
        }
        if (isSandboxRefusal(message)) {
            return new ScriptError(Category.BLOCKED, file, line, kind, "blocked: " + message
                    + " (scripts have no access to files, network, processes, threads or Java)");
        }
        return new ScriptError(Category.SCRIPT, file, line, kind, message);
    }

    /** Failures that are not the script's own Python exceptions: exits, host errors, exhausted resources. */
    static ScriptError map(PolyglotException e, String file) {
        // GraalPy's host-side stack frames do not carry reliable lines; no line beats a wrong one.
        int line = 0;
        if (e.isExit()) {
            return new ScriptError(Category.BLOCKED, file, line, "PermissionError",
                    "blocked: a Riffcode script cannot exit; it ends when its last line has run");
        }
        if (e.isResourceExhausted()) {
            return new ScriptError(Category.MEMORY, file, line, "MemoryError",
                    "the script ran out of resources (memory or stack); make lists and recursion smaller");
        }
        if (e.isHostException()) {
            // A bug on our side, not the script's: say so rather than blame the user.
            Throwable host = e.asHostException();
            return new ScriptError(Category.SCRIPT, file, line, "InternalError",
                    "Riffcode failed while handling this line (" + host + "); please report it");
        }
        String text = e.getMessage() == null ? "unknown error" : e.getMessage().strip();
        Matcher m = KIND.matcher(text);
        if (m.matches()) {
            return classify(file, line, m.group(1), m.group(2));
        }
        return classify(file, line, "Error", text);
    }

    private static boolean isSandboxRefusal(String text) {
        return text.contains("Operation not permitted") || text.contains("not allowed")
                || text.contains("was excluded") || text.contains("host lookup");
    }
}
