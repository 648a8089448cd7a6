package dev.riffcode.llm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Python script in a model's answer.
 *
 * <p>Models wrap code in Markdown fences (```` ```python ````, {@code ```py}, a bare {@code ```}, {@code ~~~}), put
 * prose around it, sometimes give several blocks, sometimes no fence at all, and a stream may be cut off inside a
 * block. The rules, in order:
 * <ol>
 * <li>Text is normalised first: Windows and old Mac newlines become {@code \n}, and {@code <think>...</think>}
 * reasoning that some local models emit is removed.</li>
 * <li>Blocks tagged as Python ({@code python}, {@code py}, {@code python3}, {@code py3}, {@code riffcode}) win. If
 * there are none, untagged blocks that look like Python are used, then blocks tagged with another, unrecognised
 * language that look like Python. Blocks in a known other language (bash, json, ruby, ...) are never used.</li>
 * <li>Among several candidate blocks: a block whose lines all appear in a larger block is an excerpt and is dropped.
 * If the remaining blocks define the same thing (the same import, {@code use_bpm}, function, class or top-level
 * variable), they are alternative versions and the largest is taken (the last one on a tie, as models tend to end
 * with the final version). Otherwise they are consecutive parts of one script and are joined in order.</li>
 * <li>With no usable block, the answer is read line by line: the longest run of lines that look like Python (calls
 * such as {@code play(...)}, {@code def}/{@code for}/{@code import}/assignments, with their indented bodies, blank
 * lines and comments) and contains no prose sentence is taken. If it covers the whole answer, the whole answer is
 * the code.</li>
 * <li>A fence that is never closed runs to the end of the answer, and the result says so ({@link
 * Extraction#cutOff()}).</li>
 * <li>The code is tidied: a lone leading {@code python} line is dropped, leading tabs become four spaces, common
 * indentation and trailing spaces are removed, leading and trailing blank lines are dropped, and it ends with one
 * newline.</li>
 * </ol>
 */
public final class CodeExtractor {

    private CodeExtractor() {
    }

    /**
     * What was found.
     *
     * @param code   the script, when there is one
     * @param reason how the script was found, or why there is none (e.g. "the answer contains no code"); suitable for
     *               logs and for telling the model what went wrong
     * @param cutOff true when the script comes from a fence that was never closed, so the answer was probably cut off
     */
    public record Extraction(Optional<String> code, String reason, boolean cutOff) {

        /** True when a script was found. */
        public boolean found() {
            return code.isPresent();
        }

        static Extraction of(String code, String reason, boolean cutOff) {
            return new Extraction(Optional.of(code), reason, cutOff);
        }

        static Extraction none(String reason) {
            return new Extraction(Optional.empty(), reason, false);
        }
    }

    private static final Set<String> PYTHON_TAGS = Set.of("python", "py", "python3", "py3", "riffcode");
    private static final Set<String> OTHER_LANGUAGES = Set.of("bash", "sh", "shell", "zsh", "console", "shell-session",
            "powershell", "ps", "bat", "cmd", "json", "yaml", "yml", "toml", "ini", "xml", "html", "css", "text", "txt",
            "plaintext", "markdown", "md", "ruby", "rb", "sonic-pi", "sonicpi", "javascript", "js", "typescript", "ts",
            "java", "kotlin", "c", "cpp", "c++", "csharp", "cs", "go", "rust", "sql", "lua", "output", "diff");

    private static final Pattern FENCE = Pattern.compile("^([ \\t]*)(`{3,}|~{3,})[ \\t]*(.*)$");
    private static final Pattern THINK = Pattern.compile("(?is)<think>.*?</think>");
    private static final Pattern LANGUAGE_LINE = Pattern.compile("(?i)^\\s*(python3?|py3?)\\s*:?\\s*$");

    /** Extracts the script from a model's answer (null or empty answers give "the answer is empty"). */
    public static Extraction extract(String answer) {
        String text = normaliseNewlines(answer == null ? "" : answer);
        boolean stillThinking = false;
        text = THINK.matcher(text).replaceAll("");
        int openThink = text.toLowerCase(Locale.ROOT).indexOf("<think>");
        if (openThink >= 0) {
            text = text.substring(0, openThink); // cut off while still thinking
            stillThinking = true;
        }
        if (text.isBlank()) {
            return Extraction.none(stillThinking ? "the answer was cut off while the model was still thinking"
                    : "the answer is empty");
        }

        Parsed parsed = parse(text);
        List<Block> python = new ArrayList<>();
        List<Block> untagged = new ArrayList<>();
        List<Block> otherTagged = new ArrayList<>();
        Set<String> otherLanguages = new LinkedHashSet<>();
        for (Block b : parsed.blocks) {
            if (b.isBlank()) {
                continue;
            }
            if (PYTHON_TAGS.contains(b.language)) {
                python.add(b);
            } else if (b.language.isEmpty()) {
                if (looksLikePython(b.lines)) {
                    untagged.add(b);
                }
            } else if (!OTHER_LANGUAGES.contains(b.language) && looksLikePython(b.lines)) {
                otherTagged.add(b);
            } else {
                otherLanguages.add(b.language);
            }
        }
        if (!python.isEmpty()) {
            return choose(python, "python");
        }
        if (!untagged.isEmpty()) {
            return choose(untagged, "untagged");
        }
        if (!otherTagged.isEmpty()) {
            return choose(otherTagged, otherTagged.get(0).language + "-tagged");
        }

        Extraction loose = fromUnfenced(parsed.outside);
        if (loose.found()) {
            return loose;
        }
        if (!otherLanguages.isEmpty()) {
            return Extraction.none("the answer contains only " + String.join(" and ", otherLanguages)
                    + " code, not Python");
        }
        return Extraction.none("the answer contains no code");
    }

    // ---- fenced blocks ----

    private static final class Block {
        final String language;
        final int fenceIndent;
        final List<String> lines = new ArrayList<>();
        boolean closed;

        Block(String language, int fenceIndent) {
            this.language = language;
            this.fenceIndent = fenceIndent;
        }

        boolean isBlank() {
            return lines.stream().allMatch(String::isBlank);
        }
    }

    private record Parsed(List<Block> blocks, List<String> outside) {
    }

    private static Parsed parse(String text) {
        List<Block> blocks = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        Block open = null;
        String openFence = null;
        for (String line : text.split("\n", -1)) {
            Matcher m = FENCE.matcher(line);
            boolean fenceLine = m.matches() && !m.group(3).contains(m.group(2).substring(0, 1));
            if (open == null) {
                if (fenceLine) {
                    open = new Block(language(m.group(3)), m.group(1).length());
                    openFence = m.group(2);
                    blocks.add(open);
                } else {
                    outside.add(line);
                }
                continue;
            }
            if (fenceLine && m.group(2).charAt(0) == openFence.charAt(0)
                    && m.group(2).length() >= openFence.length()) {
                open.closed = true;
                String info = m.group(3).strip();
                if (!info.isEmpty() && !info.contains(" ")) {
                    // "```python" where a closing fence belongs: the model forgot to close the previous block.
                    open = new Block(language(info), m.group(1).length());
                    openFence = m.group(2);
                    blocks.add(open);
                } else {
                    open = null;
                }
                continue;
            }
            open.lines.add(stripIndent(line, open.fenceIndent));
        }
        return new Parsed(blocks, outside);
    }

    /** The first word of a fence's info string, lower-cased: "```Python title=x" gives "python". */
    private static String language(String info) {
        String word = info.strip().replaceFirst("^[{.]+", "").split("[\\s{}]+", 2)[0];
        return word.toLowerCase(Locale.ROOT);
    }

    /** Content of a fence indented by n (inside a list item) loses up to n leading spaces, as in CommonMark. */
    private static String stripIndent(String line, int n) {
        int i = 0;
        while (i < n && i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return line.substring(i);
    }

    private static Extraction choose(List<Block> candidates, String kind) {
        boolean cutOff = candidates.stream().anyMatch(b -> !b.closed);
        String note = cutOff ? " (the fence is never closed: the answer was probably cut off)" : "";
        if (candidates.size() == 1) {
            return Extraction.of(tidy(candidates.get(0).lines), "a " + kind + " block" + note, cutOff);
        }

        List<Block> kept = withoutExcerpts(candidates);
        if (kept.size() == 1) {
            return Extraction.of(tidy(kept.get(0).lines), "the largest of " + candidates.size() + " " + kind
                    + " blocks (the others are excerpts of it)" + note, cutOff && !kept.get(0).closed);
        }
        if (shareDefinitions(kept)) {
            Block largest = kept.get(0);
            for (Block b : kept) {
                if (significant(b.lines).size() >= significant(largest.lines).size()) {
                    largest = b;
                }
            }
            return Extraction.of(tidy(largest.lines), "the largest of " + kept.size() + " " + kind
                    + " blocks (they are alternative versions)" + (largest.closed ? "" : note), !largest.closed);
        }
        StringBuilder joined = new StringBuilder();
        for (Block b : kept) {
            joined.append(tidy(b.lines)).append('\n');
        }
        return Extraction.of(tidy(List.of(joined.toString().split("\n", -1))), kept.size() + " " + kind
                + " blocks joined as parts of one script" + note, cutOff);
    }

    private static List<Block> withoutExcerpts(List<Block> blocks) {
        List<Block> kept = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Set<String> mine = significant(blocks.get(i).lines);
            boolean excerpt = false;
            for (int j = 0; j < blocks.size() && !excerpt; j++) {
                if (i == j) {
                    continue;
                }
                Set<String> theirs = significant(blocks.get(j).lines);
                // On equal sets keep only the last copy.
                excerpt = theirs.containsAll(mine) && (theirs.size() > mine.size() || j > i);
            }
            if (!excerpt) {
                kept.add(blocks.get(i));
            }
        }
        return kept;
    }

    /** Non-blank, non-comment lines, stripped: what a block says, ignoring layout. */
    private static Set<String> significant(List<String> lines) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : lines) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                out.add(s.replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    private static final Pattern IMPORT = Pattern.compile("^(import\\s+.+|from\\s+\\S+\\s+import\\s+.+)$");
    private static final Pattern DEF = Pattern.compile("^(?:async\\s+)?(?:def|class)\\s+(\\w+).*");
    private static final Pattern TOP_ASSIGN = Pattern.compile("^([A-Za-z_]\\w*)\\s*=(?!=).*");
    private static final Pattern USE_BPM = Pattern.compile("^(use_bpm|use_random_seed)\\s*\\(.*");

    /** True when two blocks define the same top-level thing: then they are versions, not parts, of a script. */
    private static boolean shareDefinitions(List<Block> blocks) {
        Set<String> seen = new HashSet<>();
        for (Block b : blocks) {
            Set<String> mine = new HashSet<>();
            for (String line : b.lines) {
                if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
                    continue; // only top-level lines define things
                }
                String s = line.strip().replaceAll("\\s+", " ");
                Matcher m;
                if (IMPORT.matcher(s).matches()) {
                    mine.add("import " + s);
                } else if ((m = DEF.matcher(s)).matches()) {
                    mine.add("def " + m.group(1));
                } else if ((m = TOP_ASSIGN.matcher(s)).matches()) {
                    mine.add("var " + m.group(1));
                } else if ((m = USE_BPM.matcher(s)).matches()) {
                    mine.add("use " + m.group(1));
                }
            }
            for (String key : mine) {
                if (!seen.add(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- unfenced answers ----

    private enum LineKind { BLANK, COMMENT, CODE, CONTINUATION, PROSE }

    private static Extraction fromUnfenced(List<String> lines) {
        List<String> body = new ArrayList<>(lines);
        dropLanguageLine(body);
        LineKind[] kinds = classify(body);

        int bestStart = -1;
        int bestEnd = -1;
        int bestCode = 0;
        int i = 0;
        while (i < body.size()) {
            if (kinds[i] == LineKind.PROSE) {
                i++;
                continue;
            }
            int start = i;
            int code = 0;
            while (i < body.size() && kinds[i] != LineKind.PROSE) {
                if (kinds[i] == LineKind.CODE) {
                    code++;
                }
                i++;
            }
            if (code > bestCode) {
                bestCode = code;
                bestStart = start;
                bestEnd = i;
            }
        }
        if (bestCode == 0) {
            return Extraction.none("the answer contains no code");
        }
        boolean whole = true;
        for (int k = 0; k < body.size(); k++) {
            if ((k < bestStart || k >= bestEnd) && kinds[k] != LineKind.BLANK) {
                whole = false;
                break;
            }
        }
        String code = tidy(body.subList(bestStart, bestEnd));
        return Extraction.of(code, whole ? "no fence; the whole answer looks like Python"
                : "no fence; took the " + code.split("\n").length + " lines that look like Python", false);
    }

    /** True when some line of the block is unmistakably Python. */
    private static boolean looksLikePython(List<String> lines) {
        for (LineKind k : classify(lines)) {
            if (k == LineKind.CODE) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern[] CODE_LINE = {
        Pattern.compile("^(?:async\\s+)?def\\s+\\w+\\s*\\(.*\\)\\s*(->.*)?:$"),
        Pattern.compile("^class\\s+\\w+(\\(.*\\))?\\s*:$"),
        Pattern.compile("^for\\s+[\\w, ()]+\\s+in\\s+.+:$"),
        Pattern.compile("^(?:if|elif|while|with)\\s+.+:$"),
        Pattern.compile("^(?:else|try|finally)\\s*:$"),
        Pattern.compile("^except(\\s+.+)?\\s*:$"),
        Pattern.compile("^import\\s+[\\w.]+(\\s+as\\s+\\w+)?(\\s*,\\s*[\\w.]+(\\s+as\\s+\\w+)?)*$"),
        Pattern.compile("^from\\s+[\\w.]+\\s+import\\s+.+$"),
        Pattern.compile("^(?:return|yield|raise|assert|del|global|nonlocal)(\\s.*)?$"),
        Pattern.compile("^(?:pass|break|continue)$"),
        Pattern.compile("^@[\\w.]+(\\(.*\\))?$"),
        // calls: play(60), with_fx(...) opening a multi-line call
        Pattern.compile("^[A-Za-z_][\\w.]*\\s*\\(.*\\)$"),
        Pattern.compile("^[A-Za-z_][\\w.]*\\s*\\(.*[,(\\[{]$"),
        Pattern.compile("^[A-Za-z_][\\w.]*\\s*\\($"),
        // assignments: x = 1, a, b = ..., notes[0] += 12
        Pattern.compile("^[A-Za-z_][\\w.]*(\\[[^\\]]*\\])?(\\s*,\\s*[A-Za-z_][\\w.]*)*\\s*(?:[-+*/%&|^]|//|\\*\\*)?="
                + "(?!=)\\s*\\S.*$"),
    };
    private static final Pattern CLOSERS = Pattern.compile("^[)\\]}][)\\]},:]*$");
    /** Four plain words in a row (outside strings): a sentence, not code. */
    private static final Pattern SENTENCE = Pattern.compile("\\b[A-Za-z']+(?: [A-Za-z']+[,.!?;]?){3,}");
    private static final Set<String> PY_WORDS = Set.of("and", "or", "not", "in", "is", "if", "else", "for", "lambda",
            "None", "True", "False", "return", "yield", "from", "import", "as", "with", "await", "async", "while",
            "def", "class", "del", "pass", "raise", "assert", "elif");

    private static LineKind[] classify(List<String> lines) {
        LineKind[] kinds = new LineKind[lines.size()];
        int depth = 0;
        boolean inCode = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace('\t', ' ').replace('\u00A0', ' ');
            String s = line.strip();
            LineKind kind;
            if (s.isEmpty()) {
                kind = LineKind.BLANK;
            } else if (s.startsWith("#")) {
                kind = LineKind.COMMENT;
            } else if (depth > 0 || (inCode && Character.isWhitespace(line.charAt(0)))
                    || (inCode && CLOSERS.matcher(s).matches())) {
                kind = LineKind.CONTINUATION;
            } else if (isCodeLine(s)) {
                kind = LineKind.CODE;
            } else {
                kind = LineKind.PROSE;
            }
            kinds[i] = kind;
            if (kind == LineKind.CODE || kind == LineKind.CONTINUATION) {
                inCode = true;
                depth = Math.max(0, depth + bracketBalance(s));
            } else if (kind == LineKind.PROSE) {
                inCode = false;
                depth = 0;
            }
        }
        return kinds;
    }

    private static boolean isCodeLine(String stripped) {
        String code = withoutCommentAndStrings(stripped);
        if (hasSentence(code)) {
            return false;
        }
        for (Pattern p : CODE_LINE) {
            if (p.matcher(code).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSentence(String code) {
        Matcher m = SENTENCE.matcher(code);
        while (m.find()) {
            int plain = 0;
            for (String word : m.group().split(" ")) {
                String w = word.replaceAll("[,.!?;]$", "");
                plain = PY_WORDS.contains(w) ? 0 : plain + 1;
                if (plain >= 4) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The line with string literals emptied and any trailing comment removed, stripped. */
    private static String withoutCommentAndStrings(String stripped) {
        String noStrings = STRING_LITERAL.matcher(stripped).replaceAll("\"\"");
        int hash = noStrings.indexOf('#');
        return (hash >= 0 ? noStrings.substring(0, hash) : noStrings).strip();
    }

    private static int bracketBalance(String stripped) {
        int balance = 0;
        for (char c : withoutCommentAndStrings(stripped).toCharArray()) {
            if (c == '(' || c == '[' || c == '{') {
                balance++;
            } else if (c == ')' || c == ']' || c == '}') {
                balance--;
            }
        }
        return balance;
    }

    // ---- tidying ----

    private static String normaliseNewlines(String s) {
        String t = s.startsWith("\uFEFF") ? s.substring(1) : s;
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static void dropLanguageLine(List<String> lines) {
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first < lines.size() && LANGUAGE_LINE.matcher(lines.get(first)).matches()) {
            lines.remove(first);
        }
    }

    /** Leading tabs to four spaces, common indentation removed, blank edges dropped, one final newline. */
    static String tidy(List<String> raw) {
        List<String> lines = new ArrayList<>();
        for (String line : raw) {
            lines.add(expandLeadingTabs(line));
        }
        dropLanguageLine(lines);
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                common = Math.min(common, indentOf(line));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(common).stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String expandLeadingTabs(String line) {
        StringBuilder indent = new StringBuilder();
        int i = 0;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                indent.append("    ");
            } else if (c == ' ' || c == '\u00A0') {
                indent.append(' ');
            } else {
                break;
            }
        }
        return indent + line.substring(i);
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
