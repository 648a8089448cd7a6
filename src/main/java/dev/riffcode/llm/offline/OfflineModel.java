package dev.riffcode.llm.offline;

import dev.riffcode.llm.ChatMessage;
import dev.riffcode.llm.ChatModel;
import dev.riffcode.llm.ChatResult;
import dev.riffcode.llm.Generator;
import dev.riffcode.llm.LlmException;
import dev.riffcode.llm.Templates;
import java.util.List;
import java.util.function.Consumer;

/**
 * The offline generator behind the same {@link ChatModel} door as a real model, so its code goes
 * through the same validation and is recorded the same way. It answers from the request it was made
 * for (the messages are the model's, not its), and it cannot repair: asked again, it gives the
 * same answer, and the generator stops.
 */
public final class OfflineModel implements ChatModel {

    private final OfflineComposer composer;
    private final OfflineEditor editor = new OfflineEditor();
    private final Generator.Request request;
    private final long seed;

    public OfflineModel(Templates templates, Generator.Request request, long seed) {
        this.composer = new OfflineComposer(templates);
        this.request = request;
        this.seed = seed;
    }

    @Override
    public double tempoItCanPlay(double askedBpm) {
        return Math.max(PromptFeatures.MIN_BPM, Math.min(PromptFeatures.MAX_BPM, askedBpm));
    }

    @Override
    public ChatResult complete(List<ChatMessage> messages, Consumer<String> onToken) throws LlmException {
        long t0 = System.nanoTime();
        String intro;
        String code;
        if (request.mode() == Generator.Mode.EDIT) {
            OfflineEditor.Edit edit = editor.apply(request.currentCode(), request.prompt());
            if (!edit.changed()) {
                throw new LlmException(LlmException.Kind.OTHER, "the offline generator can change the tempo (\"double the tempo\", "
                        + "\"at 90 bpm\"), the brightness (\"darker\", \"brighter\"), the level (\"louder\", \"quieter\") and add "
                        + "reverb or echo, but not \"" + request.prompt().strip() + "\"; configure a model for free-form edits "
                        + "(OPENAI_API_KEY, or --base-url for a local server such as Ollama)");
            }
            intro = "Offline edit (no model): " + String.join("; ", edit.changes()) + ".";
            code = edit.code();
        } else {
            PromptFeatures features = PromptFeatures.read(request.prompt(), seed,
                    request.picture() == null ? null : request.picture().features());
            code = composer.compose(features);
            intro = "Offline draft (no model configured), seed " + seed + "."
                    + (request.picture() == null ? "" : " The picture " + request.picture().name() + ", as read:\n"
                            + String.join("\n", features.pictureMapping().stream().map(l -> "  " + l).toList()));
        }
        String answer = intro + "\n\n```python\n" + code.stripTrailing() + "\n```\n";
        for (String line : answer.split("(?<=\n)")) {
            onToken.accept(line);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new ChatResult(answer, "stop", OfflineComposer.MODEL_NAME, null, null, ms, false);
    }

    /** A stable seed for a prompt and its picture (null for none): the same words and picture, the same piece. */
    public static long seedFor(String prompt, dev.riffcode.picture.Picture picture) {
        return picture == null ? seedFor(prompt)
                : Math.floorMod(seedFor(prompt) * 31 + java.util.Arrays.hashCode(picture.original()), 1_000_000L);
    }

    /** A stable seed for a prompt, so the same words always give the same piece unless asked otherwise. */
    public static long seedFor(String prompt) {
        long h = 1125899906842597L;
        for (char c : prompt.strip().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            h = 31 * h + c;
        }
        return Math.floorMod(h, 1_000_000L);
    }
}
