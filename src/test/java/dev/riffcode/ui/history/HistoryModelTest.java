package dev.riffcode.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.riffcode.session.Origin;
import dev.riffcode.session.PromptMode;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryModelTest {
    @TempDir Path dir;

    @Test
    void aClipFromADiffusionBackendShowsAsANote() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            session.clip("choir swell", "riffusion", "http://127.0.0.1:3013", null, 0, 0, Double.NEGATIVE_INFINITY,
                    false, java.util.Map.of("segment-1.json", new byte[] {'{', '}'}));
            List<HistoryEntry> e = HistoryModel.of(session).entries();
            HistoryEntry.Note note = (HistoryEntry.Note) e.get(e.size() - 1);
            assertEquals("clip:choir-swell from riffusion, no audio arrived (incomplete)", note.text());
        }
    }

    @Test
    void entriesFollowTheStepsWithTheirData() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            session.error("model", "HTTP 429: slow down", null);
            session.note("tried a faster tempo");
            HistoryModel model = HistoryModel.of(session);
            List<HistoryEntry> e = model.entries();

            List<Class<?>> kinds = e.stream().<Class<?>>map(Object::getClass).toList();
            assertEquals(List.of(HistoryEntry.Prompt.class, HistoryEntry.Answer.class, HistoryEntry.Version.class,
                    HistoryEntry.Check.class, HistoryEntry.Repair.class, HistoryEntry.Version.class,
                    HistoryEntry.Check.class, HistoryEntry.Render.class, HistoryEntry.Version.class,
                    HistoryEntry.Failure.class, HistoryEntry.Note.class), kinds);
            for (int i = 0; i < e.size(); i++) {
                assertEquals(i + 1, e.get(i).step(), "entry " + i + " is step " + (i + 1));
            }

            HistoryEntry.Prompt prompt = (HistoryEntry.Prompt) e.get(0);
            assertEquals(StorySession.PROMPT, prompt.text());
            assertEquals(PromptMode.NEW, prompt.mode());
            assertEquals(StorySession.MODEL, prompt.model());

            HistoryEntry.Answer answer = (HistoryEntry.Answer) e.get(1);
            assertEquals(1500, answer.durationMs());
            assertFalse(answer.partial());

            HistoryEntry.Version v1 = (HistoryEntry.Version) e.get(2);
            assertEquals(1, v1.version());
            assertEquals(Origin.LLM, v1.origin());
            assertEquals("written by the model", v1.originText());
            assertNull(v1.parent());
            assertEquals(0, v1.base());
            assertEquals(StorySession.V1, v1.code());
            assertEquals(StorySession.PROMPT, v1.prompt());
            assertFalse(v1.check().ok());
            assertEquals(3, v1.check().line());
            assertEquals(StorySession.ERROR, v1.check().error());

            HistoryEntry.Check failed = (HistoryEntry.Check) e.get(3);
            assertEquals(1, failed.version());
            assertFalse(failed.ok());
            assertEquals(3, failed.line());
            assertEquals(StorySession.ERROR, failed.error());

            HistoryEntry.Repair repair = (HistoryEntry.Repair) e.get(4);
            assertEquals(1, repair.version());
            assertEquals(StorySession.ERROR, repair.reason());

            HistoryEntry.Version v2 = (HistoryEntry.Version) e.get(5);
            assertEquals(Origin.REPAIR, v2.origin());
            assertEquals(1, v2.parent());
            assertEquals(1, v2.base());
            assertEquals(StorySession.V2, v2.code());
            assertEquals(StorySession.PROMPT, v2.prompt(), "a repair comes from the same prompt");
            assertTrue(v2.check().ok());
            assertNull(v2.check().line());

            assertTrue(((HistoryEntry.Check) e.get(6)).ok());

            HistoryEntry.Render render = (HistoryEntry.Render) e.get(7);
            assertEquals(2, render.version());
            assertEquals("v2.wav", render.file());
            assertEquals(8.0, render.seconds());
            assertEquals(-3.5, render.peakDbfs());

            HistoryEntry.Version v3 = (HistoryEntry.Version) e.get(8);
            assertEquals(Origin.MANUAL, v3.origin());
            assertEquals(2, v3.parent());
            assertNull(v3.check(), "v3 was never checked");
            assertNull(v3.prompt(), "no prompt led to an edit by hand");

            HistoryEntry.Failure failure = (HistoryEntry.Failure) e.get(9);
            assertEquals("model", failure.category());
            assertEquals("HTTP 429: slow down", failure.message());
            assertNull(failure.version());
            assertEquals("tried a faster tempo", ((HistoryEntry.Note) e.get(10)).text());

            assertEquals(List.of(v1, v2, v3), model.versions());
            assertEquals(3, model.latestVersion());
            assertSame(v2, model.version(2).orElseThrow());
            assertTrue(model.version(4).isEmpty());
        }
    }

    @Test
    void theDiffOfARepairHoldsExactlyTheChangedLines() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            VersionDiff diff = HistoryModel.of(session).version(2).orElseThrow().diff();

            // What changed, worked out from the two texts rather than from an earlier run.
            List<String> v1 = StorySession.V1.lines().toList();
            List<String> v2 = StorySession.V2.lines().toList();
            assertEquals(List.of(v1.get(2)), diff.removed());
            assertEquals(List.of(v2.get(2), v2.get(3)), diff.added());

            VersionDiff.Line removed = only(diff, VersionDiff.Kind.REMOVED).get(0);
            assertEquals(3, removed.oldLine());
            assertEquals(0, removed.newLine());
            List<VersionDiff.Line> added = only(diff, VersionDiff.Kind.ADDED);
            assertEquals(List.of(3, 4), added.stream().map(VersionDiff.Line::newLine).toList());
            for (VersionDiff.Line context : only(diff, VersionDiff.Kind.CONTEXT)) {
                assertEquals(v1.get(context.oldLine() - 1), context.text());
                assertEquals(v2.get(context.newLine() - 1), context.text());
            }

            // The text form is a real unified diff: applied to v1 it gives v2.
            assertTrue(diff.unified().startsWith("--- v1.py\n+++ v2.py\n@@ "), diff.unified());
            assertEquals(v2, DiffUtils.patch(v1, UnifiedDiffUtils.parseUnifiedDiff(diff.unified().lines().toList())));
        }
    }

    @Test
    void firstVersionIsAllAddedAndAnEditByHandDiffsAgainstItsParent() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            HistoryModel model = HistoryModel.of(session);
            VersionDiff first = model.version(1).orElseThrow().diff();
            assertEquals(StorySession.V1.lines().toList(), first.added());
            assertEquals(List.of(), first.removed());

            VersionDiff edit = model.version(3).orElseThrow().diff();
            assertEquals(List.of("tempo(124)"), edit.removed());
            assertEquals(List.of("tempo(128)"), edit.added());
        }
    }

    @Test
    void aVersionWithoutParentIsComparedWithThePreviousOne() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            String v4 = StorySession.V3.replace("42", "44");
            session.codeVersion(v4, Origin.LIVE, null);
            HistoryEntry.Version live = HistoryModel.of(session).version(4).orElseThrow();
            assertEquals(3, live.base());
            assertNull(live.prompt(), "a live save was not asked for");
            assertEquals(List.of("    play(\"hat\", 42)"), live.diff().removed());
            assertEquals(List.of("    play(\"hat\", 44)"), live.diff().added());
        }
    }

    @Test
    void aVersionDerivedFromAnOlderOneIsComparedWithThatOne() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            // An edit of v1, made after v3: its diff must not mix in v2's and v3's changes.
            String edit = StorySession.V1.replace("tempo(124)", "tempo(90)");
            int n = session.codeVersion(edit, Origin.EDIT, 1);
            HistoryEntry.Version v = HistoryModel.of(session).version(n).orElseThrow();
            assertEquals(1, v.base());
            assertEquals(List.of("tempo(124)"), v.diff().removed());
            assertEquals(List.of("tempo(90)"), v.diff().added());
            assertTrue(v.diff().unified().startsWith("--- v1.py\n+++ v4.py\n"), v.diff().unified());
        }
    }

    @Test
    void aVersionsStatusIsItsLastCheck() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            session.validation(2, "ZeroDivisionError: division by zero", 4); // a later run of v2 failed
            HistoryEntry.Check check = HistoryModel.of(session).version(2).orElseThrow().check();
            assertFalse(check.ok());
            assertEquals(4, check.line());
        }
    }

    @Test
    void aMissingCodeFileIsReportedAndTheRestIsStillShown() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            Files.delete(session.folder().resolve("v1.py"));
            HistoryModel model = HistoryModel.of(session);
            HistoryEntry.Version v1 = model.version(1).orElseThrow();
            assertNull(v1.code());
            assertNull(v1.diff());
            assertTrue(v1.problem().startsWith("v1.py cannot be read"), v1.problem());
            HistoryEntry.Version v2 = model.version(2).orElseThrow();
            assertEquals(StorySession.V2, v2.code(), "v2 can still be played and restored");
            assertNull(v2.diff());
            assertTrue(v2.problem().contains("v1.py"), v2.problem());
            assertNotNull(model.version(3).orElseThrow().diff());
            assertEquals(9, model.entries().size());
        }
    }

    @Test
    void aLongPromptIsReadFromItsFile() throws Exception {
        try (Session session = StorySession.store(dir).create("long")) {
            String text = "slow ambient pads ".repeat(400);
            session.prompt(text, PromptMode.EDIT, null, null);
            HistoryEntry.Prompt prompt = (HistoryEntry.Prompt) HistoryModel.of(session).entries().get(0);
            assertEquals(text, prompt.text());
            assertEquals(PromptMode.EDIT, prompt.mode());
        }
    }

    @Test
    void rebuildingReusesTheDiffsOfUnchangedFiles() throws Exception {
        SessionStore store = StorySession.store(dir);
        try (Session session = StorySession.record(store)) {
            HistoryModel before = HistoryModel.of(session);
            session.validation(3, null, null);
            HistoryModel after = HistoryModel.of(session, before);
            assertSame(before.version(2).orElseThrow().diff(), after.version(2).orElseThrow().diff());
            assertTrue(after.version(3).orElseThrow().check().ok(), "the new check is on v3");
            assertNotSame(before.version(3).orElseThrow(), after.version(3).orElseThrow());
        }
    }

    @Test
    void aRemovedLineThatLooksLikeAHeaderStaysALine() {
        VersionDiff diff = VersionDiff.between("a", "x = 1\n-- not a header\ny = 2\n", "b", "x = 1\ny = 2\n");
        assertEquals(List.of("-- not a header"), diff.removed());
        assertEquals(List.of(), diff.added());
        assertEquals(VersionDiff.Kind.HUNK, diff.lines().get(0).kind());
    }

    @Test
    void lineEndingsAloneAreNoChange() {
        VersionDiff diff = VersionDiff.between("a", "x = 1\r\ny = 2\r\n", "b", "x = 1\ny = 2");
        assertTrue(diff.isEmpty());
        assertEquals("", diff.unified());
    }

    private static List<VersionDiff.Line> only(VersionDiff diff, VersionDiff.Kind kind) {
        List<VersionDiff.Line> lines = diff.lines().stream().filter(l -> l.kind() == kind).toList();
        assertFalse(lines.isEmpty(), "the diff has " + kind + " lines");
        return lines;
    }
}
