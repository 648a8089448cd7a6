package dev.riffcode.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.session.Origin;
import dev.riffcode.session.PromptMode;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.SessionSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTableModelTest {
    @TempDir Path dir;
    private List<SessionSummary> listed;

    /** Three sessions made a day apart, oldest first, and one with a broken index. */
    @BeforeEach
    void sessions() throws Exception {
        try (Session s = StorySession.record(at("2025-03-01T10:00:00Z"))) {
            s.error("model", "HTTP 429", null);
        }
        try (Session s = at("2025-03-02T10:00:00Z").create("Bass line für Jörg")) {
            s.prompt("a walking bass", PromptMode.NEW, null, null);
            s.codeVersion("play(40)\n", Origin.OFFLINE, null);
        }
        try (Session s = at("2025-03-03T10:00:00Z").create(null)) {
            s.note("nothing yet");
        }
        Path broken = dir.resolve("20250304-100000-broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve(Session.INDEX), "{ not json");
        listed = new SessionStore(dir).list();
    }

    private SessionStore at(String instant) {
        return new SessionStore(dir, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void rowsShowEachSessionsCounts() {
        SessionTableModel model = new SessionTableModel(listed);
        assertEquals(4, model.getRowCount());
        assertEquals(6, model.getColumnCount());

        int techno = rowOf(model, "20250301-100000-techno");
        assertEquals("techno", model.getValueAt(techno, SessionTableModel.NAME));
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), model.getValueAt(techno, SessionTableModel.CREATED));
        assertEquals(1, model.getValueAt(techno, SessionTableModel.PROMPTS));
        assertEquals(3, model.getValueAt(techno, SessionTableModel.VERSIONS));
        assertEquals(2, model.getValueAt(techno, SessionTableModel.ERRORS), "the failed check and the 429");
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), model.getValueAt(techno, SessionTableModel.LAST_ACTIVITY));

        int untitled = rowOf(model, "20250303-100000-session");
        assertEquals("20250303-100000-session", model.getValueAt(untitled, SessionTableModel.NAME),
                "without a title the folder name is shown");

        int broken = rowOf(model, "20250304-100000-broken");
        assertNotNull(model.sessionAt(broken).problem());
        assertEquals("20250304-100000-broken (cannot be read)", model.getValueAt(broken, SessionTableModel.NAME));
        assertNull(model.getValueAt(broken, SessionTableModel.CREATED));
    }

    @Test
    void newestFirstWhateverTheOrderGivenAndUnreadableLast() {
        List<SessionSummary> shuffled = new ArrayList<>(listed);
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 1, 2);
        assertEquals(List.of("20250303-100000-session", "20250302-100000-bass-line-fur-jorg", "20250301-100000-techno",
                "20250304-100000-broken"), names(new SessionTableModel(shuffled)));
    }

    @Test
    void theFilterKeepsSessionsWithEveryWordInTitleOrFolder() {
        SessionTableModel model = new SessionTableModel(listed);
        AtomicInteger events = new AtomicInteger();
        model.addTableModelListener(e -> events.incrementAndGet());

        model.setFilter("TECHNO");
        assertEquals(List.of("20250301-100000-techno"), names(model));
        model.setFilter("  line   bass ");
        assertEquals(List.of("20250302-100000-bass-line-fur-jorg"), names(model), "words in any order, title or folder");
        assertEquals("line   bass", model.filter());
        model.setFilter("JÖRG");
        assertEquals(List.of("20250302-100000-bass-line-fur-jorg"), names(model), "a title word the folder lacks");
        model.setFilter("bass techno");
        assertEquals(List.of(), names(model), "every word must match");
        model.setFilter("2025030");
        assertEquals(4, model.getRowCount(), "the date in the folder name matches");
        model.setFilter("20250302");
        assertEquals(List.of("20250302-100000-bass-line-fur-jorg"), names(model));
        assertTrue(events.get() >= 5, "the table hears of every change");

        model.setSessions(listed);
        assertEquals(List.of("20250302-100000-bass-line-fur-jorg"), names(model), "new sessions keep the filter");
        model.setFilter(" ");
        assertEquals(4, model.getRowCount());
    }

    private static List<String> names(SessionTableModel model) {
        List<String> out = new ArrayList<>();
        for (int row = 0; row < model.getRowCount(); row++) {
            out.add(model.sessionAt(row).name());
        }
        return out;
    }

    private static int rowOf(SessionTableModel model, String name) {
        int row = names(model).indexOf(name);
        assertTrue(row >= 0, name + " is listed");
        return row;
    }
}
