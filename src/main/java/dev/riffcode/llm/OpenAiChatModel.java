package dev.riffcode.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import dev.riffcode.llm.LlmException.Kind;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link ChatModel} on any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, llama.cpp server, vLLM,
 * LM Studio), through the official openai-java client.
 *
 * <p>Answers are streamed by default: each piece of text goes to the caller's {@code onToken} as it arrives. Failed
 * requests (429, 5xx, timeouts, connection failures) are retried by the client itself, up to
 * {@link LlmSettings#maxRetries()} times with its exponential backoff, honouring {@code Retry-After}; an answer that
 * has started streaming is never retried. Every failure becomes an {@link LlmException}.
 *
 * <p>When the settings name no model (a local server), the model is the one the server lists at {@code GET /models};
 * if it lists several, {@link #complete} fails and names them, so the user can pick one with {@code --model}.
 *
 * <p>Thread-safe; create one per settings and {@link #close()} it when done.
 */
public final class OpenAiChatModel implements ChatModel, AutoCloseable {

    /** The longest a whole request may take, however steadily the answer streams: a runaway model stops here. */
    static final Duration MAX_CALL = Duration.ofMinutes(15);

    private final LlmSettings settings;
    private final Double temperature;
    private final boolean streaming;
    private final OpenAIClient client;
    private volatile String resolvedModel;

    private OpenAiChatModel(Builder builder) {
        this.settings = builder.settings;
        this.temperature = builder.temperature;
        this.streaming = builder.streaming;
        this.resolvedModel = settings.model();
        Duration limit = settings.timeout();
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKeyOrPlaceholder())
                // The timeout bounds each silence (connect, first byte, gap between chunks), not the whole answer:
                // a slow local model may stream for minutes, and that is fine while it keeps streaming.
                .timeout(Timeout.builder()
                        .connect(limit)
                        .read(limit)
                        .write(limit)
                        .request(limit.compareTo(MAX_CALL) > 0 ? limit : MAX_CALL)
                        .build())
                .maxRetries(settings.maxRetries())
                .build();
    }

    /** A streaming model with the server's default temperature. */
    public static OpenAiChatModel create(LlmSettings settings) {
        return builder(settings).build();
    }

    /** Starts configuring a model for these settings. */
    public static Builder builder(LlmSettings settings) {
        return new Builder(settings);
    }

    /** Options for {@link OpenAiChatModel}. */
    public static final class Builder {
        private final LlmSettings settings;
        private Double temperature;
        private boolean streaming = true;

        private Builder(LlmSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /**
         * Sampling temperature, 0 to 2; null (the default) sends none and leaves it to the server. Reasoning models
         * (OpenAI's o-series and gpt-5 family) accept no temperature other than their default.
         */
        public Builder temperature(Double value) {
            if (value != null && !(value >= 0 && value <= 2)) {
                throw new IllegalArgumentException("temperature must be between 0 and 2, got " + value);
            }
            this.temperature = value;
            return this;
        }

        /**
         * Whether to stream the answer (default true). Without streaming the whole answer arrives at once and
         * {@code onToken} gets it as one piece: a fallback for servers whose streaming misbehaves.
         */
        public Builder streaming(boolean value) {
            this.streaming = value;
            return this;
        }

        public OpenAiChatModel build() {
            return new OpenAiChatModel(this);
        }
    }

    /** The settings this model was built with. */
    public LlmSettings settings() {
        return settings;
    }

    /** The model name requests use: the configured one, or the server's once looked up; null before that. */
    public String model() {
        return resolvedModel;
    }

    @Override
    public ChatResult complete(List<ChatMessage> messages, Consumer<String> onToken) throws LlmException {
        Objects.requireNonNull(onToken, "onToken");
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        String model = resolveModel();
        ChatCompletionCreateParams params = params(model, messages);
        OpenAiErrors errors = new OpenAiErrors(settings, model);
        long start = System.nanoTime();
        Answer answer = new Answer();
        try {
            if (streaming) {
                stream(params, answer, onToken);
            } else {
                once(params, answer, onToken);
            }
        } catch (OpenAIServiceException e) {
            throw errors.fromStatus(e, answer.text(), this::listModelsQuietly);
        } catch (OpenAIException | UncheckedIOException e) {
            if (OpenAiErrors.isTransport(e)) {
                // Failing to read a JSON answer means the answer had started arriving, like a broken stream.
                boolean started = answer.started || e instanceof OpenAIInvalidDataException;
                throw errors.fromTransport(e, answer.text(), started);
            }
            if (e instanceof OpenAIInvalidDataException) {
                throw errors.protocol(e, answer.text());
            }
            throw errors.other(e, answer.text());
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;

        String text = answer.text();
        if (text.isBlank() && answer.finishReason == null) {
            throw errors.endedWithoutAnswer(null);
        }
        if (text.isBlank()) {
            throw errors.emptyAnswer(answer.finishReason, answer.refusal.toString());
        }
        return new ChatResult(text, answer.finishReason, answer.model, answer.promptTokens, answer.completionTokens,
                elapsed, answer.finishReason == null);
    }

    /**
     * The model ids the server lists at {@code GET /models}.
     *
     * @throws LlmException when the server cannot be reached or refuses
     */
    public List<String> listModels() throws LlmException {
        OpenAiErrors errors = new OpenAiErrors(settings, resolvedModel);
        try {
            List<String> ids = new ArrayList<>();
            for (Model m : client.models().list().data()) {
                m._id().asKnown().ifPresent(ids::add);
            }
            return ids;
        } catch (OpenAIServiceException e) {
            if (e.statusCode() == 404) {
                throw new LlmException(Kind.ENDPOINT_NOT_FOUND, "The server at " + settings.baseUrl() + " does not"
                        + " list its models (HTTP 404 for " + settings.baseUrl() + "/models). Check --base-url; it"
                        + " usually ends in /v1.", "", 404, null, e);
            }
            throw errors.fromStatus(e, "", List::of);
        } catch (OpenAIException e) {
            if (OpenAiErrors.isTransport(e)) {
                throw errors.fromTransport(e, "", false);
            }
            throw errors.protocol(e, "");
        }
    }

    /** Frees the client's connections and threads. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + settings.describe() + "]";
    }

    // ---- internals ----

    /** What has arrived so far; kept outside the call so a failure can still report the partial text. */
    private static final class Answer {
        final StringBuilder text = new StringBuilder();
        final StringBuilder refusal = new StringBuilder();
        boolean started;
        String finishReason;
        String model;
        Integer promptTokens;
        Integer completionTokens;

        String text() {
            return text.toString();
        }

        void usage(CompletionUsage usage) {
            promptTokens = usage._promptTokens().asKnown().map(Long::intValue).orElse(promptTokens);
            completionTokens = usage._completionTokens().asKnown().map(Long::intValue).orElse(completionTokens);
        }

        void model(Optional<String> reported) {
            if (model == null) {
                reported.filter(m -> !m.isBlank()).ifPresent(m -> model = m);
            }
        }
    }

    private ChatCompletionCreateParams params(String model, List<ChatMessage> messages) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(model);
        for (ChatMessage m : messages) {
            switch (m.role()) {
                case SYSTEM -> b.addSystemMessage(m.content());
                case USER -> {
                    if (m.imageUrl() == null) {
                        b.addUserMessage(m.content());
                    } else {
                        // Vision models read a content array: the text, then the picture as an image_url part.
                        b.addUserMessageOfArrayOfContentParts(List.of(
                                ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                        .text(m.content()).build()),
                                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                                .url(m.imageUrl()).build())
                                        .build())));
                    }
                }
                case ASSISTANT -> b.addAssistantMessage(m.content());
            }
        }
        if (temperature != null) {
            b.temperature(temperature);
        }
        if (streaming) {
            // Ask for token counts in the last chunk; servers that do not support it just leave them out.
            b.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        return b.build();
    }

    private void stream(ChatCompletionCreateParams params, Answer answer, Consumer<String> onToken)
            throws LlmException {
        try (StreamResponse<ChatCompletionChunk> response = client.chat().completions().createStreaming(params)) {
            answer.started = true; // from here on the client no longer retries
            Iterator<ChatCompletionChunk> chunks = response.stream().iterator();
            while (chunks.hasNext()) {
                if (Thread.currentThread().isInterrupted()) {
                    // The editor stops a generation by interrupting; closing the stream drops the connection.
                    throw new LlmException(Kind.CANCELLED, "The answer was cancelled after " + answer.text.length()
                            + " characters.", answer.text(), 0, null, null);
                }
                ChatCompletionChunk chunk = chunks.next();
                answer.model(chunk._model().asKnown());
                chunk._usage().asKnown().ifPresent(answer::usage);
                for (ChatCompletionChunk.Choice choice : chunk._choices().asKnown().orElse(List.of())) {
                    if (choice._index().asKnown().orElse(0L) != 0) {
                        continue; // we ask for one choice; ignore any others
                    }
                    choice._finishReason().asKnown().ifPresent(r -> answer.finishReason = r.asString());
                    choice._delta().asKnown().ifPresent(delta -> {
                        delta._refusal().asKnown().ifPresent(answer.refusal::append);
                        delta._content().asKnown().filter(s -> !s.isEmpty()).ifPresent(piece -> {
                            answer.text.append(piece);
                            onToken.accept(piece);
                        });
                    });
                }
            }
        }
    }

    private void once(ChatCompletionCreateParams params, Answer answer, Consumer<String> onToken) {
        ChatCompletion completion = client.chat().completions().create(params);
        answer.model(completion._model().asKnown());
        completion._usage().asKnown().ifPresent(answer::usage);
        List<ChatCompletion.Choice> choices = completion._choices().asKnown().orElse(List.of());
        if (choices.isEmpty()) {
            return;
        }
        ChatCompletion.Choice choice = choices.get(0);
        choice._finishReason().asKnown().ifPresent(r -> answer.finishReason = r.asString());
        choice._message().asKnown().ifPresent(message -> {
            message._refusal().asKnown().ifPresent(answer.refusal::append);
            message._content().asKnown().filter(s -> !s.isEmpty()).ifPresent(text -> {
                answer.text.append(text);
                onToken.accept(text);
            });
        });
    }

    /** The configured model, or the server's only model when none is configured. */
    private String resolveModel() throws LlmException {
        String model = resolvedModel;
        if (model != null) {
            return model;
        }
        List<String> available;
        try {
            available = listModels();
        } catch (LlmException e) {
            if (e.kind() != Kind.ENDPOINT_NOT_FOUND) {
                throw e; // the server is unreachable or refuses: naming a model would not help
            }
            throw new LlmException(Kind.CONFIG, "No model is configured and the server at " + settings.baseUrl()
                    + " does not list its models. Name one with --model, RIFFCODE_MODEL, or model in the config file.",
                    "", e.statusCode(), null, e);
        }
        if (available.size() != 1) {
            throw new LlmException(Kind.CONFIG, "No model is configured and the server at " + settings.baseUrl()
                    + (available.isEmpty() ? " lists none (load or pull one first)"
                            : " offers several: " + String.join(", ", available.subList(0, Math.min(12,
                                    available.size()))) + (available.size() > 12 ? ", ..." : ""))
                    + ". Choose one with --model, RIFFCODE_MODEL, or model in the config file.");
        }
        resolvedModel = available.get(0);
        return resolvedModel;
    }

    private List<String> listModelsQuietly() {
        try {
            return listModels();
        } catch (LlmException e) {
            return null;
        }
    }
}
