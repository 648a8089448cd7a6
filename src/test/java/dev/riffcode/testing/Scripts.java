package dev.riffcode.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.runtime.RunRequest;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.score.Score;

/** Runs test scripts on the shared worker. */
public final class Scripts {

    private Scripts() {
    }

    public static RunResult run(String code) {
        return SharedRunner.get().run(RunRequest.of("test.py", code));
    }

    /** Runs a script that must succeed and returns its score. */
    public static Score score(String code) {
        RunResult r = run(code);
        assertTrue(r.ok(), () -> "script failed: " + r.error().format() + "\n" + code);
        return r.score();
    }

    /** Runs a script that must fail and returns its error. */
    public static ScriptError error(String code) {
        RunResult r = run(code);
        assertTrue(!r.ok(), () -> "script should have failed:\n" + code);
        assertNotNull(r.error());
        return r.error();
    }
}
