package dev.riffcode.ui;

import dev.riffcode.runtime.ScriptError;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.swing.text.Element;
import org.fife.ui.rsyntaxtextarea.RSyntaxDocument;
import org.fife.ui.rsyntaxtextarea.parser.AbstractParser;
import org.fife.ui.rsyntaxtextarea.parser.DefaultParseResult;
import org.fife.ui.rsyntaxtextarea.parser.DefaultParserNotice;
import org.fife.ui.rsyntaxtextarea.parser.ParseResult;
import org.fife.ui.rsyntaxtextarea.parser.ParserNotice;

/**
 * The errors the editor shows on their lines (a squiggle, its message on hover, a mark in the error strip): the
 * syntax error found as you type, and the error of the last Run. It finds nothing itself; the editor hands it the
 * errors and asks RSyntaxTextArea to show them again. Used on the EDT only.
 */
final class ErrorMarks extends AbstractParser {

    /** Where an error came from: each kind replaces only its own. */
    enum Source { TYPING, RUN }

    private final Map<Source, ScriptError> errors = new EnumMap<>(Source.class);

    void set(Source source, ScriptError error) {
        if (error == null) {
            errors.remove(source);
        } else {
            errors.put(source, error);
        }
    }

    ScriptError get(Source source) {
        return errors.get(source);
    }

    /** Both errors, the Run's first (it is what failed to play). */
    List<ScriptError> all() {
        List<ScriptError> out = new ArrayList<>();
        if (errors.containsKey(Source.RUN)) {
            out.add(errors.get(Source.RUN));
        }
        if (errors.containsKey(Source.TYPING) && !errors.get(Source.TYPING).equals(errors.get(Source.RUN))) {
            out.add(errors.get(Source.TYPING));
        }
        return out;
    }

    @Override
    public ParseResult parse(RSyntaxDocument doc, String style) {
        DefaultParseResult result = new DefaultParseResult(this);
        Element root = doc.getDefaultRootElement();
        for (ScriptError error : all()) {
            // An error with no line (a time limit, a crash) is only in the error bar.
            if (error.line() < 1 || error.line() > root.getElementCount()) {
                continue;
            }
            Element line = root.getElement(error.line() - 1);
            int start = firstVisible(doc, line);
            DefaultParserNotice notice = new DefaultParserNotice(this, message(error), error.line() - 1, start,
                    Math.max(1, line.getEndOffset() - 1 - start));
            notice.setLevel(ParserNotice.Level.ERROR);
            result.addNotice(notice);
        }
        return result;
    }

    /** What hovering shows: the kind and message, without the file name the editor already shows. */
    static String message(ScriptError error) {
        return error.kind() + ": " + error.message();
    }

    /** The squiggle starts under the line's first character, not under its indent. */
    private static int firstVisible(RSyntaxDocument doc, Element line) {
        try {
            String text = doc.getText(line.getStartOffset(), line.getEndOffset() - line.getStartOffset());
            int i = 0;
            while (i < text.length() - 1 && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return line.getStartOffset() + i;
        } catch (javax.swing.text.BadLocationException e) {
            return line.getStartOffset();
        }
    }
}
