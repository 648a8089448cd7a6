package dev.riffcode.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.swing.text.BadLocationException;
import javax.swing.text.JTextComponent;
import org.fife.ui.autocomplete.AutoCompletion;
import org.fife.ui.autocomplete.BasicCompletion;
import org.fife.ui.autocomplete.Completion;
import org.fife.ui.autocomplete.CompletionProvider;
import org.fife.ui.autocomplete.DefaultCompletionProvider;
import org.fife.ui.autocomplete.FunctionCompletion;
import org.fife.ui.autocomplete.ParameterizedCompletion;

/**
 * Completion of the Riffcode API in the editor, from the same reference the LLM gets (written from the module's
 * docstrings): each function with its signature, its documentation, and parameter hints after "(". Until the
 * reference is loaded, and always for the script's own names, the words of the text complete too.
 */
final class ApiCompletions {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\.)\\.(?!\\.)(?=\\s)");
    private static final Pattern HEADING = Pattern.compile("^### ([A-Za-z_][A-Za-z0-9_]*)\\((.*)\\)\\s*$");

    /** One function (or unit generator class) of the reference. */
    record Entry(String name, List<String> params, String doc) {
        String signature() {
            return name + "(" + String.join(", ", params) + ")";
        }
    }

    private final Provider provider = new Provider();
    private final AutoCompletion completion = new AutoCompletion(provider);
    private volatile int loaded;

    ApiCompletions() {
        provider.setAutoActivationRules(true, null);
        completion.setShowDescWindow(true);
        completion.setParameterAssistanceEnabled(true);
        completion.setAutoActivationEnabled(true);
        completion.setAutoActivationDelay(250);
        completion.setAutoCompleteSingleChoices(false);
    }

    void install(JTextComponent editor) {
        completion.install(editor);
    }

    AutoCompletion autoCompletion() {
        return completion;
    }

    /** How many API entries completion knows (0 until the reference is loaded). */
    int loaded() {
        return loaded;
    }

    /** Adds the reference's functions. Call on the EDT. */
    void load(String markdown) {
        List<Completion> all = new ArrayList<>();
        for (Entry e : parse(markdown)) {
            all.add(new ApiFunction(provider, e));
        }
        provider.addCompletions(all);
        loaded = all.size();
    }

    /** The reference's entries: "### name(params)" then the docstring, up to the next heading. */
    static List<Entry> parse(String markdown) {
        List<Entry> out = new ArrayList<>();
        String name = null;
        List<String> params = List.of();
        StringBuilder doc = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                if (name != null) {
                    out.add(new Entry(name, params, doc.toString().strip()));
                }
                name = m.group(1);
                params = splitParams(m.group(2));
                doc.setLength(0);
            } else if (name != null) {
                doc.append(line).append('\n');
            }
        }
        if (name != null) {
            out.add(new Entry(name, params, doc.toString().strip()));
        }
        return out;
    }

    /** Splits a parameter list at its top-level commas ({@code cutoff=None, synth="a,b"} is two). */
    static List<String> splitParams(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        StringBuilder part = new StringBuilder();
        for (char c : list.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(part.toString().strip());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        if (!part.toString().isBlank()) {
            out.add(part.toString().strip());
        }
        return out;
    }

    /** What the docstring says about one parameter ("amp: loudness (1 is normal, 0 silent)."), or "". */
    static String aboutParam(String doc, String param) {
        String bare = param.replaceAll("[=*].*", "").replace("*", "").strip();
        if (bare.isEmpty()) {
            return "";
        }
        Matcher m = Pattern.compile("(?:^|[\\s,;.])" + Pattern.quote(bare) + ": ([^\\n]*)", Pattern.MULTILINE)
                .matcher(doc);
        if (!m.find()) {
            return "";
        }
        // Up to the end of its sentence: a full stop that is not part of "..", followed by a space.
        Matcher end = SENTENCE_END.matcher(m.group(1));
        return (end.find() ? m.group(1).substring(0, end.start() + 1) : m.group(1)).strip();
    }

    /**
     * A function of the API. Inserting it puts in only the parameters without a default (play(note), not all
     * twelve); the description shows the whole signature, the docstring and what each parameter is.
     */
    private static final class ApiFunction extends FunctionCompletion {
        private final Entry entry;

        ApiFunction(CompletionProvider provider, Entry entry) {
            super(provider, entry.name(), null);
            this.entry = entry;
            List<ParameterizedCompletion.Parameter> required = new ArrayList<>();
            for (String p : entry.params()) {
                if (!p.contains("=") && !p.startsWith("*")) {
                    Parameter param = new Parameter(null, p);
                    param.setDescription(aboutParam(entry.doc(), p));
                    required.add(param);
                }
            }
            setParams(required);
            setShortDescription(firstSentence(entry.doc()));
        }

        @Override
        public String getSummary() {
            StringBuilder html = new StringBuilder("<html><b>").append(escape(entry.signature())).append("</b><br><br>")
                    .append("<pre style='font-size:95%'>").append(escape(entry.doc())).append("</pre>");
            return html.append("</html>").toString();
        }

        private static String firstSentence(String doc) {
            int end = doc.indexOf(". ");
            String first = end > 0 ? doc.substring(0, end + 1) : doc.lines().findFirst().orElse("");
            return escape(first);
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }

    /** The API's completions, and the words of the text that match what is typed. */
    private static final class Provider extends DefaultCompletionProvider {
        private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{2,}");

        @Override
        protected List<Completion> getCompletionsImpl(JTextComponent comp) {
            List<Completion> found = new ArrayList<>(super.getCompletionsImpl(comp));
            String typed = getAlreadyEnteredText(comp);
            if (typed == null || typed.isEmpty()) {
                return found;
            }
            Set<String> known = new LinkedHashSet<>();
            for (Completion c : found) {
                known.add(c.getReplacementText());
            }
            String text;
            try {
                text = comp.getDocument().getText(0, comp.getDocument().getLength());
            } catch (BadLocationException e) {
                return found;
            }
            Set<String> words = new java.util.TreeSet<>();
            Matcher m = WORD.matcher(text);
            while (m.find()) {
                String w = m.group();
                if (w.startsWith(typed) && !w.equals(typed) && !known.contains(w)) {
                    words.add(w);
                }
            }
            for (String w : words) {
                found.add(new BasicCompletion(this, w, "a name in this script"));
            }
            return found;
        }
    }
}
