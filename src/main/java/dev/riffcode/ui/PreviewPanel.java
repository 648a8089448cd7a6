package dev.riffcode.ui;

import dev.riffcode.ui.history.VersionDiff;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextPane;
import javax.swing.text.BadLocationException;
import javax.swing.text.SimpleAttributeSet;
import javax.swing.text.StyleConstants;
import javax.swing.text.StyledDocument;

/**
 * Where a generation shows itself before it touches the editor: the answer as it streams in, then what the new
 * version would change (a unified diff against the editor's code) with Take and Discard. Used on the EDT only.
 */
final class PreviewPanel extends JPanel {

    private final JLabel header = new JLabel(" ");
    private final JTextArea stream = new JTextArea();
    private final JTextPane diff = new JTextPane();
    private final CardLayout cards = new CardLayout();
    private final JPanel body = new JPanel(cards);
    private final JButton take = new JButton("Take it and play");
    private final JButton discard = new JButton("Discard");
    private Runnable onTake = () -> { };
    private String proposed;

    PreviewPanel() {
        super(new BorderLayout());
        setName("previewPanel");
        stream.setName("preview");
        diff.setName("diff");
        take.setName("take");
        discard.setName("discard");
        header.setName("previewHeader");
        Font mono = new Font(Font.MONOSPACED, Font.PLAIN, 13);
        stream.setFont(mono);
        stream.setEditable(false);
        diff.setFont(mono);
        diff.setEditable(false);
        body.add(new JScrollPane(stream), "stream");
        body.add(new JScrollPane(diff), "diff");
        take.addActionListener(e -> onTake.run());
        discard.addActionListener(e -> clear("Discarded; the editor is unchanged."));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 4, 0));
        buttons.add(take);
        buttons.add(discard);
        JPanel top = new JPanel(new BorderLayout());
        top.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
        top.add(header, BorderLayout.CENTER);
        top.add(buttons, BorderLayout.EAST);
        add(top, BorderLayout.NORTH);
        add(body, BorderLayout.CENTER);
        showButtons(false);
        header.setText("Answers to the prompt bar stream in here; a version that passes validation is shown as a "
                + "diff, to take or discard.");
    }

    /** A new answer starts streaming. */
    void begin(String what) {
        proposed = null;
        header.setText(what);
        stream.setText("");
        cards.show(body, "stream");
        showButtons(false);
    }

    void token(String text) {
        stream.append(text);
        stream.setCaretPosition(stream.getDocument().getLength());
    }

    String streamed() {
        return stream.getText();
    }

    void status(String text) {
        header.setText(text);
    }

    /**
     * A version passed: shows what it changes in {@code current}, and offers to take it. {@code take} gets the new
     * code.
     */
    void propose(String title, String current, String code, java.util.function.Consumer<String> take) {
        proposed = code;
        VersionDiff changes = VersionDiff.between("editor", current, "proposed", code);
        header.setText(title + " (+" + changes.added().size() + " \u2212" + changes.removed().size() + " lines)");
        StyledDocument doc = diff.getStyledDocument();
        diff.setText("");
        SimpleAttributeSet added = new SimpleAttributeSet();
        StyleConstants.setBackground(added, new Color(0x2E, 0x7D, 0x32, 60));
        SimpleAttributeSet removed = new SimpleAttributeSet();
        StyleConstants.setBackground(removed, new Color(0xC6, 0x28, 0x28, 60));
        StyleConstants.setStrikeThrough(removed, true);
        SimpleAttributeSet hunk = new SimpleAttributeSet();
        StyleConstants.setForeground(hunk, Color.GRAY);
        SimpleAttributeSet same = new SimpleAttributeSet();
        try {
            if (changes.isEmpty()) {
                doc.insertString(0, "(the same lines as the editor's code)\n", hunk);
            }
            for (VersionDiff.Line line : changes.lines()) {
                String text = switch (line.kind()) {
                    case HUNK -> line.text();
                    case ADDED -> "+ " + line.text();
                    case REMOVED -> "- " + line.text();
                    case CONTEXT -> "  " + line.text();
                };
                SimpleAttributeSet style = switch (line.kind()) {
                    case HUNK -> hunk;
                    case ADDED -> added;
                    case REMOVED -> removed;
                    case CONTEXT -> same;
                };
                doc.insertString(doc.getLength(), text + "\n", style);
            }
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
        diff.setCaretPosition(0);
        cards.show(body, "diff");
        onTake = () -> take.accept(code);
        showButtons(true);
    }

    /** The code offered to take, or null. */
    String proposed() {
        return proposed;
    }

    void clear(String why) {
        proposed = null;
        header.setText(why);
        showButtons(false);
    }

    private void showButtons(boolean visible) {
        take.setVisible(visible);
        discard.setVisible(visible);
    }
}
