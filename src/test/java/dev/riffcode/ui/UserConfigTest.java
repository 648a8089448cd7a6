package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.llm.LlmSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the settings dialog writes: readable by its owner only, each key under its own endpoint, the rest kept. */
class UserConfigTest {

    @TempDir
    Path home;

    @Test
    void theFileIsOwnerOnlyAndTheKeyGoesOnlyToItsEndpoint() throws Exception {
        Path file = home.resolve("riffcode/config.json");
        UserConfig.write(file, "http://127.0.0.1:8080/v1/", "llama3.2", "sk-local-123");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

        LlmSettings here = LlmSettings.resolve(LlmSettings.Flags.none(), Map.of(), file);
        assertEquals("http://127.0.0.1:8080/v1", here.baseUrl());
        assertEquals("llama3.2", here.model());
        assertEquals("sk-local-123", here.apiKey());
        LlmSettings elsewhere = LlmSettings.resolve(new LlmSettings.Flags("http://other:9/v1", null, null, null, null),
                Map.of(), file);
        assertNull(elsewhere.apiKey(), "the key never follows another endpoint");

        UserConfig.Values values = UserConfig.read(file);
        assertEquals("http://127.0.0.1:8080/v1", values.baseUrl().replaceAll("/+$", ""));
        assertTrue(values.hasKey());
    }

    @Test
    void otherEntriesAndOtherEndpointsKeysAreKeptAndABlankKeyKeepsTheStoredOne() throws Exception {
        Path file = home.resolve("config.json");
        Files.writeString(file, "{\"api_keys\": {\"https://api.openai.com/v1\": \"sk-openai\"}, \"note\": 7}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        UserConfig.write(file, "http://localhost:11434/v1", "", "k-ollama");
        UserConfig.write(file, "http://localhost:11434/v1", "qwen", "");
        String json = Files.readString(file);
        assertTrue(json.contains("sk-openai") && json.contains("k-ollama") && json.contains("\"note\" : 7"), json);
        assertEquals("qwen", UserConfig.read(file).model());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "a file that was readable by others is made owner-only");
    }

    @Test
    void emptySettingsMeanTheOfflineGenerator() throws Exception {
        Path file = home.resolve("config.json");
        UserConfig.write(file, "http://localhost:11434/v1", "m", "");
        UserConfig.write(file, "", "", "");
        assertFalse(LlmSettings.resolve(LlmSettings.Flags.none(), Map.of(), file).isConfigured());
    }

    @Test
    void aKeyWithoutAnEndpointOrABrokenFileIsRefusedAndTheFileLeftAsItWas() throws Exception {
        Path file = home.resolve("config.json");
        var e = assertThrows(java.io.IOException.class, () -> UserConfig.write(file, "", "", "sk-secret"));
        assertTrue(e.getMessage().contains("endpoint"), e.getMessage());
        assertFalse(Files.exists(file));
        Files.writeString(file, "{\"api_key\": sk-unquoted-secret}");
        var broken = assertThrows(java.io.IOException.class, () -> UserConfig.write(file, "http://h/v1", "", ""));
        assertTrue(broken.getMessage().contains("not valid JSON at line 1"), broken.getMessage());
        assertFalse(broken.getMessage().contains("sk-unquoted-secret"), "the message never shows the file's text");
        assertEquals("{\"api_key\": sk-unquoted-secret}", Files.readString(file));
    }
}
