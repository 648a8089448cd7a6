package dev.riffcode.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riffcode.llm.ScriptedOpenAiServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test server speaks the wire protocol as a plain HTTP client sees it, independently of openai-java. */
class ScriptedOpenAiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private ScriptedOpenAiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer abc")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void baseUrlIsLoopbackWithV1() {
        assertTrue(server.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+/v1"), server.baseUrl());
    }

    @Test
    void jsonAnswerHasTheChatCompletionShape() throws Exception {
        server.enqueue(Reply.text("play(60)\nsleep(1)\n"));
        HttpResponse<String> response = post(CHAT + "}");
        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("chat.completion", body.get("object").asText());
        assertEquals("m", body.get("model").asText());
        JsonNode choice = body.get("choices").get(0);
        assertEquals("assistant", choice.get("message").get("role").asText());
        assertEquals("play(60)\nsleep(1)\n", choice.get("message").get("content").asText());
        assertEquals("stop", choice.get("finish_reason").asText());
        assertTrue(body.get("usage").get("prompt_tokens").asInt() > 0);
    }

    @Test
    void streamedAnswerIsServerSentEventsEndingWithDone() throws Exception {
        server.enqueue(Reply.chunks("play(", "60)\n"));
        HttpResponse<String> response = post(CHAT + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        List<String> events = new ArrayList<>();
        for (String block : response.body().split("\n\n")) {
            assertTrue(block.startsWith("data: "), block);
            events.add(block.substring("data: ".length()));
        }
        assertEquals("[DONE]", events.get(events.size() - 1));
        StringBuilder text = new StringBuilder();
        String finish = null;
        boolean usage = false;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = JSON.readTree(event);
            assertEquals("chat.completion.chunk", chunk.get("object").asText());
            usage |= chunk.has("usage");
            for (JsonNode choice : chunk.get("choices")) {
                text.append(choice.get("delta").path("content").asText(""));
                if (!choice.get("finish_reason").isNull()) {
                    finish = choice.get("finish_reason").asText();
                }
            }
        }
        assertEquals("play(60)\n", text.toString());
        assertEquals("stop", finish);
        assertTrue(usage);
    }

    @Test
    void errorsCarryOpenAiStyleBodiesAndRetryAfter() throws Exception {
        server.enqueue(Reply.error(429, "slow down").withRetryAfter("7").withErrorCode("rate_limit_exceeded"));
        HttpResponse<String> response = post(CHAT + "}");
        assertEquals(429, response.statusCode());
        assertEquals("7", response.headers().firstValue("Retry-After").orElse(""));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals("slow down", error.get("message").asText());
        assertEquals("rate_limit_error", error.get("type").asText());
        assertEquals("rate_limit_exceeded", error.get("code").asText());
    }

    @Test
    void aCutOffStreamBreaksTheConnection() throws Exception {
        server.enqueue(Reply.cutOff("play("));
        assertThrows(IOException.class, () -> post(CHAT + ",\"stream\":true}"));
    }

    @Test
    void modelsAreListed() throws Exception {
        server.models("x", "y");
        JsonNode body = JSON.readTree(get("/v1/models").body());
        assertEquals("list", body.get("object").asText());
        assertEquals("x", body.get("data").get(0).get("id").asText());
        assertEquals("y", body.get("data").get(1).get("id").asText());
    }

    @Test
    void unknownPathsArePlainTextNotFound() throws Exception {
        HttpResponse<String> response = get("/api/chat");
        assertEquals(404, response.statusCode());
        assertEquals("404 page not found", response.body());
    }

    @Test
    void withNoReplyQueuedTheAnswerSaysSo() throws Exception {
        HttpResponse<String> response = post(CHAT + "}");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("no reply queued"), response.body());
    }

    @Test
    void requestsWithoutModelOrMessagesAreRejectedWithoutTakingAReply() throws Exception {
        server.enqueue(Reply.text("x"));
        assertEquals(400, post("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode());
        assertEquals(400, post("{\"model\":\"m\",\"messages\":[]}").statusCode());
        assertEquals(400, post("not json").statusCode());
        assertEquals(1, server.remainingReplies());
    }

    @Test
    void everyRequestIsRecorded() throws Exception {
        server.enqueue(Reply.text("x"));
        post(CHAT + "}");
        get("/v1/models");
        assertEquals(2, server.requests().size());
        assertEquals(1, server.chatRequests().size());
        ScriptedOpenAiServer.RecordedRequest chat = server.lastChatRequest();
        assertEquals("Bearer abc", chat.authorization());
        assertEquals("application/json", chat.header("content-type"));
        assertEquals("hi", chat.json().get("messages").get(0).get("content").asText());
        assertFalse(server.requests().get(1).isChat());
    }

    @Test
    void textIsSplitIntoChunksThatJoinBack() {
        String text = "  use_bpm(120)\n\nfor n in range(4):\n    play(n)  \n";
        List<String> chunks = ScriptedOpenAiServer.splitIntoChunks(text);
        assertTrue(chunks.size() >= 3, chunks.toString());
        assertEquals(text, String.join("", chunks));
        assertEquals(List.of(), ScriptedOpenAiServer.splitIntoChunks(""));
    }
}
