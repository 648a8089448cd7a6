package dev.riffcode.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    private static final String KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0";

    @TempDir Path dir;
    private final TestClock clock = new TestClock("2025-03-01T14:05:09Z");

    private SessionStore store() {
        return new SessionStore(dir.resolve("sessions"), clock);
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static JsonNode index(Session s) throws IOException {
        return new ObjectMapper().readTree(s.folder().resolve(Session.INDEX).toFile());
    }

    @Test
    void recordsAWholeConversationInHumanReadableFiles() throws IOException {
        try (Session s = store().create("Techno beat")) {
            assertEquals("20250301-140509-techno-beat", s.name());
            int p = s.prompt("a techno beat at 128 BPM", PromptMode.NEW, "gpt-4o-mini", "https://api.openai.com/v1");
            clock.advance(Duration.ofSeconds(3));
            int a = s.answer("```python\nplay(60)\n```", "gpt-4o-mini", "stop", 120, 30, 2900, false);
            int v1 = s.codeVersion("play(60)\nsleep(x)\n", Origin.LLM, null);
            s.validation(v1, "NameError: name 'x' is not defined", 2);
            s.repair(v1, "NameError at line 2");
            int v2 = s.codeVersion("play(60)\nsleep(1)\n", Origin.REPAIR, v1);
            s.validation(v2, null, null);
            s.render(v2, wavBytes(440), 0.25, 8000, -6.0);
            int v3 = s.manualEdit("play(62)\nsleep(1)\n");
            s.error("model", "HTTP 429: rate limit reached");
            s.note("sounds good");

            assertEquals(List.of(1, 2), List.of(p, a));
            assertEquals(List.of(1, 2, 3), List.of(v1, v2, v3));
            assertEquals(11, s.steps().size());
            assertEquals(3, s.latestVersion());
            assertEquals("play(62)\nsleep(1)\n", s.latestCode().orElseThrow());
            assertEquals("play(60)\nsleep(x)\n", read(s.folder().resolve("v1.py")));
            assertEquals("```python\nplay(60)\n```", read(s.folder().resolve("answer-1.txt")));
            assertTrue(Files.isRegularFile(s.folder().resolve("v2.wav")));
            assertEquals(List.of(), s.verify());

            Step.Code manual = s.versions().get(2);
            assertEquals(Origin.MANUAL, manual.origin());
            assertEquals(2, manual.parent());
            Step.Answer answer = (Step.Answer) s.steps().get(1);
            assertEquals(p, answer.prompt());
            assertEquals(120, answer.promptTokens());

            // The index is plain JSON with lower-case kinds and file references with checksums.
            JsonNode json = index(s);
            assertEquals("Techno beat", json.get("title").asText());
            assertEquals("2025-03-01T14:05:09Z", json.get("created").asText());
            JsonNode code = json.get("steps").get(2);
            assertEquals("code", code.get("kind").asText());
            assertEquals("llm", code.get("origin").asText());
            assertEquals("v1.py", code.get("file").get("name").asText());
            assertEquals(64, code.get("file").get("sha256").asText().length());
            assertEquals("2025-03-01T14:05:12Z", json.get("steps").get(1).get("time").asText());
        }
    }

    @Test
    void reopeningGivesBackEverything() throws IOException {
        SessionStore store = store();
        String name;
        try (Session s = store.create(null)) {
            name = s.name();
            s.prompt("hello", PromptMode.NEW, null, null);
            s.codeVersion("play(60)", Origin.OFFLINE, null);
        }
        try (Session again = store.open(name)) {
            assertEquals(2, again.steps().size());
            assertNull(again.title());
            assertEquals(new Step.Prompt(1, clock.instant(), "hello", null, PromptMode.NEW, null, null), again.steps().get(0));
            assertEquals(2, again.codeVersion("play(62)", Origin.MANUAL, 1));
            assertEquals(3, again.steps().get(2).id());
        }
    }

    @Test
    void keysAreScrubbedFromEveryRecordedString() throws IOException {
        try (Session s = store().create("my key is " + KEY)) {
            s.prompt("use key " + KEY + " please", PromptMode.NEW, "gpt " + KEY,
                    "https://user:hunter2@api.example.com/v1?key=" + KEY);
            s.answer("I see your key " + KEY, "m", null, null, null, 10, false);
            int v = s.codeVersion("# api_key = \"abc123secretvalue\"\nplay(60)  # " + KEY + "\n", Origin.LLM, null);
            s.validation(v, "Authorization: Bearer " + KEY, 1);
            s.repair(v, KEY);
            s.error("model", "401: invalid key " + KEY);
            s.note("Bearer abcdefghijklmnop1234");

            try (Stream<Path> files = Files.list(s.folder())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                    assertFalse(text.contains(KEY), f.getFileName() + " holds the key");
                    assertFalse(text.contains("Ab3dEf6h"), f.getFileName() + " holds part of the key");
                    assertFalse(text.contains("hunter2"), f.getFileName() + " holds the URL password");
                    assertFalse(text.contains("abc123secretvalue"), f.getFileName() + " holds the api_key value");
                    assertFalse(text.contains("abcdefghijklmnop1234"), f.getFileName() + " holds the bearer token");
                }
            }
            assertFalse(s.folder().getFileName().toString().contains("ab3d"));
            Step.Prompt p = (Step.Prompt) s.steps().get(0);
            assertEquals("use key [redacted] please", p.text());
            assertEquals("https://[redacted]@api.example.com/v1?key=[redacted]", p.endpoint());
            assertTrue(s.code(v).contains("play(60)"), "the code itself survives");
        }
    }

    @Test
    void unicodeHugePromptsAndWindowsNewlinesSurviveExactly() throws IOException {
        String unicode = "Fais une mélodie 🎹 en ré mineur — 日本の音階で, «vite»!\r\nDeuxième ligne\r\n";
        StringBuilder big = new StringBuilder();
        while (big.length() < 1_000_000) {
            big.append("line ").append(big.length()).append(" — ♪ keep going\r\n");
        }
        String huge = big.toString();
        String crlfCode = "play(60)\r\nsleep(1)\r\n# é 🎵\r\n";
        SessionStore store = store();
        String name;
        try (Session s = store.create("Mélodie ré mineur 🎹")) {
            name = s.name();
            assertEquals("20250301-140509-melodie-re-mineur", name);
            s.prompt(unicode, PromptMode.NEW, "m", null);
            s.prompt(huge, PromptMode.EDIT, "m", null);
            s.answer(huge, "m", "length", null, null, 1, true);
            s.codeVersion(crlfCode, Origin.IMPORT, null);
        }
        try (Session s = store.open(name)) {
            assertEquals(unicode, ((Step.Prompt) s.steps().get(0)).text());
            Step.Prompt hugePrompt = (Step.Prompt) s.steps().get(1);
            assertNull(hugePrompt.text(), "a megabyte does not belong in the index");
            assertEquals("prompt-2.txt", hugePrompt.file().name());
            assertEquals(huge, s.promptText(hugePrompt));
            assertTrue(Files.size(s.folder().resolve(Session.INDEX)) < 10_000);
            assertEquals(huge, read(s.folder().resolve("answer-1.txt")));
            assertTrue(((Step.Answer) s.steps().get(2)).partial());
            assertArrayEquals(crlfCode.getBytes(StandardCharsets.UTF_8),
                    Files.readAllBytes(s.folder().resolve("v1.py")));
            assertEquals(crlfCode, s.latestCode().orElseThrow());
            assertEquals("Mélodie ré mineur 🎹", s.title());
            assertEquals(List.of(), s.verify());
        }
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharactersInsteadOfFailing() throws IOException {
        try (Session s = store().create(null)) {
            s.prompt("broken \uD83D end", PromptMode.NEW, null, null);
            s.answer("also \uDC00 broken", "m", null, null, null, 0, false);
            assertEquals("broken \uFFFD end", ((Step.Prompt) s.steps().get(0)).text());
            assertEquals("also \uFFFD broken", read(s.folder().resolve("answer-1.txt")));
        }
    }

    @Test
    void aFailedModelCallKeepsThePromptAndWhateverArrived() throws IOException {
        SessionStore store = store();
        try (Session s = store.create("failing model")) {
            s.prompt("a waltz", PromptMode.NEW, "llama3", "http://localhost:11434/v1");
            s.answer("Sure! Here is a wal", "llama3", null, null, null, 30_000, true);
            s.error("model", "stream broke off after 30 s");
            s.prompt("a waltz", PromptMode.NEW, "llama3", "http://localhost:11434/v1");
            s.answer("I cannot write music.", "llama3", "stop", 10, 5, 800, false);
            s.error("extract", "the answer has no code");
        }
        SessionSummary summary = store.list().get(0);
        assertEquals(2, summary.prompts());
        assertEquals(0, summary.versions());
        assertEquals(2, summary.errors());
        try (Session s = store.open("failing")) {
            assertEquals("Sure! Here is a wal", read(s.folder().resolve("answer-1.txt")));
            assertEquals("I cannot write music.", read(s.folder().resolve("answer-2.txt")));
        }
    }

    @Test
    void rendersMoveAFinishedWavFileIn() throws IOException {
        try (Session s = store().create(null)) {
            int v = s.codeVersion("play(440)", Origin.LLM, null);
            Path temp = dir.resolve("render.wav");
            WavWriter.writeAtomically(temp, new float[][] {SineRenderer.sine(440, 0.25, 8000)}, 8000, WavFormat.PCM_16);
            s.render(v, temp, 0.25, 8000, -6.02);
            s.render(v, wavBytes(220), 0.25, 8000, Double.NEGATIVE_INFINITY);
            assertFalse(Files.exists(temp), "the temporary file was moved, not copied");
            assertEquals(440, SineRenderer.frequencyOf(s.folder().resolve("v1.wav")), 5);
            assertEquals(220, SineRenderer.frequencyOf(s.folder().resolve("v1-2.wav")), 5);
            Step.Render second = (Step.Render) s.steps().get(2);
            assertEquals("v1-2.wav", second.file().name());
            assertNull(second.peakDbfs(), "silence is stored as no peak, not as -Infinity");
            assertEquals(List.of(), s.verify());
        }
    }

    @Test
    void versionsMustExist() throws IOException {
        try (Session s = store().create(null)) {
            assertThrows(IllegalArgumentException.class, () -> s.validation(1, null, null));
            assertThrows(IllegalArgumentException.class, () -> s.codeVersion("x", Origin.LLM, 3));
            s.codeVersion("x", Origin.LLM, null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.render(2, new byte[0], 1, 8000, 0));
            assertTrue(e.getMessage().contains("no version 2"), e.getMessage());
            assertEquals(1, s.steps().size(), "refused calls record nothing");
        }
    }

    @Test
    void oneWriterAtATime() throws IOException {
        SessionStore store = store();
        // Closed by hand below: handing the lock over is what this test is about.
        Session first = store.create(null);
        Session second = store.open(first.name());
        try {
            first.note("mine");
            assertEquals(0, second.steps().size(), "a reader sees the session as it was when opened");
            IOException e = assertThrows(IOException.class, () -> second.note("also mine"));
            assertTrue(e.getMessage().contains("already being recorded"), e.getMessage());

            first.close();
            second.note("now mine");
            assertEquals(2, second.steps().size(), "taking the lock re-reads the index");
            second.close();
            first.note("back");
            assertEquals(3, first.steps().size());
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void leftoverTemporaryFilesAreIgnoredAndCleanedUp() throws IOException {
        SessionStore store = store();
        String name;
        try (Session s = store.create(null)) {
            name = s.name();
            s.codeVersion("play(60)", Origin.LLM, null);
            // What a kill in the middle of writes leaves: half files and an unindexed v2.py.
            Files.writeString(s.folder().resolve(".session.json.1a2b.tmp"), "{\"steps\": [");
            Files.writeString(s.folder().resolve(".v2.py.3c4d.tmp"), "pla");
            Files.writeString(s.folder().resolve("v2.py"), "never indexed");
        }
        try (Session s = store.open(name)) {
            assertEquals(1, s.steps().size());
            assertEquals(List.of(), s.verify());
            assertEquals(2, s.codeVersion("play(62)", Origin.MANUAL, 1));
            assertEquals("play(62)", s.code(2));
            try (Stream<Path> files = Files.list(s.folder())) {
                assertEquals(List.of(), files.filter(AtomicFiles::isTemp).toList());
            }
        }
    }

    @Test
    void verifyFindsTamperedAndMissingFiles() throws IOException {
        try (Session s = store().create(null)) {
            s.codeVersion("play(60)", Origin.LLM, null);
            s.codeVersion("play(62)", Origin.LLM, 1);
            s.answer("text", "m", null, null, null, 0, false);
            Files.writeString(s.folder().resolve("v1.py"), "play(61)");
            Files.delete(s.folder().resolve("v2.py"));
            Files.writeString(s.folder().resolve("answer-1.txt"), "longer text");
            List<String> problems = s.verify();
            assertEquals(3, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("SHA-256"));
            assertTrue(problems.get(1).contains("missing"));
            assertTrue(problems.get(2).contains("bytes"));
        }
    }

    @Test
    void aCorruptIndexIsReportedClearly() throws IOException {
        SessionStore store = store();
        String name;
        try (Session s = store.create(null)) {
            name = s.name();
        }
        Files.writeString(store.root().resolve(name).resolve(Session.INDEX), "{ not json");
        IOException e = assertThrows(IOException.class, () -> store.open(name));
        assertTrue(e.getMessage().contains("not a valid session index"), e.getMessage());
        assertEquals(1, store.list().size());
        assertTrue(store.list().get(0).problem().contains("not a valid session index"));
    }

    @Test
    void replayRendersEveryVersionAgainAndRecordsIt() throws IOException {
        try (Session s = store().create(null)) {
            s.codeVersion("play(300)\n", Origin.LLM, null);
            s.render(1, wavBytes(300), 0.25, 8000, -6);
            s.codeVersion("play(500)\nraise\n", Origin.EDIT, 1);
            s.codeVersion("play(700)\r\n", Origin.MANUAL, 2);
            int before = s.steps().size();

            List<ReplayRenderer.Replayed> report = s.replay(new SineRenderer(dir));

            assertEquals(List.of(1, 2, 3), report.stream().map(ReplayRenderer.Replayed::version).toList());
            assertEquals(List.of(true, false, true), report.stream().map(ReplayRenderer.Replayed::ok).toList());
            List<Step> added = s.steps().subList(before, s.steps().size());
            assertTrue(added.get(0) instanceof Step.Note);
            Step.Render again = (Step.Render) added.get(1);
            assertEquals("v1-2.wav", again.file().name());
            Step.Validation failed = (Step.Validation) added.get(2);
            assertEquals(2, failed.line());
            assertEquals("v3.wav", ((Step.Render) added.get(3)).file().name());
            assertEquals(300, SineRenderer.frequencyOf(s.folder().resolve("v1-2.wav")), 8);
            assertEquals(700, SineRenderer.frequencyOf(s.folder().resolve("v3.wav")), 8);
            assertEquals(List.of(), s.verify());
        }
    }

    @Test
    void replayGoesOnWhenTheRendererThrowsOrAFileIsGone() throws IOException {
        try (Session s = store().create(null)) {
            s.codeVersion("play(300)", Origin.LLM, null);
            s.codeVersion("play(400)", Origin.LLM, null);
            s.codeVersion("play(500)", Origin.LLM, null);
            Files.delete(s.folder().resolve("v2.py"));
            SineRenderer sine = new SineRenderer(dir);
            List<ReplayRenderer.Replayed> report = s.replay((version, code) -> {
                if (version == 1) {
                    throw new IllegalStateException("renderer bug");
                }
                return sine.render(version, code);
            });
            assertEquals(List.of(false, false, true), report.stream().map(ReplayRenderer.Replayed::ok).toList());
            assertTrue(report.get(0).error().contains("renderer bug"));
            assertTrue(s.steps().get(report.get(1).step() - 1) instanceof Step.Failure);
        }
    }

    @Test
    void threadsCanShareASession() throws Exception {
        try (Session s = store().create(null)) {
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int id = t;
                threads[t] = new Thread(() -> {
                    try {
                        for (int i = 0; i < 25; i++) {
                            s.codeVersion("# thread " + id + " step " + i, Origin.MANUAL, null);
                        }
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(100, s.latestVersion());
            for (int i = 0; i < 100; i++) {
                assertEquals(i + 1, s.steps().get(i).id());
            }
            assertEquals(List.of(), s.verify());
        }
    }

    /** A recording call made on a session that another writer may hold. */
    private interface Recording {
        int run(Session s) throws IOException;
    }

    /** Every public way of recording a step, each on a session that has a version 1. */
    private static Map<String, Recording> recordings(Path scratch) {
        Map<String, Recording> calls = new LinkedHashMap<>();
        calls.put("prompt", s -> s.prompt("p", PromptMode.NEW, "m", null));
        calls.put("answer", s -> s.answer("a", "m", "stop", 1, 2, 3, false));
        calls.put("code version", s -> s.codeVersion("play(62)", Origin.LLM, 1));
        calls.put("manual edit", s -> s.manualEdit("play(63)"));
        calls.put("validation", s -> s.validation(1, "NameError", 1));
        calls.put("repair", s -> s.repair(1, "NameError"));
        calls.put("render of bytes", s -> s.render(1, wavBytes(330), 0.25, 8000, -6));
        calls.put("render of a file", s -> {
            Path wav = Files.createTempFile(scratch, "render", ".wav");
            Files.write(wav, wavBytes(330));
            return s.render(1, wav, 0.25, 8000, -6);
        });
        calls.put("error", s -> s.error("model", "HTTP 500"));
        calls.put("error about a version", s -> s.error("render", "too loud", 1));
        calls.put("note", s -> s.note("n"));
        return calls;
    }

    @Test
    void everyRecordingCallIsRefusedWhileAnotherWriterHoldsTheSession() throws IOException {
        SessionStore store = store();
        try (Session first = store.create(null)) {
            first.codeVersion("play(60)", Origin.LLM, null);
            for (Map.Entry<String, Recording> call : recordings(dir).entrySet()) {
                // Closed after each call: a session that wrongly took no lock must not hold one for the next.
                try (Session second = store.open(first.name())) {
                    IOException e = assertThrows(IOException.class, () -> call.getValue().run(second),
                            call.getKey() + " went through while another writer held the session");
                    assertTrue(e.getMessage().contains("already being recorded"), call.getKey() + ": " + e.getMessage());
                }
            }
            try (Session reader = store.open(first.name())) {
                assertEquals(1, reader.steps().size(), "refused calls wrote nothing");
            }
        }
    }

    @Test
    void everyRecordingCallReturnsTheIdOfTheStepItRecorded() throws IOException {
        try (Session s = store().create(null)) {
            s.codeVersion("play(60)", Origin.LLM, null);
            for (Map.Entry<String, Recording> call : recordings(dir).entrySet()) {
                int id = call.getValue().run(s);
                List<Step> steps = s.steps();
                Step last = steps.get(steps.size() - 1);
                if (last instanceof Step.Code code) {
                    assertEquals(code.version(), id, call.getKey() + " returns the new version");
                } else {
                    assertEquals(last.id(), id, call.getKey() + " returns its step's id");
                }
            }
        }
    }

    @Test
    void aWriterThatOpenedEarlierBuildsOnWhatAnotherWriterAddedSince() throws IOException {
        SessionStore store = store();
        String name;
        try (Session first = store.create(null)) {
            name = first.name();
        }
        try (Session late = store.open(name)) {
            try (Session other = store.open(name)) {
                other.codeVersion("play(60)", Origin.LLM, null);
                other.codeVersion("play(62)", Origin.LLM, 1);
            }
            // late still shows no code, but a hand edit must derive from the newest version on disk.
            assertEquals(3, late.manualEdit("play(64)"));
            assertEquals(2, late.versions().get(2).parent());
        }
        try (Session late = store.open(name)) {
            try (Session other = store.open(name)) {
                other.codeVersion("play(66)", Origin.LLM, 3);
            }
            List<ReplayRenderer.Replayed> report = late.replay(new SineRenderer(dir));
            assertEquals(List.of(1, 2, 3, 4), report.stream().map(ReplayRenderer.Replayed::version).toList(),
                    "replay renders the versions added since the session was opened");
        }
    }

    @Test
    void aPromptUpToTheInlineLimitStaysInTheIndexAndOneCharacterMoreGoesToAFile() throws IOException {
        try (Session s = store().create(null)) {
            String atLimit = "a".repeat(Session.INLINE_PROMPT_CHARS);
            s.prompt(atLimit, PromptMode.NEW, null, null);
            s.prompt(atLimit + "b", PromptMode.NEW, null, null);
            Step.Prompt inline = (Step.Prompt) s.steps().get(0);
            assertEquals(atLimit, inline.text());
            assertNull(inline.file());
            Step.Prompt filed = (Step.Prompt) s.steps().get(1);
            assertNull(filed.text());
            assertEquals(atLimit + "b", read(s.folder().resolve(filed.file().name())));
        }
    }

    @Test
    void unpairedSurrogatesAtTheEndOrBeforeAPairAreReplacedAndThePairKept() throws IOException {
        try (Session s = store().create(null)) {
            s.note("ends badly \uD83D");
            s.note("\uDC00 then a piano \uD83C\uDFB9");
            assertEquals("ends badly \uFFFD", ((Step.Note) s.steps().get(0)).text());
            assertEquals("\uFFFD then a piano \uD83C\uDFB9", ((Step.Note) s.steps().get(1)).text());
        }
    }

    @Test
    void anAnswerWithoutAPromptPointsToNone() throws IOException {
        try (Session s = store().create(null)) {
            s.answer("unasked", "m", null, null, null, 0, false);
            s.prompt("asked", PromptMode.NEW, "m", null);
            s.answer("asked for", "m", null, null, null, 0, false);
            assertNull(((Step.Answer) s.steps().get(0)).prompt());
            assertEquals(2, ((Step.Answer) s.steps().get(2)).prompt());
        }
    }

    @Test
    void aReopenedSessionKnowsWhenItWasCreatedAndWhatItHolds() throws IOException {
        SessionStore store = store();
        String name;
        try (Session s = store.create("Counts")) {
            name = s.name();
            clock.advance(Duration.ofMinutes(5));
            s.prompt("p", PromptMode.NEW, null, null);
            s.codeVersion("play(60)", Origin.LLM, null);
            s.validation(1, "NameError", 1);
            s.render(1, wavBytes(440), 0.25, 8000, -6);
        }
        try (Session s = store.open(name)) {
            assertEquals(java.time.Instant.parse("2025-03-01T14:05:09Z"), s.created());
            SessionSummary summary = s.summary();
            assertEquals(name, summary.name());
            assertEquals(List.of(1, 1, 1, 1), List.of(summary.prompts(), summary.versions(), summary.renders(),
                    summary.errors()));
        }
    }

    @Test
    void replayRecordsARendererThatGaveNeitherSoundNorReason() throws IOException {
        try (Session s = store().create(null)) {
            s.codeVersion("play(60)", Origin.LLM, null);
            List<ReplayRenderer.Replayed> report = s.replay(
                    (version, code) -> new ReplayRenderer.Result(null, 1, 8000, 0, null, null));
            assertFalse(report.get(0).ok());
            Step.Validation failed = (Step.Validation) s.steps().get(report.get(0).step() - 1);
            assertFalse(failed.ok());
            assertEquals("the renderer gave no WAV file", failed.error());
        }
    }

    @Test
    void aWavFileOnAnotherFileSystemIsCopiedInAndThenRemoved() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no /dev/shm here");
        assumeFalse(Files.getFileStore(shm).equals(Files.getFileStore(dir)), "/dev/shm is on the same file system");
        Path wav = Files.createTempFile(shm, "riffcode-render", ".wav");
        try (Session s = store().create(null)) {
            s.codeVersion("play(440)", Origin.LLM, null);
            Files.write(wav, wavBytes(440));
            s.render(1, wav, 0.25, 8000, -6);
            assertFalse(Files.exists(wav), "the renderer's file is removed once the copy is in place");
            assertEquals(440, SineRenderer.frequencyOf(s.folder().resolve("v1.wav")), 5);
            assertEquals(List.of(), s.verify());
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    static byte[] wavBytes(double hz) {
        return WavWriter.toBytes(new float[][] {SineRenderer.sine(hz, 0.25, 8000)}, 8000, WavFormat.PCM_16);
    }

}
