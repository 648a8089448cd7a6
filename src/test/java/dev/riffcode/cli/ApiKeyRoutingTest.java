package dev.riffcode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.llm.LlmSettings;
import dev.riffcode.llm.ScriptedOpenAiServer;
import dev.riffcode.llm.ScriptedOpenAiServer.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key from the environment must never reach a server the user pointed {@code --base-url} at. This runs the real
 * command in a child JVM, because the environment is the thing under test, against a real local server that records
 * the {@code Authorization} header it received.
 */
class ApiKeyRoutingTest {

    static final String TUNE = "play(69)\nsleep(0.5)\n";
    static final String ENV_KEY = "sk-env-key-that-must-stay-home-0123456789";

    @TempDir
    Path dir;

    @Test
    void theOpenAiKeyInTheEnvironmentIsNotSentToAnotherServer() throws Exception {
        try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
            server.enqueue(Reply.text("```python\n" + TUNE + "```\n"));
            Child run = generate(Map.of("OPENAI_API_KEY", ENV_KEY), "--base-url", server.baseUrl(), "--model", "m");
            assertEquals(0, run.code, run.err);
            String sent = server.lastChatRequest().authorization();
            assertFalse(sent.contains(ENV_KEY), "the environment's key went to " + server.baseUrl());
            assertEquals("Bearer " + LlmSettings.PLACEHOLDER_API_KEY, sent);
            assertTrue(run.err.contains("no API key goes to " + server.baseUrl() + " (OPENAI_API_KEY is only sent to "
                    + LlmSettings.OPENAI_BASE_URL + ")"), "one line says where the key goes: " + run.err);
            assertFalse(run.err.contains(ENV_KEY) || run.out.contains(ENV_KEY), "the key is never printed");
        }
    }

    @Test
    void theEnvironmentsKeyAndBaseUrlTravelTogether() throws Exception {
        try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
            server.enqueue(Reply.text("```python\n" + TUNE + "```\n"));
            Child run = generate(Map.of("OPENAI_API_KEY", ENV_KEY, "OPENAI_BASE_URL", server.baseUrl()), "--model", "m");
            assertEquals(0, run.code, run.err);
            assertEquals("Bearer " + ENV_KEY, server.lastChatRequest().authorization());
            assertTrue(run.err.contains("API key from OPENAI_API_KEY goes to " + server.baseUrl()), run.err);
            assertFalse(run.err.contains(ENV_KEY), "the key is never printed");
        }
    }

    private record Child(int code, String out, String err) {
    }

    private Child generate(Map<String, String> env, String... flags) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m",
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-Driffcode.sessions=" + dir.resolve("sessions"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "generate", "a short tune", "-o", dir.resolve("out.wav").toString()));
        command.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("OPENAI_API_KEY");
        pb.environment().remove("OPENAI_BASE_URL");
        pb.environment().remove("RIFFCODE_MODEL");
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        pb.environment().putAll(env);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("generate did not finish in 120 s:\n" + Files.readString(err));
        }
        return new Child(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
