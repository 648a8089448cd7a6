package dev.riffcode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.session.Origin;
import dev.riffcode.session.PromptMode;
import dev.riffcode.session.ReplayRenderer;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.SessionStoreTest;
import dev.riffcode.session.SineRenderer;
import dev.riffcode.session.TestClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SessionsCommandTest {
    @TempDir Path dir;
    private Path root;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void twoSessions() throws IOException {
        root = dir.resolve("sessions");
        SessionStore store = new SessionStore(root, new TestClock("2025-03-01T14:05:09Z"));
        try (Session s = store.create("drum loop")) {
            s.prompt("a drum loop", PromptMode.NEW, "m", null);
            s.codeVersion("play(200)\n", Origin.LLM, null);
            s.codeVersion("play(300)\nraise\n", Origin.EDIT, 1);
        }
        try (Session s = store.create("drum fill")) {
            s.note("empty so far");
        }
    }

    private int run(ReplayRenderer renderer, String... args) {
        CommandLine cl = new CommandLine(new SessionsCommand(root, renderer));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void listShowsOneLinePerSession() {
        assertEquals(0, run(null, "list"));
        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[0].startsWith("NAME"));
        assertTrue(lines[1].startsWith("20250301-140509-drum-loop "), lines[1]);
        assertTrue(lines[1].matches(".* 1 +2 +0 +0 .*"), lines[1]);
    }

    @Test
    void showPrintsTheStory() {
        assertEquals(0, run(null, "show", "loop"));
        assertTrue(out.toString().contains("a drum loop"));
        assertTrue(out.toString().contains("Code version v2 (changed by the model)"));
    }

    @Test
    void ambiguousNamesAreAUsageError() {
        assertEquals(2, run(null, "show", "drum"));
        assertTrue(err.toString().contains("matches 2 sessions"), err.toString());
    }

    @Test
    void exportWritesAZip() throws IOException {
        Path zip = dir.resolve("loop.zip");
        assertEquals(0, run(null, "export", "loop", "-o", zip.toString()));
        assertTrue(SessionStoreTest.unzip(zip).containsKey("20250301-140509-drum-loop/README.md"));
    }

    @Test
    void replayReportsEachVersion() throws IOException {
        assertEquals(2, run(null, "replay", "loop"), "no renderer, no replay");
        assertEquals(1, run(new SineRenderer(dir), "replay", "loop"));
        assertEquals("v1: ok\nv2: RuntimeError: raised on purpose\n", out.toString());
        try (Session s = new SessionStore(root).open("loop")) {
            assertTrue(Files.isRegularFile(s.folder().resolve("v1.wav")));
        }
    }
}
