package dev.riffcode.ui;

import dev.riffcode.runtime.ScriptError;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.Document;

/**
 * Marks syntax errors as you type: once typing pauses for {@link #DEBOUNCE_MILLIS}, the text is compiled (never
 * run) in the live worker, and the answer is shown if the text is still the same. Used on the EDT.
 */
final class SyntaxChecker implements DocumentListener {

    static final int DEBOUNCE_MILLIS = 300;

    private final Supplier<String> text;
    private final Function<String, CompletableFuture<ScriptError>> check;
    private final Consumer<ScriptError> show;
    private final Timer timer;

    /**
     * @param check compiles a text: its syntax error, or null
     * @param show  gets the syntax error of the current text, or null when it has none (on the EDT)
     */
    SyntaxChecker(Document document, Supplier<String> text, Function<String, CompletableFuture<ScriptError>> check,
            Consumer<ScriptError> show) {
        this.text = text;
        this.check = check;
        this.show = show;
        this.timer = new Timer(DEBOUNCE_MILLIS, e -> checkNow());
        timer.setRepeats(false);
        document.addDocumentListener(this);
    }

    /** Checks the text as it is now (also at start-up, once the worker is ready). */
    void checkNow() {
        String sent = text.get();
        check.apply(sent).whenComplete((error, failure) -> SwingUtilities.invokeLater(() -> {
            // An answer about an older text would mark the wrong line; the newer text's check is coming.
            if (failure == null && sent.equals(text.get())) {
                show.accept(error != null && error.category() == ScriptError.Category.SYNTAX ? error : null);
            }
        }));
    }

    @Override
    public void insertUpdate(DocumentEvent e) {
        timer.restart();
    }

    @Override
    public void removeUpdate(DocumentEvent e) {
        timer.restart();
    }

    @Override
    public void changedUpdate(DocumentEvent e) {
        // attributes only: the code is the same
    }
}
