package dev.riffcode.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.session.RecordingSteps.Call;
import dev.riffcode.session.RecordingSteps.Crash;
import dev.riffcode.session.RecordingSteps.Fault;
import dev.riffcode.session.RecordingSteps.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breaks every step of every kind of session write in turn (write the temporary file, force it,
 * rename it into place, force the folder; first for the step's own file, then for the index) and
 * checks what a reader finds afterwards. Unlike {@link SessionCrashTest}, which kills a real
 * process at random moments, this hits every step on every run. A missing fsync cannot be seen by
 * breaking a step, so the order of the calls is checked too.
 */
class SessionWriteFaultTest {
    private static final String NOW = "2025-03-01T14:05:09Z";

    @TempDir Path dir;
    private int worlds;

    /** Something recorded on a session that already has a little of everything. */
    private interface Recording {
        void run(Session s, Path scratch) throws IOException;
    }

    private record Operation(String name, Recording recording) {
    }

    /** Every kind of write a session makes: index only, text files, and both ways of adding a WAV. */
    private static final List<Operation> OPERATIONS = List.of(
            new Operation("note", (s, scratch) -> s.note("a note")),
            new Operation("long prompt", (s, scratch) -> s.prompt("p".repeat(Session.INLINE_PROMPT_CHARS + 1),
                    PromptMode.EDIT, "m", null)),
            new Operation("answer", (s, scratch) -> s.answer("```python\nplay(62)\n```", "m", "stop", 1, 2, 3, false)),
            new Operation("code version", (s, scratch) -> s.codeVersion("play(62)\n", Origin.MANUAL, 1)),
            new Operation("render from bytes", (s, scratch) -> s.render(1, SessionTest.wavBytes(330), 0.25, 8000, -6)),
            new Operation("render of a WAV file", (s, scratch) -> s.render(1, wavFile(scratch), 0.25, 8000, -6)));

    // ---- a failure at each step ---------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> aWriteBrokenAtAnyStepLeavesTheSessionAsBeforeOrAsAfterIt() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : OPERATIONS) {
            // A run without faults tells which calls the write makes and which files it leaves.
            Path world = newWorld();
            RecordingSteps steps = new RecordingSteps();
            List<Call> calls;
            Map<String, byte[]> after;
            try (Session s = prepared(world, steps)) {
                steps.clear();
                op.recording().run(s, world);
                calls = steps.calls();
                after = visibleFiles(s.folder());
            }
            assertFalse(calls.isEmpty(), op.name() + " made no calls");
            for (int i = 0; i < calls.size(); i++) {
                for (Fault fault : Fault.values()) {
                    int at = i;
                    String name = op.name() + ": " + (fault == Fault.CRASH ? "crash" : "I/O error") + " at step "
                            + (i + 1) + " of " + calls.size() + " (" + calls.get(i) + ")";
                    tests.add(named(name, () -> breakAndCheck(op, at, fault, calls, after)));
                }
            }
        }
        return tests.stream();
    }

    /**
     * Records {@code op} with call {@code at} failing, then checks that the write reported it, that
     * no file is visible half-written, that a fresh reader finds every earlier step intact (plus
     * the new one only if the index had already been renamed into place), and that the session can
     * be written on.
     */
    private void breakAndCheck(Operation op, int at, Fault fault, List<Call> cleanCalls, Map<String, byte[]> after)
            throws IOException {
        Path world = newWorld();
        RecordingSteps steps = new RecordingSteps();
        Session s = prepared(world, steps);
        Path folder = s.folder();
        List<Step> before = s.steps();
        Map<String, byte[]> beforeFiles = visibleFiles(folder);

        steps.failCall(at, fault);
        Throwable thrown = assertThrows(Throwable.class, () -> op.recording().run(s, world));
        assertEquals(cleanCalls.get(at).toString(), String.valueOf(steps.failed()),
                "the fault should hit the same step as in the clean run");
        if (fault == Fault.CRASH) {
            assertInstanceOf(Crash.class, thrown);
        } else {
            IOException e = assertInstanceOf(IOException.class, thrown);
            String saving = savedFile(steps.calls());
            assertTrue(e.getMessage().contains("could not save " + folder.resolve(saving))
                    && e.getMessage().contains(RecordingSteps.INJECTED), "unclear error: " + e.getMessage());
            assertEquals(List.of(), temps(folder), "a write that reports failure removes its temporary file");
        }

        // No file is visible half-written: each is as before the write, or as the clean run left it.
        for (Map.Entry<String, byte[]> file : visibleFiles(folder).entrySet()) {
            String name = file.getKey();
            assertTrue(Arrays.equals(file.getValue(), beforeFiles.get(name))
                    || Arrays.equals(file.getValue(), after.get(name)),
                    name + " (" + file.getValue().length + " bytes) is neither as before nor as after the write");
        }

        // The index changes in one step: once it is renamed into place, the new step counts.
        boolean indexReplaced = steps.calls().subList(0, at).stream().anyMatch(c -> c.isRenameTo(Session.INDEX));
        SessionStore fresh = new SessionStore(world.resolve("sessions"), new TestClock(NOW));
        try (Session reader = fresh.open(s.name())) {
            assertEquals(before, reader.steps().subList(0, before.size()), "earlier steps are intact");
            assertEquals(before.size() + (indexReplaced ? 1 : 0), reader.steps().size(),
                    indexReplaced ? "the index was in place, so the step is recorded" : "the step is not recorded");
            assertEquals(List.of(), reader.verify(), "the files the index names");
        }

        // Writing on works: for the same object after an error, for a new process after a crash.
        if (fault == Fault.CRASH) {
            s.close(); // a killed process's lock goes with it
        }
        try (Session writer = fault == Fault.CRASH ? fresh.open(s.name()) : s) {
            writer.note("written on");
        }
        try (Session reader = fresh.open(s.name())) {
            List<Step> all = reader.steps();
            assertEquals("written on", ((Step.Note) all.get(all.size() - 1)).text());
            assertEquals(List.of(), reader.verify());
            assertEquals(List.of(), temps(folder), "the next write clears temporary files");
        }
    }

    @TestFactory
    Stream<DynamicTest> creatingASessionBrokenAtAnyStepLeavesNoBrokenSession() throws IOException {
        Path cleanWorld = newWorld();
        RecordingSteps clean = new RecordingSteps();
        new SessionStore(cleanWorld.resolve("sessions"), new TestClock(NOW), clean).create("new").close();
        List<Call> calls = clean.calls();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            for (Fault fault : Fault.values()) {
                int at = i;
                String name = (fault == Fault.CRASH ? "crash" : "I/O error") + " at step " + (i + 1) + " of "
                        + calls.size() + " (" + calls.get(i) + ")";
                tests.add(named("create: " + name, () -> {
                    Path root = newWorld().resolve("sessions");
                    RecordingSteps steps = new RecordingSteps();
                    steps.failCall(at, fault);
                    Throwable thrown = assertThrows(Throwable.class,
                            () -> new SessionStore(root, new TestClock(NOW), steps).create("new"));
                    if (fault == Fault.CRASH) {
                        assertInstanceOf(Crash.class, thrown);
                    } else {
                        String message = assertInstanceOf(IOException.class, thrown).getMessage();
                        assertTrue(message.startsWith("could not save ") && message.contains(RecordingSteps.INJECTED),
                                "unclear error: " + message);
                    }
                    assertEquals(calls.get(at).toString(), String.valueOf(steps.failed()));

                    // The folder is renamed into place complete, just before the root is synced. (A
                    // simulated crash still runs create's finally, which removes the staging folder;
                    // a real kill leaves it, hidden, and the store ignores it.)
                    boolean claimed = steps.failed().kind() == Kind.FORCE_FOLDER && steps.failed().path().equals(root);
                    SessionStore fresh = new SessionStore(root, new TestClock(NOW));
                    List<SessionSummary> sessions = fresh.list();
                    assertEquals(claimed ? 1 : 0, sessions.size(), "sessions: " + sessions);
                    for (SessionSummary summary : sessions) {
                        assertNull(summary.problem(), summary.name());
                    }
                    try (Session s = fresh.create("again")) {
                        s.note("written on");
                        assertEquals(List.of(), s.verify());
                    }
                }));
            }
        }
        return tests.stream();
    }

    // ---- the order of the steps ---------------------------------------------------------------

    @Test
    void everyFileIsForcedBeforeItsRenameAndItsFolderRightAfter() throws IOException {
        RecordingSteps steps = new RecordingSteps();
        Path root = everyKindOfWrite(steps);
        List<Call> calls = steps.calls();

        Set<String> renamed = new TreeSet<>();
        for (int i = 0; i < calls.size(); i++) {
            Call rename = calls.get(i);
            if (rename.kind() != Kind.RENAME) {
                continue;
            }
            renamed.add(rename.to().getFileName().toString());
            Path temp = rename.path();
            int made = lastBefore(calls, i, c -> (c.kind() == Kind.WRITE || c.kind() == Kind.MOVE_OR_COPY)
                    && c.path().equals(temp));
            int forced = lastBefore(calls, i, c -> c.kind() == Kind.FORCE && c.path().equals(temp));
            assertTrue(made >= 0, "nothing wrote the file renamed in " + rename);
            assertTrue(forced > made, "step " + (i + 1) + ", " + rename + ", renames a file that was not forced "
                    + "after it was written; calls: " + calls);
            Call next = i + 1 < calls.size() ? calls.get(i + 1) : null;
            assertEquals(new Call(Kind.FORCE_FOLDER, rename.to().getParent(), null), next,
                    "the folder must be forced right after step " + (i + 1) + ", " + rename);
        }
        // Every kind of file went through a rename, not only the index.
        assertEquals(new TreeSet<>(List.of(Session.INDEX, "answer-1.txt", "v1.py", "v1.wav", "prompt-2.txt",
                "answer-2.txt", "v2.py", "v1-2.wav", "v1-3.wav")), renamed);
        // A new session's folder is renamed into the store's root, which must be forced after it.
        assertTrue(calls.contains(new Call(Kind.FORCE_FOLDER, root, null)), "the store's root is never forced");
    }

    @Test
    void theIndexIsOnlyReplacedOnceTheFilesItNamesAreInPlaceAndSynced() throws IOException {
        RecordingSteps steps = new RecordingSteps();
        Set<String> problems = new LinkedHashSet<>(); // each problem once, though every later index repeats it
        Set<String> checked = new TreeSet<>();
        steps.beforeEach(call -> {
            if (!call.isRenameTo(Session.INDEX)) {
                return;
            }
            // The index about to be renamed into place, and the calls made so far.
            SessionJson.Index next = readIndex(call.path());
            List<Call> earlier = steps.calls();
            Path folder = call.to().getParent();
            for (StoredFile f : Session.files(next)) {
                Path file = folder.resolve(f.name());
                checked.add(f.name());
                int renamedAt = lastBefore(earlier, earlier.size(), c -> c.kind() == Kind.RENAME && c.to().equals(file));
                int syncedAt = lastBefore(earlier, earlier.size(),
                        c -> c.kind() == Kind.FORCE_FOLDER && c.path().equals(folder));
                if (!matches(file, f)) {
                    problems.add(f.name() + " is not in place when an index naming it is (" + call + ")");
                } else if (renamedAt < 0 || syncedAt < renamedAt) {
                    problems.add(f.name() + " was not renamed into place and synced before " + call);
                }
            }
        });
        everyKindOfWrite(steps);

        assertEquals(List.of(), List.copyOf(problems));
        assertEquals(new TreeSet<>(List.of("answer-1.txt", "v1.py", "v1.wav", "prompt-2.txt", "answer-2.txt", "v2.py",
                "v1-2.wav", "v1-3.wav")), checked, "files named by the indexes written");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * A dynamic test whose failures start with its name: build reports list dynamic tests by
     * number only.
     */
    private static DynamicTest named(String name, Executable body) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                body.execute();
            } catch (AssertionError | Exception e) {
                throw new AssertionError(name + ": " + e, e);
            }
        });
    }

    /** A fresh folder for one store and its scratch files. */
    private Path newWorld() throws IOException {
        return Files.createDirectories(dir.resolve("world-" + worlds++));
    }

    /** A store on {@code steps} in {@code world}, with one session holding a little of everything. */
    private static Session prepared(Path world, RecordingSteps steps) throws IOException {
        SessionStore store = new SessionStore(world.resolve("sessions"), new TestClock(NOW), steps);
        Session s = store.create("faults");
        s.prompt("a beat", PromptMode.NEW, "m", null);
        s.answer("```python\nplay(60)\n```", "m", "stop", 1, 2, 3, false);
        s.codeVersion("play(60)\n", Origin.LLM, null);
        s.validation(1, null, null);
        s.render(1, SessionTest.wavBytes(440), 0.25, 8000, -6);
        return s;
    }

    /** Records every operation, one after another, on one session; returns the store's root. */
    private Path everyKindOfWrite(RecordingSteps steps) throws IOException {
        Path world = newWorld();
        try (Session s = prepared(world, steps)) {
            for (Operation op : OPERATIONS) {
                op.recording().run(s, world);
            }
            assertEquals(List.of(), s.verify());
        }
        return world.resolve("sessions");
    }

    private static Path wavFile(Path scratch) throws IOException {
        return Files.write(scratch.resolve("render.wav"), SessionTest.wavBytes(330));
    }

    /** The session's files a reader sees, by name: all but hidden ones (temporary files, the lock). */
    private static Map<String, byte[]> visibleFiles(Path folder) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) {
                if (!p.getFileName().toString().startsWith(".")) {
                    out.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static List<Path> temps(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(AtomicFiles::isTemp).toList();
        }
    }

    /** The file the last write call was saving (a folder force belongs to the rename before it). */
    private static String savedFile(List<Call> calls) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).kind() != Kind.FORCE_FOLDER) {
                return calls.get(i).saving();
            }
        }
        throw new AssertionError("no write call in " + calls);
    }

    /** Index of the last call before {@code end} that {@code wanted} accepts; -1 if none. */
    private static int lastBefore(List<Call> calls, int end, Predicate<Call> wanted) {
        for (int i = end - 1; i >= 0; i--) {
            if (wanted.test(calls.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(Path file, StoredFile stored) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == stored.bytes()
                    && AtomicFiles.sha256(file).equals(stored.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SessionJson.Index readIndex(Path file) {
        try {
            return SessionJson.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
