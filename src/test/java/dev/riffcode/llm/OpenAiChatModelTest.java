package dev.riffcode.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffcode.llm.LlmException.Kind;
import dev.riffcode.llm.ScriptedOpenAiServer.RecordedRequest;
import dev.riffcode.llm.ScriptedOpenAiServer.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAiChatModel over real HTTP against {@link ScriptedOpenAiServer}: JSON, SSE, errors, retries, timeouts. */
class OpenAiChatModelTest {

    private static final String SCRIPT = "use_bpm(120)\nfor n in [\"C4\", \"E4\", \"G4\"]:\n    play(n)\n    sleep(0.5)\n";
    private static final List<ChatMessage> CONVERSATION = List.of(
            ChatMessage.system("You write Riffcode scripts."),
            ChatMessage.user("a C major arpeggio"));

    private ScriptedOpenAiServer server;

    @BeforeEach
    void startServer() {
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private LlmSettings settings(String apiKey, int maxRetries, Duration timeout) {
        return new LlmSettings(server.baseUrl(), apiKey, "test-model", timeout, maxRetries);
    }

    private OpenAiChatModel model(int maxRetries) {
        return OpenAiChatModel.create(settings(null, maxRetries, Duration.ofSeconds(5)));
    }

    private static LlmException fails(OpenAiChatModel model) {
        return assertThrows(LlmException.class, () -> model.complete(CONVERSATION));
    }

    // ---- answers ----

    @Test
    void streamsTokensInOrderAndReturnsTheFullAnswer() throws Exception {
        server.enqueue(Reply.text(SCRIPT));
        List<String> tokens = new ArrayList<>();
        try (OpenAiChatModel model = model(0)) {
            ChatResult result = model.complete(CONVERSATION, tokens::add);

            assertTrue(tokens.size() > 3, "streamed in several pieces: " + tokens);
            assertEquals(ScriptedOpenAiServer.splitIntoChunks(SCRIPT), tokens);
            assertEquals(SCRIPT, result.text());
            assertEquals("stop", result.finishReason());
            assertEquals("test-model", result.model());
            assertFalse(result.partial());
            assertFalse(result.hitTokenLimit());
            assertTrue(result.promptTokens() > 0, "usage from the stream's last chunk");
            assertEquals(tokens.size(), result.completionTokens());
            assertTrue(result.elapsedMillis() >= 0);
        }
    }

    @Test
    void sendsModelMessagesStreamFlagAndPlaceholderKey() throws Exception {
        server.enqueue(Reply.text(SCRIPT));
        try (OpenAiChatModel model = OpenAiChatModel.builder(settings(null, 0, Duration.ofSeconds(5)))
                .temperature(0.4).build()) {
            model.complete(List.of(ChatMessage.system("rules"), ChatMessage.user("make a beat"),
                    ChatMessage.assistant("play(60)"), ChatMessage.user("slower please")));
        }
        RecordedRequest request = server.lastChatRequest();
        JsonNode body = request.json();
        assertEquals("test-model", body.get("model").asText());
        assertTrue(body.get("stream").asBoolean());
        assertTrue(body.path("stream_options").path("include_usage").asBoolean());
        assertEquals(0.4, body.get("temperature").asDouble(), 1e-9);
        JsonNode messages = body.get("messages");
        assertEquals(4, messages.size());
        String[][] expected = {{"system", "rules"}, {"user", "make a beat"}, {"assistant", "play(60)"},
            {"user", "slower please"}};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], messages.get(i).get("role").asText());
            assertEquals(expected[i][1], messages.get(i).get("content").asText());
        }
        assertEquals("Bearer " + LlmSettings.PLACEHOLDER_API_KEY, request.authorization());
        assertEquals("text/event-stream", request.header("Accept"));
    }

    @Test
    void sendsTheRealKeyWhenOneIsConfiguredAndNoTemperatureByDefault() throws Exception {
        server.enqueue(Reply.text("play(60)\n"));
        try (OpenAiChatModel model = OpenAiChatModel.create(settings("sk-test-123456", 0, Duration.ofSeconds(5)))) {
            model.complete(CONVERSATION);
        }
        assertEquals("Bearer sk-test-123456", server.lastChatRequest().authorization());
        assertFalse(server.lastChatRequest().json().has("temperature"));
    }

    @Test
    void nonStreamedAnswerArrivesAsOnePiece() throws Exception {
        server.enqueue(Reply.text(SCRIPT).withModel("test-model-2025-01-01").withFinishReason("length"));
        List<String> tokens = new ArrayList<>();
        try (OpenAiChatModel model = OpenAiChatModel.builder(settings(null, 0, Duration.ofSeconds(5)))
                .streaming(false).build()) {
            ChatResult result = model.complete(CONVERSATION, tokens::add);
            assertEquals(List.of(SCRIPT), tokens);
            assertEquals(SCRIPT, result.text());
            assertEquals("test-model-2025-01-01", result.model(), "the model as the server reports it");
            assertTrue(result.hitTokenLimit());
            assertTrue(result.promptTokens() > 0);
        }
        JsonNode body = server.lastChatRequest().json();
        assertFalse(body.path("stream").asBoolean(false));
        assertFalse(body.has("stream_options"));
    }

    @Test
    void hugePromptIsSentWhole() throws Exception {
        String huge = "la ".repeat(350_000); // about 1 MB
        server.enqueue(Reply.text("play(60)\n"));
        try (OpenAiChatModel model = model(0)) {
            assertEquals("play(60)\n", model.complete(List.of(ChatMessage.user(huge))).text());
        }
        assertEquals(huge, server.lastChatRequest().json().get("messages").get(0).get("content").asText());
    }

    @Test
    void unicodeSurvivesTheRoundTrip() throws Exception {
        String answer = "# Café ♯ groove — 音楽\nplay(\"C♯4\")\n";
        server.enqueue(Reply.text(answer));
        try (OpenAiChatModel model = model(0)) {
            assertEquals(answer, model.complete(List.of(ChatMessage.user("ünïcödé ♫"))).text());
        }
        assertEquals("ünïcödé ♫", server.lastChatRequest().json().get("messages").get(0).get("content").asText());
    }

    @Test
    void aStreamEndingWithoutFinishReasonIsMarkedPartial() throws Exception {
        server.enqueue(Reply.text("play(60)\nsleep(1)\n").withoutFinish());
        try (OpenAiChatModel model = model(0)) {
            ChatResult result = model.complete(CONVERSATION);
            assertEquals("play(60)\nsleep(1)\n", result.text());
            assertTrue(result.partial());
            assertNull(result.finishReason());
        }
    }

    @Test
    void withNoModelConfiguredTheServersOnlyModelIsUsed() throws Exception {
        server.models("llama3.2:3b").enqueue(Reply.text("play(60)\n"));
        try (OpenAiChatModel model = OpenAiChatModel.create(new LlmSettings(server.baseUrl(), null, null,
                Duration.ofSeconds(5), 0))) {
            model.complete(CONVERSATION);
            assertEquals("llama3.2:3b", model.model());
        }
        assertEquals("llama3.2:3b", server.lastChatRequest().json().get("model").asText());
    }

    @Test
    void withNoModelConfiguredAndSeveralOnOfferTheUserIsAskedToChoose() {
        server.models("llama3.2:3b", "qwen2.5-coder:7b");
        try (OpenAiChatModel model = OpenAiChatModel.create(new LlmSettings(server.baseUrl(), null, null,
                Duration.ofSeconds(5), 0))) {
            LlmException e = fails(model);
            assertEquals(Kind.CONFIG, e.kind());
            assertTrue(e.getMessage().contains("llama3.2:3b, qwen2.5-coder:7b"), e.getMessage());
            assertTrue(e.getMessage().contains("--model"), e.getMessage());
        }
        assertTrue(server.chatRequests().isEmpty());
    }

    @Test
    void withNoModelConfiguredAndNoModelListTheUserIsAskedToNameOne() {
        String wrongRoot = "http://127.0.0.1:" + server.port() + "/api";
        try (OpenAiChatModel model = OpenAiChatModel.create(new LlmSettings(wrongRoot, null, null,
                Duration.ofSeconds(5), 0))) {
            LlmException e = fails(model);
            assertEquals(Kind.CONFIG, e.kind());
            assertTrue(e.getMessage().contains("--model"), e.getMessage());
        }
    }

    @Test
    void withNoModelConfiguredAnUnreachableServerIsReportedAsSuch() throws IOException {
        try (OpenAiChatModel model = OpenAiChatModel.create(new LlmSettings(closedPortUrl(), null, null,
                Duration.ofSeconds(2), 0))) {
            assertEquals(Kind.CONNECTION_FAILED, fails(model).kind());
        }
    }

    @Test
    void listsModels() throws Exception {
        server.models("a", "b", "c");
        try (OpenAiChatModel model = model(0)) {
            assertEquals(List.of("a", "b", "c"), model.listModels());
        }
    }

    // ---- HTTP errors ----

    @Test
    void unauthorizedSaysToCheckTheKey() {
        server.enqueue(Reply.error(401, "Incorrect API key provided: sk-wrong-key-123.").withErrorCode(
                "invalid_api_key"));
        try (OpenAiChatModel model = OpenAiChatModel.create(settings("sk-wrong-key-123", 2, Duration.ofSeconds(5)))) {
            LlmException e = fails(model);
            assertEquals(Kind.UNAUTHORIZED, e.kind());
            assertEquals(401, e.statusCode());
            assertTrue(e.getMessage().contains("OPENAI_API_KEY") && e.getMessage().contains("--api-key"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("sk-wrong-key-123"), "the key is never repeated: " + e.getMessage());
        }
        assertEquals(1, server.chatRequests().size(), "401 is not retried");
    }

    @Test
    void forbiddenNamesTheModel() {
        server.enqueue(Reply.error(403, "Project does not have access to model test-model"));
        try (OpenAiChatModel model = model(2)) {
            LlmException e = fails(model);
            assertEquals(Kind.FORBIDDEN, e.kind());
            assertTrue(e.getMessage().contains("'test-model'") && e.getMessage().contains("permissions"),
                    e.getMessage());
        }
        assertEquals(1, server.chatRequests().size());
    }

    @Test
    void unknownModelNamesItAndListsTheAvailableOnes() {
        server.models("llama3.2:3b", "qwen2.5-coder:7b")
                .enqueue(Reply.error(404, "model \"test-model\" not found, try pulling it first"));
        try (OpenAiChatModel model = model(2)) {
            LlmException e = fails(model);
            assertEquals(Kind.MODEL_NOT_FOUND, e.kind());
            assertEquals(404, e.statusCode());
            assertTrue(e.getMessage().contains("'test-model'"), e.getMessage());
            assertTrue(e.getMessage().contains("--model"), e.getMessage());
            assertTrue(e.getMessage().contains("llama3.2:3b, qwen2.5-coder:7b"), e.getMessage());
        }
        assertEquals(1, server.chatRequests().size(), "404 is not retried");
    }

    @Test
    void openAisModelNotFoundCodeIsRecognised() {
        server.models().enqueue(Reply.error(404, "The requested resource does not exist.")
                .withErrorCode("model_not_found"));
        try (OpenAiChatModel model = model(0)) {
            LlmException e = fails(model);
            assertEquals(Kind.MODEL_NOT_FOUND, e.kind());
            assertTrue(e.getMessage().contains("/models"), "suggests listing models: " + e.getMessage());
        }
    }

    @Test
    void aWrongBaseUrlIsNotMistakenForAnUnknownModel() {
        server.enqueue(Reply.raw(404, "text/plain", "404 page not found"));
        try (OpenAiChatModel model = model(0)) {
            LlmException e = fails(model);
            assertEquals(Kind.ENDPOINT_NOT_FOUND, e.kind());
            assertTrue(e.getMessage().contains("/v1") && e.getMessage().contains("--base-url"), e.getMessage());
        }
    }

    @Test
    void contextLengthExceededExplainsItself() {
        server.enqueue(Reply.error(400, "This model's maximum context length is 8192 tokens.")
                .withErrorCode("context_length_exceeded"));
        try (OpenAiChatModel model = model(2)) {
            LlmException e = fails(model);
            assertEquals(Kind.BAD_REQUEST, e.kind());
            assertTrue(e.getMessage().contains("too long"), e.getMessage());
        }
        assertEquals(1, server.chatRequests().size());
    }

    @Test
    void rateLimitIsRetriedAfterTheServersDelayAndReportsIt() {
        server.enqueue(Reply.error(429, "Rate limit reached").withRetryAfter("1"),
                Reply.error(429, "Rate limit reached").withRetryAfter("1"));
        long start = System.nanoTime();
        try (OpenAiChatModel model = model(1)) {
            LlmException e = fails(model);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Kind.RATE_LIMITED, e.kind());
            assertEquals(429, e.statusCode());
            assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
            assertTrue(e.getMessage().contains("wait 1 second"), e.getMessage());
            assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
            assertTrue(elapsedMs >= 900, "the client waited Retry-After before retrying: " + elapsedMs + " ms");
        }
        assertEquals(2, server.chatRequests().size(), "one try and one retry");
        assertEquals("0", server.chatRequests().get(0).header("X-Stainless-Retry-Count"));
        assertEquals("1", server.chatRequests().get(1).header("X-Stainless-Retry-Count"));
    }

    @Test
    void rateLimitRetryAfterTwentySecondsIsReported() {
        // No retries, so the test does not wait; the message still passes on what the server asked for.
        server.enqueue(Reply.error(429, "Too many requests").withRetryAfter("20"));
        try (OpenAiChatModel model = model(0)) {
            LlmException e = fails(model);
            assertEquals(Kind.RATE_LIMITED, e.kind());
            assertTrue(e.getMessage().contains("wait 20 seconds"), e.getMessage());
        }
    }

    @Test
    void outOfQuotaSaysSo() {
        server.enqueue(Reply.error(429, "You exceeded your current quota.").withErrorCode("insufficient_quota"));
        try (OpenAiChatModel model = model(0)) {
            LlmException e = fails(model);
            assertEquals(Kind.RATE_LIMITED, e.kind());
            assertTrue(e.getMessage().contains("quota") && e.getMessage().contains("billing"), e.getMessage());
        }
    }

    @Test
    void serverErrorThenSuccessIsRetriedTransparently() throws Exception {
        server.enqueue(Reply.error(500, "The server had an error"), Reply.text(SCRIPT));
        try (OpenAiChatModel model = model(2)) {
            assertEquals(SCRIPT, model.complete(CONVERSATION).text());
        }
        assertEquals(2, server.chatRequests().size());
        assertEquals(0, server.remainingReplies());
    }

    @Test
    void serviceUnavailableUntilRetriesRunOut() {
        server.enqueue(Reply.error(503, "overloaded"), Reply.error(503, "overloaded"),
                Reply.error(503, "overloaded"));
        try (OpenAiChatModel model = model(2)) {
            LlmException e = fails(model);
            assertEquals(Kind.SERVER_ERROR, e.kind());
            assertEquals(503, e.statusCode());
            assertTrue(e.getMessage().contains("overloaded") && e.getMessage().contains("after 3 attempts"),
                    e.getMessage());
        }
        assertEquals(3, server.chatRequests().size());
    }

    @Test
    void anErrorEventInTheStreamKeepsThePartialText() {
        server.enqueue(Reply.streamError("The model crashed", "use_bpm(120)\n", "play("));
        try (OpenAiChatModel model = model(2)) {
            LlmException e = fails(model);
            assertEquals(Kind.SERVER_ERROR, e.kind());
            assertEquals("use_bpm(120)\nplay(", e.partialText());
            assertTrue(e.getMessage().contains("The model crashed"), e.getMessage());
        }
        assertEquals(1, server.chatRequests().size(), "a started answer is not retried");
    }

    // ---- transport failures ----

    @Test
    void timeoutWhenTheServerIsSlowerThanTheLimit() {
        server.enqueue(Reply.text(SCRIPT).withDelay(Duration.ofSeconds(3)),
                Reply.text(SCRIPT).withDelay(Duration.ofSeconds(3)));
        long start = System.nanoTime();
        try (OpenAiChatModel model = OpenAiChatModel.create(settings(null, 1, Duration.ofMillis(300)))) {
            LlmException e = fails(model);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Kind.TIMEOUT, e.kind());
            assertTrue(e.getMessage().contains("within 0.3s") && e.getMessage().contains("--timeout"),
                    e.getMessage());
            assertTrue(elapsedMs < 2500, "gave up well before the server answered: " + elapsedMs + " ms");
        }
        assertEquals(2, server.chatRequests().size(), "the client retries a timeout");
    }

    @Test
    void aStallInTheMiddleOfTheAnswerIsATimeoutThatKeepsThePartialText() {
        server.enqueue(Reply.chunks("use_bpm(120)\n", "play(60)\n", "sleep(1)\n")
                .withChunkDelay(Duration.ofMillis(100)), Reply.chunks("a", "b").withChunkDelay(Duration.ofSeconds(2)));
        try (OpenAiChatModel model = OpenAiChatModel.create(settings(null, 0, Duration.ofMillis(500)))) {
            assertEquals("use_bpm(120)\nplay(60)\nsleep(1)\n", assertDoesNotFail(model).text(),
                    "steady chunks within the limit are fine, however long the whole answer takes");
            LlmException e = fails(model);
            assertEquals(Kind.TIMEOUT, e.kind());
            assertTrue(e.getMessage().contains("stalled"), e.getMessage());
        }
    }

    private static ChatResult assertDoesNotFail(OpenAiChatModel model) {
        try {
            return model.complete(CONVERSATION);
        } catch (LlmException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1"; // free once closed: nothing listens there
        }
    }

    @Test
    void connectionRefusedNamesTheUrlAndSuggestsStartingAServer() throws IOException {
        String url = closedPortUrl();
        try (OpenAiChatModel model = OpenAiChatModel.create(new LlmSettings(url, null, "m", Duration.ofSeconds(2),
                1))) {
            LlmException e = fails(model);
            assertEquals(Kind.CONNECTION_FAILED, e.kind());
            assertTrue(e.getMessage().contains(url), e.getMessage());
            assertTrue(e.getMessage().contains("ollama serve") && e.getMessage().contains("--base-url"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
        }
    }

    @Test
    void aDroppedConnectionKeepsThePartialText() {
        server.enqueue(Reply.cutOff("use_bpm(120)\n", "for n in range(4):\n", "    play("));
        List<String> tokens = new ArrayList<>();
        try (OpenAiChatModel model = model(2)) {
            LlmException e = assertThrows(LlmException.class, () -> model.complete(CONVERSATION, tokens::add));
            assertEquals(Kind.TRUNCATED, e.kind());
            assertEquals("use_bpm(120)\nfor n in range(4):\n    play(", e.partialText());
            assertEquals(e.partialText(), String.join("", tokens), "what was streamed is what is kept");
            assertTrue(e.getMessage().contains("dropped") && e.getMessage().contains("kept"), e.getMessage());
        }
        assertEquals(1, server.chatRequests().size(), "a started answer is not retried");
    }

    @Test
    void aDroppedConnectionWithoutStreamingIsTruncatedToo() {
        server.enqueue(Reply.cutOff("play(60)\n"));
        try (OpenAiChatModel model = OpenAiChatModel.builder(settings(null, 0, Duration.ofSeconds(5)))
                .streaming(false).build()) {
            LlmException e = fails(model);
            assertEquals(Kind.TRUNCATED, e.kind());
        }
    }

    @Test
    void emptyContentIsAnEmptyAnswer() {
        server.enqueue(Reply.empty());
        try (OpenAiChatModel model = model(2)) {
            LlmException e = fails(model);
            assertEquals(Kind.EMPTY_ANSWER, e.kind());
            assertTrue(e.getMessage().contains("empty answer") && e.getMessage().contains("'test-model'"),
                    e.getMessage());
        }
    }

    @Test
    void emptyContentAfterRunningOutOfTokensSaysWhy() {
        server.enqueue(Reply.empty().withFinishReason("length"));
        try (OpenAiChatModel model = model(0)) {
            LlmException e = fails(model);
            assertEquals(Kind.EMPTY_ANSWER, e.kind());
            assertTrue(e.getMessage().contains("ran out of tokens"), e.getMessage());
        }
    }

    @Test
    void aStreamThatEndsBeforeAnyTextIsTruncated() {
        server.enqueue(Reply.empty().withoutFinish());
        try (OpenAiChatModel model = model(0)) {
            assertEquals(Kind.TRUNCATED, fails(model).kind());
        }
    }

    @Test
    void somethingThatIsNotTheProtocolIsAProtocolError() {
        server.enqueue(Reply.raw(200, "text/event-stream", "data: {this is not json\n\n"));
        try (OpenAiChatModel model = model(0)) {
            LlmException e = fails(model);
            assertEquals(Kind.PROTOCOL, e.kind());
            assertTrue(e.getMessage().contains("OpenAI-compatible"), e.getMessage());
        }
    }

    @Test
    void anExceptionFromTheTokenConsumerAbandonsTheRequest() {
        server.enqueue(Reply.text(SCRIPT));
        try (OpenAiChatModel model = model(0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> model.complete(CONVERSATION, token -> {
                        throw new IllegalStateException("editor closed");
                    }));
            assertEquals("editor closed", e.getMessage());
        }
    }

    @Test
    void interruptingTheCallerCancelsAndKeepsThePartialText() {
        server.enqueue(Reply.chunks("play(60)\n", "sleep(1)\n", "play(62)\n").withChunkDelay(Duration.ofMillis(50)));
        try (OpenAiChatModel model = model(0)) {
            LlmException e = assertThrows(LlmException.class,
                    () -> model.complete(CONVERSATION, token -> Thread.currentThread().interrupt()));
            assertEquals(Kind.CANCELLED, e.kind());
            assertEquals("play(60)\n", e.partialText());
            assertTrue(Thread.interrupted(), "the interrupt stays visible to the caller");
        }
    }

    @Test
    void describeAndToStringNeverShowTheKey() {
        try (OpenAiChatModel model = OpenAiChatModel.create(settings("sk-secret-abcdef", 0, Duration.ofSeconds(5)))) {
            assertFalse(model.toString().contains("sk-secret"), model.toString());
            assertTrue(model.toString().contains(server.baseUrl()), model.toString());
        }
    }
}
