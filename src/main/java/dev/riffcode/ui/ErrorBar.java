package dev.riffcode.ui;

import dev.riffcode.runtime.ScriptError;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Cursor;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.function.IntConsumer;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * The strip under the editor that says what is wrong, in words and with the line; a click goes to the line. Hidden
 * while nothing is wrong. Used on the EDT only.
 */
final class ErrorBar extends JPanel {

    private final JLabel text = new JLabel();
    private int line;

    ErrorBar(IntConsumer goToLine) {
        super(new BorderLayout());
        setName("errorBar");
        text.setName("errorText");
        setBackground(new Color(0xC6, 0x28, 0x28));
        text.setForeground(Color.WHITE);
        setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        add(text, BorderLayout.CENTER);
        setCursor(Cursor.getPredefinedCursor(Cursor.HAND_CURSOR));
        addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                goToLine.accept(line);
            }
        });
        setVisible(false);
    }

    /** Shows the errors (the Run's first), or hides the bar when there are none. */
    void show(List<ScriptError> errors, boolean runFailed) {
        if (errors.isEmpty()) {
            setVisible(false);
            return;
        }
        ScriptError first = errors.get(0);
        line = first.line();
        String where = first.line() > 0 ? "line " + first.line() + ": " : "";
        String lead = runFailed ? "Run failed, the previous version plays on. " : "";
        text.setText("<html>" + escape(lead + where + first.kind() + ": " + first.message())
                + (errors.size() > 1 ? " <i>(and 1 more)</i>" : "") + "</html>");
        setVisible(true);
    }

    String message() {
        return isVisible() ? text.getText().replaceAll("<[^>]+>", "") : "";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
