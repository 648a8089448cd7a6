package dev.riffcode.ui.history;

import dev.riffcode.session.SessionStore;
import dev.riffcode.session.SessionSummary;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dialog;
import java.awt.FlowLayout;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.DefaultTableCellRenderer;

/**
 * A modal dialog that lists the sessions of a {@link SessionStore}, newest first, with a filter
 * box, and returns the one chosen. The rows and the filtering are in {@link SessionTableModel}.
 */
public final class SessionBrowser {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private SessionBrowser() {
    }

    /**
     * Shows the sessions of {@code store} and waits until the user opens one or cancels. Call on
     * the event dispatch thread.
     *
     * @param parent the component the dialog is centred on and belongs to, or null
     * @return the chosen session's folder name, for {@link SessionStore#open(String)}; empty if
     *     the user cancelled or the sessions could not be listed (the user is told why)
     */
    public static Optional<String> choose(Component parent, SessionStore store) {
        SessionTableModel model;
        try {
            model = new SessionTableModel(store.list());
        } catch (IOException e) {
            JOptionPane.showMessageDialog(parent, "The sessions in " + store.root() + " cannot be listed:\n"
                    + e.getMessage(), "Open session", JOptionPane.ERROR_MESSAGE);
            return Optional.empty();
        }
        AtomicReference<String> chosen = new AtomicReference<>();
        Window owner = parent == null ? null
                : parent instanceof Window w ? w : SwingUtilities.getWindowAncestor(parent);
        JDialog dialog = new JDialog(owner, "Open session", Dialog.ModalityType.APPLICATION_MODAL);

        JTable table = new JTable(model);
        table.setName("sessions");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setAutoCreateRowSorter(true); // click a header to sort by it; the model's order is newest first
        table.setFillsViewportHeight(true);
        table.setDefaultRenderer(Instant.class, new DefaultTableCellRenderer() {
            @Override
            protected void setValue(Object value) {
                setText(value == null ? "" : WHEN.format((Instant) value));
            }
        });
        int[] widths = {300, 140, 70, 70, 70, 140}; // room for the whole date and time
        for (int i = 0; i < widths.length; i++) {
            table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
        }

        JTextField filter = new JTextField(24);
        filter.setName("filter");
        filter.setToolTipText("Words in the session's title or folder name, such as a date: 20250301");
        JButton open = new JButton("Open");
        open.setName("open");
        JButton cancel = new JButton("Cancel");
        cancel.setName("cancel");

        Runnable accept = () -> {
            int row = table.getSelectedRow();
            if (row >= 0) {
                SessionSummary s = model.sessionAt(table.convertRowIndexToModel(row));
                if (s.problem() == null) {
                    chosen.set(s.name());
                    dialog.dispose();
                }
            }
        };
        Runnable selectionChanged = () -> {
            int row = table.getSelectedRow();
            SessionSummary s = row < 0 ? null : model.sessionAt(table.convertRowIndexToModel(row));
            open.setEnabled(s != null && s.problem() == null);
            open.setToolTipText(s == null ? null : s.problem() != null ? s.problem() : s.name());
        };
        Runnable selectFirst = () -> {
            if (table.getRowCount() > 0 && table.getSelectedRow() < 0) {
                table.setRowSelectionInterval(0, 0);
            }
            selectionChanged.run();
        };

        table.getSelectionModel().addListSelectionListener(e -> selectionChanged.run());
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && SwingUtilities.isLeftMouseButton(e)) {
                    accept.run();
                }
            }
        });
        // Enter in the table opens the session instead of moving to the next row.
        bind(table, JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT, KeyEvent.VK_ENTER, "open-session", accept);
        bind(filter, JComponent.WHEN_FOCUSED, KeyEvent.VK_DOWN, "to-table", table::requestFocusInWindow);
        bind(dialog.getRootPane(), JComponent.WHEN_IN_FOCUSED_WINDOW, KeyEvent.VK_ESCAPE, "cancel",
                dialog::dispose);
        filter.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                changed();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                changed();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                changed();
            }

            private void changed() {
                model.setFilter(filter.getText());
                selectFirst.run();
            }
        });
        open.addActionListener(e -> accept.run());
        cancel.addActionListener(e -> dialog.dispose());

        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEADING));
        top.add(new JLabel("Filter:"));
        top.add(filter);
        JLabel where = new JLabel(model.getRowCount() == 0 ? "No sessions yet in " + store.root()
                : model.getRowCount() + (model.getRowCount() == 1 ? " session in " : " sessions in ") + store.root());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING));
        buttons.add(open);
        buttons.add(cancel);
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(where, BorderLayout.CENTER);
        bottom.add(buttons, BorderLayout.EAST);
        bottom.setBorder(BorderFactory.createEmptyBorder(0, 8, 0, 0));

        JPanel content = new JPanel(new BorderLayout());
        content.add(top, BorderLayout.NORTH);
        content.add(new JScrollPane(table), BorderLayout.CENTER);
        content.add(bottom, BorderLayout.SOUTH);
        dialog.setContentPane(content);
        dialog.getRootPane().setDefaultButton(open);
        dialog.setDefaultCloseOperation(JDialog.DISPOSE_ON_CLOSE);
        selectFirst.run();
        dialog.setSize(860, 460);
        dialog.setLocationRelativeTo(parent);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowOpened(WindowEvent e) {
                filter.requestFocusInWindow(); // type to filter at once
            }
        });
        dialog.setVisible(true); // blocks until disposed
        return Optional.ofNullable(chosen.get());
    }

    private static void bind(JComponent c, int condition, int key, String name, Runnable action) {
        c.getInputMap(condition).put(KeyStroke.getKeyStroke(key, 0), name);
        c.getActionMap().put(name, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                action.run();
            }
        });
    }
}
