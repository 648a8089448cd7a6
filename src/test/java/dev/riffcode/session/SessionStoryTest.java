package dev.riffcode.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story is what a teacher reads in a handed-in zip: each step's heading and body must say what
 * happened, including the cases where something is missing (no model named, no line, silence).
 */
class SessionStoryTest {
    @TempDir Path dir;
    private final TestClock clock = new TestClock("2025-03-01T14:05:09Z");

    private Session create() throws IOException {
        return new SessionStore(dir.resolve("sessions"), clock).create("Story");
    }

    /** The text of step {@code id}: its heading line, then its body up to the next step. */
    private static String section(String story, int id) {
        int start = story.indexOf("\n## " + id + ". ");
        assertTrue(start >= 0, "no step " + id + " in:\n" + story);
        int end = story.indexOf("\n## ", start + 1);
        return story.substring(start + 1, end < 0 ? story.length() : end);
    }

    private static String heading(String section) {
        return section.substring(0, section.indexOf('\n'));
    }

    @Test
    void promptsSayWhetherTheyAskForANewPieceOrAChangeAndWhichModel() throws IOException {
        try (Session s = create()) {
            s.prompt("a waltz", PromptMode.NEW, "llama3", "http://localhost:11434/v1");
            clock.advance(Duration.ofSeconds(3));
            s.prompt("make it faster", PromptMode.EDIT, "llama3", null);
            s.prompt("any model will do", PromptMode.NEW, null, "http://localhost:8080/v1");
            s.prompt("written offline", PromptMode.NEW, null, null);
            String story = s.story();

            String first = section(story, 1);
            assertEquals("## 1. Prompt: new piece \u2014 2025-03-01 14:05:09", heading(first));
            assertTrue(first.contains("Model `llama3` at `http://localhost:11434/v1`"), first);
            assertTrue(first.contains("```text\na waltz\n```"), first);

            String second = section(story, 2);
            assertEquals("## 2. Prompt: change the code \u2014 2025-03-01 14:05:12", heading(second));
            assertTrue(second.contains("Model `llama3`\n"), "no endpoint, no ' at ': " + second);

            assertTrue(section(story, 3).contains("Model `?` at `http://localhost:8080/v1`"), section(story, 3));
            assertFalse(section(story, 4).contains("Model"), "a prompt without a model names none");
        }
    }

    @Test
    void answersTellTheirModelTimeFinishReasonTokensAndWhetherTheyWereCutOff() throws IOException {
        try (Session s = create()) {
            s.prompt("a waltz", PromptMode.NEW, "llama3", null);
            s.answer("here", "llama3", "stop", 120, 30, 2900, false);
            s.answer("here is a wal", null, null, null, null, 30_000, true);
            s.answer("ok", "m", null, null, 7, 500, false);
            String story = s.story();

            String whole = section(story, 2);
            assertTrue(heading(whole).startsWith("## 2. Model answer \u2014"), whole);
            assertTrue(whole.contains("[answer-1.txt](answer-1.txt) from `llama3` after 2.9 s, finish reason `stop`, "
                    + "tokens in/out 120/30.\n"), whole);

            String cut = section(story, 3);
            assertTrue(heading(cut).startsWith("## 3. Model answer (cut off) \u2014"), cut);
            assertTrue(cut.contains("from `?` after 30.0 s. The stream broke off, so the answer is incomplete."), cut);
            assertFalse(cut.contains("finish reason"), cut);
            assertFalse(cut.contains("tokens"), cut);

            assertTrue(section(story, 4).contains("tokens in/out ?/7."), section(story, 4));
        }
    }

    @Test
    void codeChecksRepairsRendersErrorsAndNotesEachTellTheirPart() throws IOException {
        try (Session s = create()) {
            s.codeVersion("play(60)\nsleep(x)\n", Origin.LLM, null);
            s.validation(1, "NameError: name 'x' is not defined", 2);
            s.validation(1, "SyntaxError somewhere", null);
            s.repair(1, null);
            s.codeVersion("play(60)\nsleep(1)\n", Origin.REPAIR, 1);
            s.validation(2, null, null);
            s.render(2, SessionTest.wavBytes(440), 1.5, 8000, -6.02);
            s.render(2, SessionTest.wavBytes(440), 1.5, 8000, Double.NEGATIVE_INFINITY);
            s.error("model", "HTTP 429", 2);
            s.error(null, "something odd");
            s.note("my favourite");
            String story = s.story();

            String v1 = section(story, 1);
            assertTrue(heading(v1).startsWith("## 1. Code version v1 (written by the model) \u2014"), v1);
            assertFalse(v1.contains("derived from"), "the first version derives from nothing: " + v1);
            assertTrue(v1.contains("```python\nplay(60)\nsleep(x)\n```"), v1);

            String failedCheck = section(story, 2);
            assertTrue(heading(failedCheck).startsWith("## 2. Check of v1: error \u2014"), failedCheck);
            assertTrue(failedCheck.contains("At line 2:\n\n```text\nNameError: name 'x' is not defined\n```"),
                    failedCheck);
            assertFalse(section(story, 3).contains("At line"), "no line known, none claimed");

            String repair = section(story, 4);
            assertTrue(heading(repair).startsWith("## 4. Repair of v1 \u2014"), repair);
            assertTrue(repair.contains("(no reason given)"), repair);

            assertTrue(section(story, 5).contains("[v2.py](v2.py), derived from v1:"), section(story, 5));

            String okCheck = section(story, 6);
            assertTrue(heading(okCheck).startsWith("## 6. Check of v2: ok \u2014"), okCheck);
            assertTrue(okCheck.contains("The code ran without error."), okCheck);

            String render = section(story, 7);
            assertTrue(heading(render).startsWith("## 7. Render of v2 \u2014"), render);
            assertTrue(render.contains("[v2.wav](v2.wav): 1.5 s at 8000 Hz, peak -6.0 dBFS."), render);
            assertTrue(section(story, 8).contains("[v2-2.wav](v2-2.wav): 1.5 s at 8000 Hz, peak silent."),
                    section(story, 8));

            String error = section(story, 9);
            assertTrue(heading(error).startsWith("## 9. Error (model) \u2014"), error);
            assertTrue(error.contains("About v2:\n\n```text\nHTTP 429\n```"), error);
            String plainError = section(story, 10);
            assertTrue(heading(plainError).startsWith("## 10. Error \u2014"), plainError);
            assertFalse(plainError.contains("About v"), plainError);

            String note = section(story, 11);
            assertTrue(heading(note).startsWith("## 11. Note \u2014"), note);
            assertTrue(note.contains("```text\nmy favourite\n```"), note);
        }
    }
}
