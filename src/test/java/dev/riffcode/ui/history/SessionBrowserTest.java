package dev.riffcode.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real modal dialog; it needs a display (Xvfb will do), so it is skipped headless. */
class SessionBrowserTest {
    @TempDir Path dir;
    private SessionStore store;

    @BeforeEach
    void sessions() throws Exception {
        Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "the dialog needs a display");
        store = new SessionStore(dir, Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC));
        try (Session s = store.create("techno")) {
            s.note("one");
        }
        try (Session s = store.create("bass line")) {
            s.note("two");
        }
    }

    @Test
    void typingAFilterAndOpeningReturnsThatSessionsFolder() throws Exception {
        assertEquals(Optional.of("20250301-100000-bass-line"), choose(dialog -> {
            ((JTextField) find(dialog, "filter")).setText("bass");
            ((AbstractButton) find(dialog, "open")).doClick();
        }));
    }

    @Test
    void cancelReturnsNothing() throws Exception {
        assertEquals(Optional.empty(), choose(dialog -> ((AbstractButton) find(dialog, "cancel")).doClick()));
    }

    /** Opens the browser and, once it shows, lets {@code user} act on it. */
    private Optional<String> choose(Consumer<JDialog> user) throws Exception {
        AtomicReference<Optional<String>> result = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            Timer poll = new Timer(50, null);
            poll.addActionListener(e -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof JDialog d && d.isShowing() && "Open session".equals(d.getTitle())) {
                        poll.stop();
                        user.accept(d);
                    }
                }
            });
            poll.start();
            result.set(SessionBrowser.choose(null, store)); // modal: the timer runs inside it
            poll.stop();
        });
        return result.get();
    }

    private static Component find(Component root, String name) {
        if (name.equals(root.getName())) {
            return root;
        }
        if (root instanceof Container c) {
            for (Component child : c.getComponents()) {
                Component found = find(child, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
