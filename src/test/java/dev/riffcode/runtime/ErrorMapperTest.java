package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.runtime.ScriptError.Category;
import org.junit.jupiter.api.Test;

/**
 * The error a user reads for each kind of Python failure. The worker applies these rules, in its own
 * process; HostileScriptsTest checks them end to end, this checks each rule on its own.
 */
class ErrorMapperTest {

    @Test
    void syntaxKindsAreSyntaxErrorsAndKeepTheirWords() {
        for (String kind : new String[] {"SyntaxError", "IndentationError", "TabError"}) {
            ScriptError e = ErrorMapper.classify("song.py", 3, kind, "invalid syntax");
            assertEquals(new ScriptError(Category.SYNTAX, "song.py", 3, kind, "invalid syntax"), e);
        }
    }

    @Test
    void anExitIsARefusalThatSaysScriptsCannotExit() {
        ScriptError e = ErrorMapper.classify("song.py", 4, "SystemExit", "0");
        assertEquals(Category.BLOCKED, e.category());
        assertEquals(4, e.line());
        assertEquals(Refusal.EXIT.describe(""), e.message());
        assertEquals("song.py:4: Blocked: " + Refusal.EXIT.describe(""), e.format());
    }

    @Test
    void theImportGuardsOwnRefusalsPassUnchanged() {
        ScriptError e = ErrorMapper.classify("song.py", 1, "Blocked", "importing 'socket' is not allowed");
        assertEquals(new ScriptError(Category.BLOCKED, "song.py", 1, "Blocked", "importing 'socket' is not allowed"), e);
    }

    @Test
    void memoryAndRecursionErrorsSayWhatToDoAboutThem() {
        ScriptError memory = ErrorMapper.classify("song.py", 2, "MemoryError", "");
        assertEquals(Category.MEMORY, memory.category());
        assertTrue(memory.message().contains("smaller"), memory.message());

        ScriptError recursion = ErrorMapper.classify("song.py", 7, "RecursionError", "maximum recursion depth exceeded");
        assertEquals(Category.SCRIPT, recursion.category());
        assertTrue(recursion.message().startsWith("maximum recursion depth exceeded"), recursion.message());
        assertTrue(recursion.message().contains("call itself"), recursion.message());
    }

    @Test
    void otherExceptionsAreTheScriptsOwnWithTheirMessageUntouched() {
        ScriptError e = ErrorMapper.classify("song.py", 5, "NameError", "name 'x' is not defined");
        assertEquals(new ScriptError(Category.SCRIPT, "song.py", 5, "NameError", "name 'x' is not defined"), e);
    }

    @Test
    void onlyRefusalsWithoutALineAndVagueFailuresAreWorthARerun() {
        assertTrue(ErrorMapper.needsLocating(ErrorMapper.blocked("song.py", 0, Refusal.FILES, "")));
        assertFalse(ErrorMapper.needsLocating(ErrorMapper.blocked("song.py", 3, Refusal.FILES, "")),
                "a refusal that has its line needs no rerun");
        ScriptError internal = new ScriptError(Category.SCRIPT, "song.py", 3, "InternalError", "could not run this line");
        assertTrue(ErrorMapper.isInternalFailure(internal));
        assertTrue(ErrorMapper.needsLocating(internal), "an internal failure may be a refusal in disguise");
        assertTrue(ErrorMapper.needsLocating(ErrorMapper.blocked("song.py", 3, Refusal.OS, "")),
                "an operating-system refusal that does not say what it was");
        ScriptError ordinary = ErrorMapper.classify("song.py", 0, "ValueError", "bad pitch");
        assertFalse(ErrorMapper.isInternalFailure(ordinary));
        assertFalse(ErrorMapper.needsLocating(ordinary), "the script's own errors are what they say");
        assertFalse(ErrorMapper.isInternalFailure(ErrorMapper.blocked("song.py", 0, Refusal.OS, "")));
    }

    @Test
    void aRerunGivesTheLineAndNamesWhatAVagueFailureWas() {
        ScriptError internal = new ScriptError(Category.SCRIPT, "song.py", 0, "InternalError", "could not run this line");
        ScriptError native_ = ErrorMapper.located(internal, 6, "_ctypes.dlopen");
        assertEquals(ErrorMapper.blocked("song.py", 6, Refusal.NATIVE, ""), native_);

        ScriptError unnamed = ErrorMapper.located(internal, 6, "len");
        assertEquals(new ScriptError(Category.SCRIPT, "song.py", 6, "InternalError", "could not run this line"), unnamed,
                "a built-in that stands for no refusal leaves the failure as it was, now with its line");

        ScriptError refused = ErrorMapper.blocked("song.py", 0, Refusal.FILES, "/etc/passwd");
        assertEquals(ErrorMapper.blocked("song.py", 9, Refusal.FILES, "/etc/passwd"),
                ErrorMapper.located(refused, 9, "_ctypes.dlopen"), "a clear refusal keeps its words");

        ScriptError atLine = ErrorMapper.blocked("song.py", 4, Refusal.FILES, "");
        assertEquals(4, ErrorMapper.located(atLine, 0, "").line(), "a rerun that found no line keeps the old one");
    }
}
