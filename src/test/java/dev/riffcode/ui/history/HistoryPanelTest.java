package dev.riffcode.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.session.Session;
import java.awt.Component;
import java.awt.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JButton;
import javax.swing.JList;
import javax.swing.ListModel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panel's lightweight components only: no window is opened, so this runs headless. */
class HistoryPanelTest {
    @TempDir Path dir;

    /** What the listener heard, as "play 2" plus the code. */
    private record Call(String what, int version, String code) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final HistoryPanel.Listener listener = new HistoryPanel.Listener() {
        @Override
        public void play(int version, String code) {
            calls.add(new Call("play", version, code));
        }

        @Override
        public void restore(int version, String code) {
            calls.add(new Call("restore", version, code));
        }
    };

    @Test
    void buttonsReportTheirVersionAndItsCode() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            HistoryPanel panel = onEdt(() -> new HistoryPanel(listener));
            onEdt(() -> {
                panel.show(session);
                button(panel, "play-v2").doClick();
                button(panel, "restore-v1").doClick();
                button(panel, "play-v3").doClick();
                return null;
            });
            assertEquals(List.of(new Call("play", 2, StorySession.V2), new Call("restore", 1, StorySession.V1),
                    new Call("play", 3, StorySession.V3)), calls);
        }
    }

    @Test
    void theSelectedVersionsDiffIsShown() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            HistoryPanel panel = onEdt(() -> new HistoryPanel(listener));
            onEdt(() -> {
                panel.show(session);
                return null;
            });
            assertEquals(3, (int) onEdt(panel::selectedVersion), "the newest version is selected first");
            assertEquals(panel.model().version(3).orElseThrow().diff().lines(), onEdt(() -> shownDiff(panel)));

            onEdt(() -> {
                panel.select(2);
                return null;
            });
            List<VersionDiff.Line> shown = onEdt(() -> shownDiff(panel));
            assertEquals(panel.model().version(2).orElseThrow().diff().lines(), shown);
            assertTrue(shown.stream().anyMatch(l -> l.kind() == VersionDiff.Kind.REMOVED
                    && l.text().equals("    play(kik, 36)")), "v2's diff shows the fixed line");
        }
    }

    @Test
    void refreshKeepsTheSelectionAndAddsNewVersions() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            HistoryPanel panel = onEdt(() -> new HistoryPanel(listener));
            onEdt(() -> {
                panel.show(session);
                panel.select(1);
                return null;
            });
            String v4 = StorySession.V3.replace("tempo(128)", "tempo(132)");
            session.manualEdit(v4); // the session grows while the panel shows it
            onEdt(() -> {
                panel.refresh();
                return null;
            });
            assertEquals(1, (int) onEdt(panel::selectedVersion));
            assertEquals(panel.model().version(1).orElseThrow().diff().lines(), onEdt(() -> shownDiff(panel)));
            onEdt(() -> {
                button(panel, "restore-v4").doClick();
                return null;
            });
            assertEquals(List.of(new Call("restore", 4, v4)), calls);
        }
    }

    @Test
    void aVersionWhoseFileIsGoneCannotBePlayed() throws Exception {
        try (Session session = StorySession.record(StorySession.store(dir))) {
            Files.delete(session.folder().resolve("v1.py"));
            HistoryPanel panel = onEdt(() -> new HistoryPanel(listener));
            onEdt(() -> {
                panel.show(session);
                return null;
            });
            assertFalse(onEdt(() -> button(panel, "play-v1").isEnabled()));
            assertFalse(onEdt(() -> button(panel, "restore-v1").isEnabled()));
            assertTrue(onEdt(() -> button(panel, "play-v2").isEnabled()));
        }
    }

    @Test
    void withoutASessionThereIsNothingToPress() throws Exception {
        HistoryPanel panel = onEdt(() -> new HistoryPanel(listener));
        assertEquals(0, (int) onEdt(panel::selectedVersion));
        assertEquals(List.of(), onEdt(() -> shownDiff(panel)));
        onEdt(() -> {
            panel.select(1); // ignored
            return null;
        });
        assertEquals(0, (int) onEdt(panel::selectedVersion));
    }

    @SuppressWarnings("unchecked")
    private static List<VersionDiff.Line> shownDiff(HistoryPanel panel) {
        ListModel<VersionDiff.Line> lines = ((JList<VersionDiff.Line>) find(panel, "diff")).getModel();
        List<VersionDiff.Line> out = new ArrayList<>();
        for (int i = 0; i < lines.getSize(); i++) {
            out.add(lines.getElementAt(i));
        }
        return out;
    }

    private static JButton button(Container root, String name) {
        return (JButton) find(root, name);
    }

    private static Component find(Component root, String name) {
        Component found = search(root, name);
        assertNotNull(found, "no component named " + name);
        return found;
    }

    private static Component search(Component root, String name) {
        if (name.equals(root.getName())) {
            return root;
        }
        if (root instanceof Container c) {
            for (Component child : c.getComponents()) {
                Component found = search(child, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static <T> T onEdt(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
