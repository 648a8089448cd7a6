package dev.riffcode.ui.history;

import dev.riffcode.session.PromptMode;
import dev.riffcode.session.Session;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Insets;
import java.awt.Rectangle;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.swing.AbstractAction;
import javax.swing.AbstractButton;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollBar;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.Scrollable;
import javax.swing.SwingConstants;
import javax.swing.UIManager;

/**
 * A session's story on screen: every prompt, version, check, repair, render and error in order,
 * with the selected version's diff against its parent below it. Each version has a Play button
 * (hear it against the current version) and a Restore button (put it back in the editor); both
 * go to the {@link Listener}, which the editor wires to live playback and its undoable text.
 *
 * <p>Use it on the event dispatch thread only. Components have names so tests and accessibility
 * tools can find them: {@code play-vN}, {@code restore-vN}, {@code row-vN}, {@code diff}.
 */
public final class HistoryPanel extends JPanel {

    /** What the panel asks the editor to do. */
    public interface Listener {
        /** Play {@code version} (whose text is {@code code}) to compare it with the current version. */
        void play(int version, String code);

        /** Put {@code version}'s {@code code} back in the editor, as an edit the user can undo. */
        void restore(int version, String code);
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final int PROMPT_CHARS = 160;

    private final Listener listener;
    private final Rows rows = new Rows();
    private final JScrollPane rowsScroll = new JScrollPane(rows);
    private final JLabel diffTitle = new JLabel(" ");
    private final DefaultListModel<VersionDiff.Line> diffLines = new DefaultListModel<>();
    private final JList<VersionDiff.Line> diffList = new JList<>(diffLines);
    private final Map<Integer, JPanel> versionRows = new HashMap<>();

    private Session session;
    private HistoryModel model;
    private int selected;

    /** An empty panel; {@link #show(Session)} fills it. */
    public HistoryPanel(Listener listener) {
        super(new BorderLayout());
        this.listener = Objects.requireNonNull(listener, "listener");
        setName("history");

        rows.setLayout(new BoxLayout(rows, BoxLayout.Y_AXIS));
        rows.setName("history-rows");
        rows.setFocusable(true);
        rowsScroll.getVerticalScrollBar().setUnitIncrement(16);
        bindKeys();

        diffList.setName("diff");
        diffList.setCellRenderer(new DiffRenderer());
        diffList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        diffList.getAccessibleContext().setAccessibleName("Diff of the selected version");
        diffTitle.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
        JPanel diffPane = new JPanel(new BorderLayout());
        diffPane.add(diffTitle, BorderLayout.NORTH);
        diffPane.add(new JScrollPane(diffList), BorderLayout.CENTER);

        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, rowsScroll, diffPane);
        split.setResizeWeight(0.55);
        split.setBorder(null);
        add(split, BorderLayout.CENTER);
        rebuild();
    }

    /** Shows {@code session} (null for none), with its newest version selected. */
    public void show(Session session) {
        this.session = session;
        this.model = null;
        this.selected = 0;
        refresh();
    }

    /**
     * Reads the session's steps again, after it has grown. The selected version stays selected,
     * and a list scrolled to its end stays at its end so new steps come into view.
     */
    public void refresh() {
        JScrollBar bar = rowsScroll.getVerticalScrollBar();
        boolean atEnd = bar.getValue() + bar.getVisibleAmount() >= bar.getMaximum();
        model = session == null ? null : HistoryModel.of(session, model);
        if (model == null || model.version(selected).isEmpty()) {
            selected = model == null ? 0 : model.latestVersion();
        }
        rebuild();
        if (atEnd) {
            rows.validate();
            rows.scrollRectToVisible(new Rectangle(0, rows.getHeight() - 1, 1, 1));
        }
    }

    /** Selects {@code version} and shows its diff; ignored if the session has no such version. */
    public void select(int version) {
        JPanel row = versionRows.get(version);
        if (row == null || version == selected) {
            return;
        }
        if (versionRows.containsKey(selected)) {
            markSelected(versionRows.get(selected), false);
        }
        selected = version;
        markSelected(row, true);
        showDiff();
        rows.validate();
        row.scrollRectToVisible(new Rectangle(0, 0, row.getWidth(), row.getHeight()));
    }

    /** The selected version, 0 if there is none. */
    public int selectedVersion() {
        return selected;
    }

    /** The history shown, or null if no session is. */
    public HistoryModel model() {
        return model;
    }

    // ---- building the view --------------------------------------------------------------------

    /** Rebuilds the rows and the diff from {@link #model}; cheap next to reading the files. */
    private void rebuild() {
        rows.removeAll();
        versionRows.clear();
        if (model == null || model.entries().isEmpty()) {
            rows.add(row(dim(new JLabel(session == null ? "No session open." : "Nothing has happened in this session yet."))));
        } else {
            for (HistoryEntry entry : model.entries()) {
                rows.add(entry instanceof HistoryEntry.Version v ? versionRow(v) : row(line(entry)));
            }
        }
        rows.add(Box.createVerticalGlue());
        rows.revalidate();
        rows.repaint();
        showDiff();
    }

    private void showDiff() {
        diffLines.clear();
        HistoryEntry.Version v = model == null ? null : model.version(selected).orElse(null);
        if (v == null) {
            diffTitle.setText(model == null || model.latestVersion() == 0 ? "No code version yet." : " ");
            return;
        }
        String against = v.base() == 0 ? "first version" : "against v" + v.base();
        if (v.diff() == null) {
            diffTitle.setText("v" + v.version() + ", " + against + ": " + v.problem());
            return;
        }
        diffTitle.setText("v" + v.version() + ", " + against + ": +" + v.diff().added().size() + " \u2212"
                + v.diff().removed().size() + (v.diff().isEmpty() ? " (same lines)" : ""));
        diffLines.addAll(v.diff().lines());
    }

    private JComponent versionRow(HistoryEntry.Version v) {
        JLabel badge = new JLabel("v" + v.version());
        badge.setOpaque(true);
        badge.setFont(badge.getFont().deriveFont(Font.BOLD));
        badge.setForeground(Color.WHITE);
        badge.setBackground(v.check() == null ? new Color(0x80, 0x80, 0x80)
                : v.check().ok() ? new Color(0x2E, 0x7D, 0x32) : new Color(0xC6, 0x28, 0x28));
        badge.setBorder(BorderFactory.createEmptyBorder(2, 6, 2, 6));
        badge.setToolTipText(v.check() == null ? "not checked" : v.check().ok() ? "ran without error" : "failed");

        StringBuilder what = new StringBuilder(v.originText());
        if (v.parent() != null) {
            what.append(" \u00b7 from v").append(v.parent());
        }
        what.append(" \u00b7 ").append(status(v.check()));
        JLabel title = new JLabel(what.toString());
        if (v.check() != null && !v.check().ok()) {
            title.setForeground(errorColor());
        }
        title.setToolTipText(v.check() != null && v.check().error() != null ? v.check().error() : null);
        JPanel text = new JPanel();
        text.setOpaque(false);
        text.setLayout(new BoxLayout(text, BoxLayout.Y_AXIS));
        text.add(title);
        if (v.prompt() != null) {
            JLabel prompt = dim(new JLabel("\u201c" + shorten(v.prompt()) + "\u201d"));
            prompt.setToolTipText(v.prompt());
            text.add(prompt);
        }
        if (v.problem() != null) {
            JLabel problem = new JLabel(v.problem());
            problem.setForeground(errorColor());
            text.add(problem);
        }

        JButton play = button("Play", "play-v" + v.version(),
                "Play v" + v.version() + " to compare it with the current version",
                () -> listener.play(v.version(), v.code()));
        JButton restore = button("Restore", "restore-v" + v.version(),
                "Put v" + v.version() + " back in the editor (you can undo it)",
                () -> listener.restore(v.version(), v.code()));
        play.setEnabled(v.code() != null);
        restore.setEnabled(v.code() != null);
        JPanel buttons = new JPanel();
        buttons.setOpaque(false);
        buttons.add(play);
        buttons.add(restore);

        JPanel row = new JPanel(new BorderLayout(8, 0));
        row.setName("row-v" + v.version());
        row.add(badge, BorderLayout.WEST);
        row.add(text, BorderLayout.CENTER);
        row.add(buttons, BorderLayout.EAST);
        JPanel wrapper = row(row);
        wrapper.getAccessibleContext().setAccessibleName("version " + v.version() + ", " + what);
        onClick(wrapper, new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                rows.requestFocusInWindow();
                select(v.version());
            }
        });
        markSelected(wrapper, v.version() == selected);
        versionRows.put(v.version(), wrapper);
        return wrapper;
    }

    /** Shows a version row as selected or not: a tinted background and a bar on the left. */
    private static void markSelected(JPanel row, boolean isSelected) {
        Color bar = UIManager.getColor("List.selectionBackground");
        row.setOpaque(isSelected);
        row.setBackground(selectionColor());
        row.setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(0, 3, 0, 0, isSelected && bar != null ? bar : new Color(0, 0, 0, 0)),
                BorderFactory.createEmptyBorder(4, 4, 4, 4)));
        row.repaint();
    }

    /**
     * Adds {@code listener} to {@code c} and everything in it but buttons: a label with a tooltip
     * takes mouse events, so the row's own listener would not hear a click on it.
     */
    private static void onClick(Component c, MouseAdapter listener) {
        if (c instanceof AbstractButton) {
            return;
        }
        c.addMouseListener(listener);
        if (c instanceof Container container) {
            for (Component child : container.getComponents()) {
                onClick(child, listener);
            }
        }
    }

    /** One line of text for an entry that is not a version. */
    private JLabel line(HistoryEntry entry) {
        JLabel label = new JLabel();
        String tip = null;
        if (entry instanceof HistoryEntry.Prompt p) {
            String mode = p.mode() == PromptMode.EDIT ? "Change" : "New piece";
            label.setText(mode + ": \u201c" + shorten(p.text()) + "\u201d" + (p.model() == null ? "" : "  \u00b7 " + p.model()));
            label.setFont(label.getFont().deriveFont(Font.BOLD));
            tip = p.text();
        } else if (entry instanceof HistoryEntry.Answer a) {
            label.setText(String.format(Locale.ROOT, "answer%s in %.1f s%s", a.model() == null ? "" : " from " + a.model(),
                    a.durationMs() / 1000.0, a.partial() ? ", cut off" : ""));
            dim(label);
        } else if (entry instanceof HistoryEntry.Check c) {
            label.setText("check of v" + c.version() + ": " + status(c));
            if (!c.ok()) {
                label.setForeground(errorColor());
                tip = c.error();
            } else {
                dim(label);
            }
        } else if (entry instanceof HistoryEntry.Repair r) {
            label.setText("repair of v" + r.version() + (r.reason() == null ? "" : ": " + shorten(r.reason())));
            tip = r.reason();
        } else if (entry instanceof HistoryEntry.Render r) {
            label.setText(String.format(Locale.ROOT, "render of v%d: %.1f s, %s", r.version(), r.seconds(),
                    r.peakDbfs() == null ? "silent" : String.format(Locale.ROOT, "peak %.1f dBFS", r.peakDbfs())));
            dim(label);
        } else if (entry instanceof HistoryEntry.Failure f) {
            label.setText("error" + (f.category() == null ? "" : " (" + f.category() + ")")
                    + (f.version() == null ? "" : " in v" + f.version()) + ": " + shorten(f.message()));
            label.setForeground(errorColor());
            tip = f.message();
        } else if (entry instanceof HistoryEntry.Note n) {
            label.setText("note: " + shorten(n.text()));
            dim(label);
            tip = n.text();
        }
        label.setToolTipText(tip == null ? CLOCK.format(entry.time()) : CLOCK.format(entry.time()) + "  " + tip);
        label.setBorder(BorderFactory.createEmptyBorder(2, entry instanceof HistoryEntry.Prompt ? 4 : 24, 2, 4));
        return label;
    }

    /** "✓ ok", "✗ line 3: NameError..." or "not checked". */
    private static String status(HistoryEntry.Check check) {
        if (check == null) {
            return "not checked";
        }
        if (check.ok()) {
            return "\u2713 ok";
        }
        return "\u2717 " + (check.line() == null ? "" : "line " + check.line() + ": ")
                + shorten(check.error() == null ? "error" : check.error());
    }

    private JButton button(String text, String name, String tip, Runnable action) {
        JButton b = new JButton(text);
        b.setName(name);
        b.setToolTipText(tip);
        b.getAccessibleContext().setAccessibleDescription(tip);
        b.setMargin(new Insets(1, 6, 1, 6));
        b.setFocusable(false); // keys move the selection; a focused button would take them
        b.addActionListener(e -> action.run());
        return b;
    }

    /** A full-width row that keeps its preferred height in the column. */
    private static JPanel row(JComponent content) {
        JPanel row = new JPanel(new BorderLayout()) {
            @Override
            public Dimension getMaximumSize() {
                return new Dimension(Integer.MAX_VALUE, getPreferredSize().height);
            }
        };
        row.setOpaque(false);
        row.add(content, BorderLayout.CENTER);
        row.setAlignmentX(LEFT_ALIGNMENT);
        return row;
    }

    private void bindKeys() {
        rows.getInputMap(WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_UP, 0), "previous-version");
        rows.getInputMap(WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_DOWN, 0), "next-version");
        rows.getActionMap().put("previous-version", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                select(selected - 1);
            }
        });
        rows.getActionMap().put("next-version", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                select(selected + 1);
            }
        });
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= PROMPT_CHARS ? line : line.substring(0, PROMPT_CHARS - 1) + "\u2026";
    }

    private static JLabel dim(JLabel label) {
        Color c = UIManager.getColor("Label.disabledForeground");
        if (c != null) {
            label.setForeground(c);
        }
        return label;
    }

    private static Color errorColor() {
        return tint(new Color(0xD3, 0x2F, 0x2F), 0.85f);
    }

    private static Color selectionColor() {
        Color c = UIManager.getColor("List.selectionInactiveBackground");
        return c != null ? c : tint(new Color(0x42, 0x85, 0xF4), 0.2f);
    }

    /** {@code color} mixed with the panel background, so it reads on light and dark themes alike. */
    static Color tint(Color color, float amount) {
        Color bg = UIManager.getColor("Panel.background");
        if (bg == null) {
            bg = Color.WHITE;
        }
        return new Color(mix(bg.getRed(), color.getRed(), amount), mix(bg.getGreen(), color.getGreen(), amount),
                mix(bg.getBlue(), color.getBlue(), amount));
    }

    private static int mix(int from, int to, float amount) {
        return Math.round(from + (to - from) * amount);
    }

    /** The column of rows: as wide as the view, so long lines are cut with "..." instead of scrolling sideways. */
    private static final class Rows extends JPanel implements Scrollable {
        @Override
        public Dimension getPreferredScrollableViewportSize() {
            return getPreferredSize();
        }

        @Override
        public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
            return 16;
        }

        @Override
        public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
            return orientation == SwingConstants.VERTICAL ? visible.height : visible.width;
        }

        @Override
        public boolean getScrollableTracksViewportWidth() {
            return true;
        }

        @Override
        public boolean getScrollableTracksViewportHeight() {
            return false;
        }
    }

    /** A diff line: old and new line numbers, the sign, the text; added lines green, removed red. */
    private static final class DiffRenderer extends DefaultListCellRenderer {
        private Font mono;

        @Override
        public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean isSelected,
                boolean cellHasFocus) {
            VersionDiff.Line line = (VersionDiff.Line) value;
            String text = switch (line.kind()) {
                case HUNK -> line.text();
                case ADDED -> String.format(Locale.ROOT, "%4s %4d + %s", "", line.newLine(), line.text());
                case REMOVED -> String.format(Locale.ROOT, "%4d %4s - %s", line.oldLine(), "", line.text());
                case CONTEXT -> String.format(Locale.ROOT, "%4d %4d   %s", line.oldLine(), line.newLine(), line.text());
            };
            super.getListCellRendererComponent(list, text.replace("\t", "    "), index, isSelected, cellHasFocus);
            if (mono == null || mono.getSize() != list.getFont().getSize()) {
                mono = new Font(Font.MONOSPACED, Font.PLAIN, list.getFont().getSize());
            }
            setFont(mono);
            if (!isSelected) {
                switch (line.kind()) {
                    case ADDED -> setBackground(tint(new Color(0x2E, 0xA0, 0x43), 0.25f));
                    case REMOVED -> setBackground(tint(new Color(0xE0, 0x3E, 0x3E), 0.25f));
                    case HUNK -> setForeground(tint(new Color(0x42, 0x85, 0xF4), 0.8f));
                    default -> { }
                }
            }
            return this;
        }
    }
}
