package dev.riffcode.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.llm.LlmSettings.Flags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmSettingsTest {

    @TempDir
    Path dir;

    private Path config(String json) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return file;
    }

    private Path missing() {
        return dir.resolve("no-such-dir").resolve("config.json");
    }

    @Test
    void nothingConfiguredMeansOpenAiDefaultsAndNotConfigured() throws Exception {
        LlmSettings s = LlmSettings.resolve(Flags.none(), Map.of(), missing());
        assertEquals(LlmSettings.OPENAI_BASE_URL, s.baseUrl());
        assertNull(s.apiKey());
        assertEquals(LlmSettings.DEFAULT_OPENAI_MODEL, s.model());
        assertEquals(LlmSettings.DEFAULT_TIMEOUT, s.timeout());
        assertEquals(LlmSettings.DEFAULT_MAX_RETRIES, s.maxRetries());
        assertFalse(s.isConfigured());
        assertEquals(LlmSettings.PLACEHOLDER_API_KEY, s.apiKeyOrPlaceholder());
    }

    @Test
    void anOpenAiKeyAloneIsEnoughAndPicksTheDefaultModel() throws Exception {
        LlmSettings s = LlmSettings.resolve(Flags.none(), Map.of("OPENAI_API_KEY", "sk-env"), missing());
        assertTrue(s.isConfigured());
        assertTrue(s.isOpenAi());
        assertEquals("sk-env", s.apiKeyOrPlaceholder());
        assertEquals(LlmSettings.DEFAULT_OPENAI_MODEL, s.model());
    }

    @Test
    void aLocalBaseUrlAloneIsEnoughAndLeavesTheModelToTheServer() throws Exception {
        LlmSettings s = LlmSettings.resolve(Flags.none(), Map.of("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1/"),
                missing());
        assertTrue(s.isConfigured());
        assertFalse(s.isOpenAi());
        assertEquals("http://127.0.0.1:11434/v1", s.baseUrl(), "trailing slash dropped");
        assertNull(s.model());
        assertNull(s.apiKey());
        assertEquals(LlmSettings.PLACEHOLDER_API_KEY, s.apiKeyOrPlaceholder());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheConfigFile() throws Exception {
        Path file = config("{\"base_url\": \"http://file:1/v1\", \"api_key\": \"k-file\", \"model\": \"m-file\"}");
        Map<String, String> env = Map.of("OPENAI_BASE_URL", "http://env:2/v1", "OPENAI_API_KEY", "k-env",
                "RIFFCODE_MODEL", "m-env");
        Flags flags = new Flags("http://flag:3/v1", "k-flag", "m-flag", Duration.ofSeconds(7), 0);

        LlmSettings all = LlmSettings.resolve(flags, env, file);
        assertEquals("http://flag:3/v1", all.baseUrl());
        assertEquals("k-flag", all.apiKey());
        assertEquals("m-flag", all.model());
        assertEquals(Duration.ofSeconds(7), all.timeout());
        assertEquals(0, all.maxRetries());

        LlmSettings noFlags = LlmSettings.resolve(Flags.none(), env, file);
        assertEquals("http://env:2/v1", noFlags.baseUrl());
        assertEquals("k-env", noFlags.apiKey());
        assertEquals("m-env", noFlags.model());

        LlmSettings fileOnly = LlmSettings.resolve(Flags.none(), Map.of(), file);
        assertEquals("http://file:1/v1", fileOnly.baseUrl());
        assertEquals("k-file", fileOnly.apiKey());
        assertEquals("m-file", fileOnly.model());
    }

    @Test
    void eachValueResolvesOnItsOwn() throws Exception {
        Path file = config("{\"model\": \"qwen2.5-coder:7b\", \"base_url\": \"http://127.0.0.1:11434/v1\"}");
        LlmSettings s = LlmSettings.resolve(new Flags(null, null, "llama3.2", null, null), Map.of(), file);
        assertEquals("http://127.0.0.1:11434/v1", s.baseUrl());
        assertEquals("llama3.2", s.model());
    }

    // --- Which key goes where: a key is sent only to the endpoint it was given for. ---

    @Test
    void theOpenAiKeyFromTheEnvironmentDoesNotFollowABaseUrlFlag() throws Exception {
        LlmSettings s = LlmSettings.resolve(new Flags("http://127.0.0.1:9999/v1", null, null, null, null),
                Map.of("OPENAI_API_KEY", "sk-env-secret"), missing());
        assertNull(s.apiKey());
        assertEquals(LlmSettings.PLACEHOLDER_API_KEY, s.apiKeyOrPlaceholder());
        assertEquals("no API key goes to http://127.0.0.1:9999/v1 (OPENAI_API_KEY is only sent to "
                + LlmSettings.OPENAI_BASE_URL + ")", s.keyRoute());
    }

    @Test
    void theOpenAiKeyFromTheEnvironmentDoesNotFollowTheConfigFilesBaseUrl() throws Exception {
        LlmSettings s = LlmSettings.resolve(Flags.none(), Map.of("OPENAI_API_KEY", "sk-env-secret"),
                config("{\"base_url\": \"http://127.0.0.1:11434/v1\"}"));
        assertEquals("http://127.0.0.1:11434/v1", s.baseUrl());
        assertNull(s.apiKey());
    }

    @Test
    void theEnvironmentKeyGoesToOpenAiOrToTheEnvironmentsOwnBaseUrl() throws Exception {
        LlmSettings openAi = LlmSettings.resolve(Flags.none(), Map.of("OPENAI_API_KEY", "sk-env"), missing());
        assertEquals("sk-env", openAi.apiKey());
        assertEquals("API key from OPENAI_API_KEY goes to " + LlmSettings.OPENAI_BASE_URL, openAi.keyRoute());

        Map<String, String> pair = Map.of("OPENAI_API_KEY", "sk-env", "OPENAI_BASE_URL", "http://gateway:8000/v1/");
        LlmSettings paired = LlmSettings.resolve(Flags.none(), pair, missing());
        assertEquals("sk-env", paired.apiKey());
        assertEquals("API key from OPENAI_API_KEY goes to http://gateway:8000/v1", paired.keyRoute());

        // The same endpoint spelled differently on the command line is still the endpoint the key was given for.
        LlmSettings sameEndpoint = LlmSettings.resolve(new Flags("HTTP://Gateway:8000/v1", null, null, null, null),
                pair, missing());
        assertEquals("sk-env", sameEndpoint.apiKey());

        // With OPENAI_BASE_URL set, the key belongs to that endpoint, not to OpenAI.
        LlmSettings toOpenAi = LlmSettings.resolve(new Flags(LlmSettings.OPENAI_BASE_URL, null, null, null, null),
                pair, missing());
        assertNull(toOpenAi.apiKey());
        assertTrue(toOpenAi.keyRoute().contains("only sent to http://gateway:8000/v1"), toOpenAi.keyRoute());
    }

    @Test
    void anApiKeyFlagGoesToThisRunsEndpoint() throws Exception {
        LlmSettings s = LlmSettings.resolve(new Flags("http://127.0.0.1:9999/v1", "k-flag", null, null, null),
                Map.of("OPENAI_API_KEY", "sk-env"), missing());
        assertEquals("k-flag", s.apiKey());
        assertEquals("API key from --api-key goes to http://127.0.0.1:9999/v1", s.keyRoute());
    }

    @Test
    void theConfigFilesKeysGoOnlyToTheirOwnEndpoints() throws Exception {
        Path file = config("{\"api_key\": \"k-openai\", \"api_keys\": {\"http://127.0.0.1:8080/v1/\": \"k-llama\"}}");
        LlmSettings llama = LlmSettings.resolve(new Flags("http://127.0.0.1:8080/v1", null, null, null, null),
                Map.of(), file);
        assertEquals("k-llama", llama.apiKey());
        assertTrue(llama.keyRoute().startsWith("API key from api_keys in " + file), llama.keyRoute());

        LlmSettings openAi = LlmSettings.resolve(Flags.none(), Map.of(), file);
        assertEquals("k-openai", openAi.apiKey(), "a top-level api_key with no base_url is OpenAI's");

        LlmSettings other = LlmSettings.resolve(new Flags("http://127.0.0.1:9999/v1", null, null, null, null),
                Map.of(), file);
        assertNull(other.apiKey());
        assertTrue(other.keyRoute().contains("api_key is only sent to " + LlmSettings.OPENAI_BASE_URL), other.keyRoute());
    }

    @Test
    void theKeyRouteNeverShowsAKey() throws Exception {
        Path file = config("{\"api_key\": \"k-file-secret\"}");
        for (Flags flags : new Flags[] {Flags.none(), new Flags(null, "k-flag-secret", null, null, null),
                new Flags("http://127.0.0.1:1/v1", null, null, null, null)}) {
            String route = LlmSettings.resolve(flags, Map.of("OPENAI_API_KEY", "sk-env-secret"), file).keyRoute();
            assertFalse(route.contains("secret"), route);
        }
    }

    @Test
    void aMalformedKeyMapIsAClearError() throws Exception {
        LlmException e = assertThrows(LlmException.class,
                () -> LlmSettings.resolve(Flags.none(), Map.of(), config("{\"api_keys\": [\"k\"]}")));
        assertTrue(e.getMessage().contains("\"api_keys\" must be an object"), e.getMessage());
    }

    @Test
    void emptyValuesCountAsUnset() throws Exception {
        Path file = config("{\"model\": \"m-file\", \"api_key\": null}");
        LlmSettings s = LlmSettings.resolve(new Flags("", " ", "", null, null),
                Map.of("OPENAI_API_KEY", "", "RIFFCODE_MODEL", "  "), file);
        assertEquals(LlmSettings.OPENAI_BASE_URL, s.baseUrl());
        assertNull(s.apiKey());
        assertEquals("m-file", s.model());
    }

    @Test
    void emptyConfigFileIsFine() throws Exception {
        assertEquals(LlmSettings.OPENAI_BASE_URL, LlmSettings.resolve(Flags.none(), Map.of(), config("  \n")).baseUrl());
        assertEquals(LlmSettings.OPENAI_BASE_URL, LlmSettings.resolve(Flags.none(), Map.of(), config("{}")).baseUrl());
        assertEquals(LlmSettings.OPENAI_BASE_URL, LlmSettings.resolve(Flags.none(), Map.of(), null).baseUrl());
    }

    @Test
    void unknownConfigKeysAreIgnored() throws Exception {
        LlmSettings s = LlmSettings.resolve(Flags.none(), Map.of(), config("{\"model\": \"m\", \"theme\": \"dark\"}"));
        assertEquals("m", s.model());
    }

    @Test
    void malformedConfigFileNamesTheFileAndTheProblem() throws Exception {
        Path file = config("{\"model\": \"m\",\n \"api_key\": sk-unquoted-secret-key }");
        LlmException e = assertThrows(LlmException.class, () -> LlmSettings.resolve(Flags.none(), Map.of(), file));
        assertEquals(LlmException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON") && e.getMessage().contains("line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("unquoted-secret"), "no key in the message: " + e.getMessage());
    }

    @Test
    void configFileMustHoldAnObjectOfStrings() throws Exception {
        LlmException notObject = assertThrows(LlmException.class,
                () -> LlmSettings.resolve(Flags.none(), Map.of(), config("[\"gpt-4.1-mini\"]")));
        assertTrue(notObject.getMessage().contains("JSON object"), notObject.getMessage());

        LlmException notString = assertThrows(LlmException.class,
                () -> LlmSettings.resolve(Flags.none(), Map.of(), config("{\"model\": 4}")));
        assertTrue(notString.getMessage().contains("\"model\" must be a string"), notString.getMessage());
    }

    @Test
    void aDirectoryInsteadOfAConfigFileIsAClearError() throws Exception {
        Path asDir = Files.createDirectories(dir.resolve("config.json"));
        LlmException e = assertThrows(LlmException.class, () -> LlmSettings.resolve(Flags.none(), Map.of(), asDir));
        assertTrue(e.getMessage().contains("directory") && e.getMessage().contains(asDir.toString()), e.getMessage());
    }

    @Test
    void badBaseUrlNamesItsSource() {
        LlmException fromEnv = assertThrows(LlmException.class, () -> LlmSettings.resolve(Flags.none(),
                Map.of("OPENAI_BASE_URL", "localhost:11434"), missing()));
        assertEquals(LlmException.Kind.CONFIG, fromEnv.kind());
        assertTrue(fromEnv.getMessage().contains("OPENAI_BASE_URL") && fromEnv.getMessage().contains("http://"),
                fromEnv.getMessage());

        LlmException fromFlag = assertThrows(LlmException.class, () -> LlmSettings.resolve(
                new Flags("ftp://x/v1", null, null, null, null), Map.of(), missing()));
        assertTrue(fromFlag.getMessage().contains("--base-url"), fromFlag.getMessage());
    }

    @Test
    void aConfigFileThatIsNotUtf8IsAClearError() throws Exception {
        Path file = dir.resolve("config.json");
        Files.write(file, new byte[] {'{', '"', 'm', '"', ':', '"', (byte) 0xE9, '"', '}'});
        LlmException e = assertThrows(LlmException.class, () -> LlmSettings.resolve(Flags.none(), Map.of(), file));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void settingsBuiltDirectlyRejectABadUrl() {
        assertThrows(IllegalArgumentException.class,
                () -> new LlmSettings("localhost:11434", null, null, Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LlmSettings(" ", null, null, Duration.ofSeconds(1), 0));
    }

    @Test
    void describeAndToStringNeverContainTheKey() throws Exception {
        LlmSettings s = LlmSettings.resolve(new Flags(null, "sk-very-secret-key-42", null, null, 1), Map.of(),
                missing());
        for (String text : new String[] {s.describe(), s.toString()}) {
            assertFalse(text.contains("sk-very-secret-key-42"), text);
            assertFalse(text.contains("secret"), text);
            assertTrue(text.contains("API key set"), text);
            assertTrue(text.contains(LlmSettings.DEFAULT_OPENAI_MODEL) && text.contains("1 retry"), text);
        }
        assertFalse(new Flags(null, "sk-very-secret-key-42", null, null, null).toString().contains("secret"));
        LlmSettings local = new LlmSettings("http://127.0.0.1:8080/v1", null, null, Duration.ofMillis(1500), 2);
        assertEquals("the server's model at http://127.0.0.1:8080/v1 (no API key, timeout 1.5s, 2 retries)",
                local.describe());
    }

    @Test
    void xdgConfigHomeIsHonoured() {
        assertEquals(Path.of("/xdg/riffcode/config.json"),
                LlmSettings.defaultConfigFile(Map.of("XDG_CONFIG_HOME", "/xdg")));
        assertEquals(Path.of(System.getProperty("user.home"), ".config", "riffcode", "config.json"),
                LlmSettings.defaultConfigFile(Map.of()));
    }

    @Test
    void invalidNumbersAreRejected() {
        assertThrows(LlmException.class, () -> LlmSettings.resolve(
                new Flags(null, null, null, Duration.ZERO, null), Map.of(), missing()));
        assertThrows(LlmException.class, () -> LlmSettings.resolve(
                new Flags(null, null, null, null, -1), Map.of(), missing()));
    }
}
