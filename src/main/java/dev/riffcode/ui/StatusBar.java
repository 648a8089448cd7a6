package dev.riffcode.ui;

import java.awt.BorderLayout;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;

/**
 * The bottom line: what is going on (and, when something failed, why and what to do next), a progress bar for long
 * work, and what the sandbox and the sound are doing. Used on the EDT only.
 */
final class StatusBar extends JPanel {

    private final JLabel message = new JLabel(" ");
    private final JProgressBar progress = new JProgressBar(0, 1000);
    private final JLabel engine = new JLabel(" ");

    StatusBar() {
        super(new BorderLayout(8, 0));
        setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
        message.setName("status");
        progress.setName("progress");
        engine.setName("engine");
        progress.setVisible(false);
        progress.setStringPainted(true);
        JPanel right = new JPanel(new BorderLayout(8, 0));
        right.setOpaque(false);
        right.add(progress, BorderLayout.WEST);
        right.add(engine, BorderLayout.EAST);
        add(message, BorderLayout.CENTER);
        add(right, BorderLayout.EAST);
    }

    void say(String text) {
        message.setText(text);
        message.setToolTipText(text);
    }

    String text() {
        return message.getText();
    }

    /** What the sandbox and the sound are doing ("Python ready · playing on default"). */
    void engine(String text) {
        engine.setText(text);
    }

    String engine() {
        return engine.getText();
    }

    /** Shows long work: {@code fraction} 0..1, or negative for "busy, length unknown". */
    void progress(String what, double fraction) {
        progress.setVisible(true);
        progress.setIndeterminate(fraction < 0);
        progress.setValue((int) Math.round(Math.max(0, Math.min(1, fraction)) * 1000));
        progress.setString(what);
    }

    void done() {
        progress.setVisible(false);
        progress.setIndeterminate(false);
    }

    boolean busy() {
        return progress.isVisible();
    }
}
