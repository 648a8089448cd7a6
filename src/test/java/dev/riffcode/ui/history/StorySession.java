package dev.riffcode.ui.history;

import dev.riffcode.session.Origin;
import dev.riffcode.session.PromptMode;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A session recorded through the real {@link SessionStore}: a prompt, the model's answer, v1 that
 * fails on line 3, a repair, v2 that runs and is rendered, then v3 edited by hand.
 */
final class StorySession {

    static final String PROMPT = "a techno beat at 124 bpm";
    static final String MODEL = "test-model";
    static final String ERROR = "NameError: name 'kik' is not defined";

    static final String V1 = """
            tempo(124)
            def beat():
                play(kik, 36)
                play("hat", 42)
            loop(beat)
            """;
    /** Line 3 fixed and a snare added after it. */
    static final String V2 = """
            tempo(124)
            def beat():
                play("kick", 36)
                play("snare", 38)
                play("hat", 42)
            loop(beat)
            """;
    /** The tempo changed by hand. */
    static final String V3 = V2.replace("tempo(124)", "tempo(128)");

    private StorySession() {
    }

    static SessionStore store(Path root) {
        return new SessionStore(root, Clock.fixed(Instant.parse("2025-03-01T14:05:09Z"), ZoneOffset.UTC));
    }

    /** Records the story in a new session of {@code store}; the session stays open for writing. */
    static Session record(SessionStore store) throws IOException {
        Session s = store.create("techno");
        s.prompt(PROMPT, PromptMode.NEW, MODEL, "http://localhost:1/v1");
        s.answer("```python\n" + V1 + "```\n", MODEL, "stop", 120, 80, 1500, false);
        s.codeVersion(V1, Origin.LLM, null);
        s.validation(1, ERROR, 3);
        s.repair(1, ERROR);
        s.codeVersion(V2, Origin.REPAIR, 1);
        s.validation(2, null, null);
        s.render(2, new byte[] {'R', 'I', 'F', 'F'}, 8.0, 48000, -3.5);
        s.manualEdit(V3);
        return s;
    }
}
