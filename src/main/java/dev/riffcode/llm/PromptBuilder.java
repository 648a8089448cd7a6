package dev.riffcode.llm;

import dev.riffcode.picture.Picture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Assembles what a model is sent, from templates/prompts: the system message (rules, the API
 * reference written from the runtime's docstrings, a few teaching examples) and the user messages
 * for a new piece, an edit, a repair, and a repair of what was heard (pitch classes, tempo).
 */
public final class PromptBuilder {

    private static final Set<String> STOP_WORDS = Set.of("the", "a", "an", "and", "or", "of", "in", "on", "with",
            "to", "for", "that", "this", "it", "is", "at", "by", "from", "as", "only", "make", "write", "some");

    private final Templates templates;
    private final Supplier<String> apiReference;
    private final int examplesToSend;

    /**
     * @param apiReference supplies the API reference (it comes from the sandbox, so it is fetched lazily)
     */
    public PromptBuilder(Templates templates, Supplier<String> apiReference, int examplesToSend) {
        this.templates = templates;
        this.apiReference = apiReference;
        this.examplesToSend = examplesToSend;
    }

    public PromptBuilder(Templates templates, Supplier<String> apiReference) {
        this(templates, apiReference, 4);
    }

    public ChatMessage system(String prompt) {
        return ChatMessage.system(templates.fill("prompts/system.md", Map.of(
                "api_reference", apiReference.get().strip(),
                "examples", examples(prompt))));
    }

    /** The first exchange for a new piece. */
    public List<ChatMessage> newPiece(String prompt, String constraints) {
        return List.of(system(prompt), ChatMessage.user(templates.fill("prompts/new.md", Map.of(
                "prompt", prompt.strip(), "constraints", constraintsLine(constraints)))));
    }

    /**
     * The first exchange for a new piece from a picture: the picture goes beside the text as an image part, and
     * the text asks for what it evokes, with the prompt's words (if any) and what Riffcode measured in it.
     */
    public List<ChatMessage> fromPicture(String prompt, Picture picture, String constraints) {
        String words = prompt == null || prompt.isBlank() ? "(none: let the picture speak)" : prompt.strip();
        return List.of(system(prompt == null ? "" : prompt), ChatMessage.user(templates.fill("prompts/picture.md", Map.of(
                "prompt", words, "measured", picture.features().describe(), "constraints", constraintsLine(constraints))),
                picture.dataUrl()));
    }

    /** The first exchange for an edit of existing code. */
    public List<ChatMessage> edit(String prompt, String code, String constraints) {
        return List.of(system(prompt), ChatMessage.user(templates.fill("prompts/edit.md", Map.of(
                "prompt", prompt.strip(), "code", code.strip(), "constraints", constraintsLine(constraints)))));
    }

    /** The follow-up message after a script failed: the error with its line, and the numbered code. */
    public ChatMessage repair(String prompt, String code, String error) {
        return ChatMessage.user(templates.fill("prompts/repair.md", Map.of(
                "error", error, "numbered_code", numbered(code), "prompt", prompt.strip())));
    }

    /**
     * The follow-up message after the script ran but its audio is not what was asked: the problems
     * ({@link #pitchProblem}, {@link #tempoProblem}), one section each, and the request again.
     */
    public ChatMessage soundRepair(String prompt, String problems) {
        return ChatMessage.user(templates.fill("prompts/sound-repair.md", Map.of(
                "problems", problems.strip() + "\n", "prompt", prompt.strip())));
    }

    /** The section on pitch classes the request does not allow. */
    public String pitchProblem(String allowed, String heard, String wrong, String offending) {
        return templates.fill("prompts/pitch-repair.md", Map.of(
                "allowed", allowed, "heard", heard, "wrong", wrong,
                "offending", offending == null || offending.isBlank() ? "" : offending.strip() + "\n"));
    }

    /** The section on a tempo other than the one asked. */
    public String tempoProblem(String asked, String heard, String scriptTempo) {
        return templates.fill("prompts/tempo-repair.md", Map.of(
                "asked", asked, "heard", heard, "script_tempo", scriptTempo));
    }

    static String constraintsLine(String constraints) {
        return constraints == null || constraints.isBlank() ? "" : "\n" + constraints.strip() + "\n";
    }

    /** Code with right-aligned line numbers, so "line 7" in an error is easy to find. */
    static String numbered(String code) {
        String[] lines = code.split("\n", -1);
        int width = String.valueOf(lines.length).length();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(String.format(Locale.ROOT, "%" + width + "d| %s%n", i + 1, lines[i]));
        }
        return out.toString().stripTrailing();
    }

    /** The teaching examples for this prompt: the first two listed, then the best keyword matches. */
    String examples(String prompt) {
        List<String> listed = new ArrayList<>();
        for (String line : templates.read("prompts/example-pick.txt").split("\n")) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                listed.add(line.strip());
            }
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : listed) {
            Path file = templates.root().resolve("examples").resolve(name);
            try {
                texts.put(name, Files.readString(file).replace("\r\n", "\n"));
            } catch (IOException e) {
                // a listed example that is gone is skipped, not fatal
            }
        }
        List<String> names = new ArrayList<>(texts.keySet());
        List<String> chosen = new ArrayList<>(names.subList(0, Math.min(2, names.size())));
        Set<String> words = words(prompt);
        names.stream().skip(chosen.size())
                .sorted(Comparator.comparingInt((String n) -> -overlap(words, words(header(texts.get(n))))))
                .limit(Math.max(0, examplesToSend - chosen.size()))
                .forEach(chosen::add);
        StringBuilder out = new StringBuilder();
        for (String name : chosen) {
            out.append("## ").append(name).append("\n```python\n").append(texts.get(name).strip()).append("\n```\n\n");
        }
        return out.toString().strip();
    }

    private static String header(String code) {
        StringBuilder h = new StringBuilder();
        for (String line : code.split("\n")) {
            if (line.startsWith("#")) {
                h.append(line).append(' ');
            }
        }
        return h.toString();
    }

    private static int overlap(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size();
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9#]+")) {
            if (w.length() > 2 && !STOP_WORDS.contains(w)) {
                out.add(w.endsWith("s") && w.length() > 4 ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }
}
