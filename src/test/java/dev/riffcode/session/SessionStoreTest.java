package dev.riffcode.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class SessionStoreTest {
    @TempDir Path dir;
    private final TestClock clock = new TestClock("2025-03-01T14:05:09Z");

    private SessionStore store() {
        return new SessionStore(dir.resolve("sessions"), clock);
    }

    private static String create(SessionStore store, String title) throws IOException {
        try (Session s = store.create(title)) {
            return s.name();
        }
    }

    @Test
    void namesAreUniqueWithinTheSameSecond() throws IOException {
        SessionStore store = store();
        assertEquals("20250301-140509-session", create(store, null));
        assertEquals("20250301-140509-session-2", create(store, null));
        assertEquals("20250301-140509-session-3", create(store, "  "));
        assertEquals("20250301-140509-beat", create(store, "Beat"));
        assertEquals("20250301-140509-beat-2", create(store, "beat!"));
    }

    @Test
    void concurrentCreationsInTheSameSecondGetDistinctCompleteFolders() throws Exception {
        SessionStore store = store(); // the clock stands still: every creation is in the same second
        List<String> names = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Thread[] threads = new Thread[6];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < 5; i++) {
                        names.add(create(store, "race"));
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures, "no creation may fail");
        assertEquals(30, new HashSet<>(names).size());
        assertEquals(30, store.list().size());
        try (Stream<Path> entries = Files.list(store.root())) {
            assertEquals(30, entries.count(), "no staging folders are left behind");
        }
    }

    @Test
    void theDefaultRootIsTheCheckoutsSessionsFolderUnlessConfigured() {
        String saved = System.getProperty("riffcode.sessions");
        try {
            System.clearProperty("riffcode.sessions");
            Path root = SessionStore.defaultRoot();
            assertEquals("sessions", root.getFileName().toString());
            System.setProperty("riffcode.sessions", dir.toString());
            assertEquals(dir, SessionStore.defaultRoot());
        } finally {
            if (saved == null) {
                System.clearProperty("riffcode.sessions");
            } else {
                System.setProperty("riffcode.sessions", saved);
            }
        }
    }

    @Test
    void slugsAreShortAsciiAndNeverEmpty() {
        assertEquals("techno-beat-120-bpm", SessionStore.slug("Techno beat, 120 BPM!"));
        assertEquals("creme-brulee", SessionStore.slug("Crème brûlée"));
        assertEquals("session", SessionStore.slug("日本の音階"));
        assertEquals("session", SessionStore.slug("../.."));
        assertEquals(40, SessionStore.slug("a".repeat(100)).length());
    }

    @Test
    void listIsNewestFirstWithCounts() throws IOException {
        SessionStore store = store();
        create(store, "first");
        clock.advance(Duration.ofMinutes(5));
        try (Session s = store.create("second")) {
            s.prompt("p", PromptMode.NEW, "m", null);
            s.codeVersion("play(60)", Origin.LLM, null);
            s.validation(1, "boom", 1);
            s.codeVersion("play(61)", Origin.REPAIR, 1);
            s.render(2, SessionTest.wavBytes(440), 0.25, 8000, -6);
            clock.advance(Duration.ofMinutes(1));
            s.note("done");
        }
        clock.advance(Duration.ofMinutes(5));
        create(store, "third");
        // Same second as "third": the name breaks the tie, the later one first.
        create(store, "third");
        // Not sessions: a file, a hidden folder, a folder without an index.
        Files.writeString(store.root().resolve("README.md"), "hello");
        Files.createDirectories(store.root().resolve(".new-123"));
        Files.createDirectories(store.root().resolve("my-notes"));

        List<SessionSummary> list = store.list();
        assertEquals(List.of("20250301-141609-third-2", "20250301-141609-third", "20250301-141009-second",
                "20250301-140509-first"), list.stream().map(SessionSummary::name).toList());
        SessionSummary second = list.get(2);
        assertEquals("second", second.title());
        assertEquals(1, second.prompts());
        assertEquals(2, second.versions());
        assertEquals(1, second.renders());
        assertEquals(1, second.errors());
        assertEquals(clock.instant().minus(Duration.ofMinutes(5)), second.lastActivity());
        assertEquals(list.get(3).created(), list.get(3).lastActivity());
    }

    @Test
    void listOfAMissingFolderIsEmpty() throws IOException {
        assertEquals(List.of(), new SessionStore(dir.resolve("nowhere")).list());
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    @Test
    void openTakesAnExactNameAUniquePrefixOrAUniquePart() throws IOException {
        SessionStore store = store();
        create(store, "drum loop");
        clock.advance(Duration.ofDays(1));
        create(store, "bass line");
        create(store, "bass drop");
        try (Session s = store.open("20250301-140509-drum-loop")) {
            assertEquals("drum loop", s.title());
        }
        try (Session s = store.open("20250301")) {
            assertEquals("drum loop", s.title());
        }
        try (Session s = store.open("LINE")) {
            assertEquals("bass line", s.title());
        }
    }

    @Test
    void ambiguousAndMissingNamesSayWhatThereIs() throws IOException {
        SessionStore store = store();
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> store.open("x"));
        assertTrue(none.getMessage().contains("there are no sessions"), none.getMessage());

        create(store, "bass line");
        create(store, "bass drop");
        IllegalArgumentException ambiguous = assertThrows(IllegalArgumentException.class, () -> store.open("bass"));
        assertEquals("'bass' matches 2 sessions: 20250301-140509-bass-line, 20250301-140509-bass-drop; "
                + "give more of the name", ambiguous.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> store.open("piano"));
        assertTrue(missing.getMessage().startsWith("no session matches 'piano'; the newest are: "),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("20250301-140509-bass-drop"));
        assertThrows(IllegalArgumentException.class, () -> store.open("../sessions"));
    }

    @Test
    void exportIsAZipWithAReadmeThatTellsTheStory() throws IOException {
        SessionStore store = store();
        String name;
        try (Session s = store.create("Hand-in")) {
            name = s.name();
            s.prompt("a slow piano piece in C minor", PromptMode.NEW, "gpt-4o-mini", "https://api.openai.com/v1");
            s.answer("here you go", "gpt-4o-mini", "stop", 50, 20, 1500, false);
            s.codeVersion("play(60)\nsleep(y)\n", Origin.LLM, null);
            s.validation(1, "NameError: name 'y' is not defined", 2);
            s.repair(1, "NameError at line 2");
            s.prompt("fix the error: NameError", PromptMode.EDIT, "gpt-4o-mini", null);
            s.codeVersion("play(60)\nsleep(1)\n# ```fence``` inside\n", Origin.REPAIR, 1);
            s.validation(2, null, null);
            s.render(2, SessionTest.wavBytes(440), 0.25, 8000, -6.02);
            s.manualEdit("play(63)\nsleep(1)\n");
            s.error("model", "HTTP 429 Too Many Requests");
            s.note("my favourite is v2");
            // Junk that must stay out of the zip.
            Files.writeString(s.folder().resolve(".v9.py.77.tmp"), "junk");
        }
        Path zip = dir.resolve("out/hand-in.zip");
        store.export("hand", zip);

        Map<String, byte[]> entries = unzip(zip);
        assertEquals(List.of("README.md", "answer-1.txt", "session.json", "v1.py", "v2.py", "v2.wav", "v3.py"),
                entries.keySet().stream().map(n -> n.substring(name.length() + 1)).sorted().toList());
        assertTrue(entries.keySet().stream().allMatch(n -> n.startsWith(name + "/")));
        assertEquals("play(60)\nsleep(y)\n", new String(entries.get(name + "/v1.py"), StandardCharsets.UTF_8));
        assertTrue(WavReader.read(entries.get(name + "/v2.wav")).frames() > 0);

        String readme = new String(entries.get(name + "/README.md"), StandardCharsets.UTF_8);
        // Every prompt, every version (with its code) and the errors, in the order they happened.
        int[] at = {
            readme.indexOf("a slow piano piece in C minor"),
            readme.indexOf("answer-1.txt"),
            readme.indexOf("Code version v1"),
            readme.indexOf("sleep(y)"),
            readme.indexOf("NameError: name 'y' is not defined"),
            readme.indexOf("Repair of v1"),
            readme.indexOf("fix the error: NameError"),
            readme.indexOf("Code version v2"),
            readme.indexOf("Check of v2: ok"),
            readme.indexOf("[v2.wav](v2.wav)"),
            readme.indexOf("Code version v3 (edited by hand)"),
            readme.indexOf("play(63)"),
            readme.indexOf("HTTP 429 Too Many Requests"),
            readme.indexOf("my favourite is v2")};
        for (int i = 0; i < at.length; i++) {
            assertTrue(at[i] >= 0 && (i == 0 || at[i] > at[i - 1]), "story item " + i + " missing or out of order:\n"
                    + readme);
        }
        assertTrue(readme.startsWith("# Riffcode session: Hand-in\n"));
        assertTrue(readme.contains("- 2 prompts, 3 code versions, 1 render, 2 errors"), readme);
        // The code containing ``` is fenced with a longer fence, so the story's layout survives.
        assertTrue(readme.contains("````python\nplay(60)\nsleep(1)\n# ```fence``` inside\n````\n"), readme);
    }

    @Test
    void stagingFoldersOfACreationKilledLongAgoAreRemovedButFreshOnesKept() throws IOException {
        SessionStore store = store();
        Path root = Files.createDirectories(store.root());
        Path killed = Files.createDirectory(root.resolve(".new-0ld"));
        Files.writeString(killed.resolve(Session.INDEX), "{}");
        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        // A creation in another process may be using this one right now.
        Path busy = Files.createDirectory(root.resolve(".new-b5y"));

        create(store, "after a crash");

        assertFalse(Files.exists(killed), "an hour-old staging folder is junk");
        assertTrue(Files.isDirectory(busy), "a fresh staging folder may belong to a creation under way");
    }

    @Test
    void replayByNameRendersEveryVersionOfThatSession() throws IOException {
        SessionStore store = store();
        String name;
        try (Session s = store.create("replay me")) {
            name = s.name();
            s.codeVersion("play(300)\n", Origin.LLM, null);
            s.codeVersion("play(500)\n", Origin.EDIT, 1);
        }
        List<ReplayRenderer.Replayed> report = store.replay("replay", new SineRenderer(dir));
        assertEquals(List.of(true, true), report.stream().map(ReplayRenderer.Replayed::ok).toList());
        try (Session s = store.open(name)) {
            assertEquals(500, SineRenderer.frequencyOf(s.folder().resolve("v2.wav")), 8);
        }
    }

    @Test
    void aUniqueBeginningWinsOverNamesThatOnlyContainIt() throws IOException {
        SessionStore store = store();
        String drums = create(store, "drums");
        clock.advance(Duration.ofDays(1));
        create(store, "remix of 20250301"); // its slug holds the first session's date
        try (Session s = store.open("20250301")) {
            assertEquals(drums, s.name());
        }
    }

    public static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
