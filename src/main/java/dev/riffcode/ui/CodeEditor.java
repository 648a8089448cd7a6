package dev.riffcode.ui;

import dev.riffcode.runtime.ScriptError;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Toolkit;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.Icon;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.UIManager;
import javax.swing.text.BadLocationException;
import org.fife.rsta.ui.CollapsibleSectionPanel;
import org.fife.rsta.ui.search.FindToolBar;
import org.fife.rsta.ui.search.ReplaceToolBar;
import org.fife.rsta.ui.search.SearchEvent;
import org.fife.rsta.ui.search.SearchListener;
import org.fife.ui.rsyntaxtextarea.ErrorStrip;
import org.fife.ui.rsyntaxtextarea.RSyntaxTextArea;
import org.fife.ui.rsyntaxtextarea.SyntaxConstants;
import org.fife.ui.rtextarea.GutterIconInfo;
import org.fife.ui.rtextarea.RTextScrollPane;
import org.fife.ui.rtextarea.SearchContext;
import org.fife.ui.rtextarea.SearchEngine;
import org.fife.ui.rtextarea.SearchResult;

/**
 * The Python editor: RSyntaxTextArea with line numbers, folding, bracket matching, find and replace (Ctrl+F,
 * Ctrl+H), and the errors marked on their lines (squiggle, gutter icon, a mark in the error strip, the message on
 * hover). Used on the EDT only.
 */
final class CodeEditor {

    private final RSyntaxTextArea area = new RSyntaxTextArea(30, 90);
    private final RTextScrollPane scroll = new RTextScrollPane(area, true);
    private final CollapsibleSectionPanel sections = new CollapsibleSectionPanel(false);
    private final ErrorMarks marks = new ErrorMarks();
    private final List<GutterIconInfo> icons = new ArrayList<>();
    private final JPanel component = new JPanel(new BorderLayout());

    CodeEditor() {
        area.setName("code");
        area.setSyntaxEditingStyle(SyntaxConstants.SYNTAX_STYLE_PYTHON);
        area.setCodeFoldingEnabled(true);
        area.setBracketMatchingEnabled(true);
        area.setPaintMatchedBracketPair(true);
        area.setAutoIndentEnabled(true);
        area.setTabSize(4);
        area.setTabsEmulated(true);   // Python: spaces, never a mix
        area.setMarkOccurrences(true);
        area.setAntiAliasingEnabled(true);
        area.setParserDelay(150);
        area.addParser(marks);
        Theme.style(area);
        area.setFont(area.getFont().deriveFont(14f));
        scroll.setFoldIndicatorEnabled(true);
        scroll.setIconRowHeaderEnabled(true);
        scroll.setLineNumbersEnabled(true);

        JPanel editorAndStrip = new JPanel(new BorderLayout());
        editorAndStrip.add(scroll, BorderLayout.CENTER);
        editorAndStrip.add(new ErrorStrip(area), BorderLayout.LINE_END);
        sections.add(editorAndStrip);
        Searcher searcher = new Searcher();
        int menu = Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();
        sections.addBottomComponent(KeyStroke.getKeyStroke(KeyEvent.VK_F, menu), new FindToolBar(searcher));
        sections.addBottomComponent(KeyStroke.getKeyStroke(KeyEvent.VK_H, menu), new ReplaceToolBar(searcher));
        component.add(sections, BorderLayout.CENTER);
    }

    JComponent component() {
        return component;
    }

    RSyntaxTextArea area() {
        return area;
    }

    String text() {
        return area.getText();
    }

    /** Text for a new buffer (a file just opened): nothing to undo before it. */
    void load(String text) {
        area.setText(text);
        area.setCaretPosition(0);
        area.discardAllEdits();
    }

    /**
     * Replaces the whole text as one edit (a generated version, a restored one): a single Undo brings back what was
     * there before, however the text changed.
     */
    void replaceAll(String text) {
        if (text.equals(area.getText())) {
            return;
        }
        // The errors were about the code being replaced: its lines are gone with it.
        showError(ErrorMarks.Source.RUN, null);
        showError(ErrorMarks.Source.TYPING, null);
        int caret = area.getCaretPosition();
        area.beginAtomicEdit();
        try {
            area.replaceRange(text, 0, area.getDocument().getLength());
        } finally {
            area.endAtomicEdit();
        }
        area.setCaretPosition(Math.min(caret, area.getDocument().getLength()));
    }

    /** Shows (or, with null, clears) the error of one source on its line. */
    void showError(ErrorMarks.Source source, ScriptError error) {
        if (java.util.Objects.equals(marks.get(source), error)) {
            return;
        }
        marks.set(source, error);
        area.forceReparsing(marks);
        for (GutterIconInfo icon : icons) {
            scroll.getGutter().removeTrackingIcon(icon);
        }
        icons.clear();
        for (ScriptError e : marks.all()) {
            if (e.line() >= 1 && e.line() <= area.getLineCount()) {
                try {
                    icons.add(scroll.getGutter().addLineTrackingIcon(e.line() - 1, ERROR_ICON, ErrorMarks.message(e)));
                } catch (BadLocationException ignored) {
                    // The line is gone; the error bar still says it.
                }
            }
        }
    }

    ScriptError error(ErrorMarks.Source source) {
        return marks.get(source);
    }

    /** Puts the caret on a line (1-based), as a click on an error does. */
    void goToLine(int line) {
        if (line < 1 || line > area.getLineCount()) {
            return;
        }
        try {
            area.setCaretPosition(area.getLineStartOffset(line - 1));
        } catch (BadLocationException e) {
            return;
        }
        area.requestFocusInWindow();
    }

    /** Carries out the find and replace bars' requests with RSyntaxTextArea's search engine. */
    private final class Searcher implements SearchListener {
        @Override
        public void searchEvent(SearchEvent e) {
            SearchContext context = e.getSearchContext();
            SearchResult result = switch (e.getType()) {
                case MARK_ALL -> SearchEngine.markAll(area, context);
                case FIND -> SearchEngine.find(area, context);
                case REPLACE -> SearchEngine.replace(area, context);
                case REPLACE_ALL -> SearchEngine.replaceAll(area, context);
            };
            if (e.getType() != SearchEvent.Type.MARK_ALL && !result.wasFound()) {
                UIManager.getLookAndFeel().provideErrorFeedback(area);
            }
        }

        @Override
        public String getSelectedText() {
            return area.getSelectedText();
        }
    }

    /** A small red dot for the gutter: drawn, so it follows the gutter's size on any screen. */
    static final Icon ERROR_ICON = new Icon() {
        @Override
        public void paintIcon(Component c, Graphics g, int x, int y) {
            Graphics2D g2 = (Graphics2D) g.create();
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setColor(new Color(0xE0, 0x3C, 0x31));
            g2.fillOval(x + 2, y + 2, 10, 10);
            g2.setColor(Color.WHITE);
            g2.fillRect(x + 6, y + 4, 2, 4);
            g2.fillRect(x + 6, y + 9, 2, 2);
            g2.dispose();
        }

        @Override
        public int getIconWidth() {
            return 14;
        }

        @Override
        public int getIconHeight() {
            return 14;
        }
    };

    static int menuMask() {
        return Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();
    }

    static int shift() {
        return InputEvent.SHIFT_DOWN_MASK;
    }
}
