package dev.riffcode.ui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.UIManager;

/**
 * Where a panel from another branch goes once it lands (the scopes, the loops, the history). It says what will be
 * there and shows one line of what the editor already knows for it (the last rendered audio, the session).
 */
final class Placeholder extends JPanel {

    private final JLabel detail = new JLabel(" ", SwingConstants.CENTER);

    /**
     * @param name  the component that goes here, e.g. {@code ui.scope.ScopesPanel}
     * @param about what it will show
     */
    Placeholder(String name, String about) {
        super(new BorderLayout());
        setName(name);
        Color line = UIManager.getColor("Component.borderColor");
        setBorder(BorderFactory.createCompoundBorder(BorderFactory.createEmptyBorder(4, 4, 4, 4),
                BorderFactory.createDashedBorder(line == null ? Color.GRAY : line, 4, 3)));
        JLabel title = new JLabel(name, SwingConstants.CENTER);
        title.setFont(title.getFont().deriveFont(Font.BOLD));
        JLabel text = new JLabel("<html><div style='text-align:center'>" + about + "</div></html>",
                SwingConstants.CENTER);
        text.setEnabled(false);
        JPanel middle = new JPanel(new BorderLayout(0, 4));
        middle.setOpaque(false);
        middle.add(title, BorderLayout.NORTH);
        middle.add(text, BorderLayout.CENTER);
        middle.add(detail, BorderLayout.SOUTH);
        add(middle, BorderLayout.CENTER);
    }

    /** One line of what the editor has for this place. */
    void detail(String text) {
        detail.setText(text == null || text.isEmpty() ? " " : text);
    }

    String detail() {
        return detail.getText();
    }
}
