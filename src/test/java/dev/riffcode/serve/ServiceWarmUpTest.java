package dev.riffcode.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.Yin;
import dev.riffcode.llm.Templates;
import dev.riffcode.runtime.WorkerSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A service started with its warm-up: it listens at once, warms up in the background, says when it is done, and renders as usual. */
class ServiceWarmUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void warmsUpInTheBackgroundThenRendersAsUsual() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates/examples"));
        Files.writeString(templates.resolve("one.py"), "play(72)\nsleep(0.5)\n");
        String token = ServeConfig.randomToken();
        ServeConfig config = new ServeConfig(InetAddress.getLoopbackAddress(), 0, 1, 2, token, ServeConfig.DEFAULT_MAX_BODY,
                60_000, 600, dir.resolve("sessions"), WorkerSettings.defaults(), null, new Templates(dir.resolve("templates")));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        HttpClient http = HttpClient.newHttpClient();
        try (Service service = new Service(config, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            service.start(true);
            URI base = service.uri();
            assertNotEquals("off", status(http, base, token).get("warm_up").asText(), "it listens while it warms up");
            String state;
            long deadline = System.nanoTime() + 240_000_000_000L;
            do {
                Thread.sleep(200);
                state = status(http, base, token).get("warm_up").asText();
            } while (state.equals("running") && System.nanoTime() < deadline);
            assertEquals("done", state);
            String said = log.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("on 2 patches") && said.contains("warmed up: 4 renders"), said);
            HttpResponse<byte[]> wav = http.send(HttpRequest.newBuilder(base.resolve("/render"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("code", "play(69)\nsleep(1)\n"))))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, wav.statusCode(), () -> new String(wav.body(), StandardCharsets.UTF_8));
            AudioClip clip = WavReader.read(wav.body());
            double hz = new Yin(clip.sampleRate()).detect(clip.toMono(), clip.sampleRate() / 4, 4096).frequency();
            assertEquals(440, hz, 2, "the request after the warm-up plays A4");
        }
    }

    @Test
    @Timeout(300)
    void aWarmUpThatCannotReadItsScriptsIsSaidAndTheServiceServesOn() throws Exception {
        // A folder where a script should be: reading it fails, whoever runs the test.
        Files.createDirectories(dir.resolve("templates/examples/not_a_file.py"));
        String token = ServeConfig.randomToken();
        ServeConfig config = new ServeConfig(InetAddress.getLoopbackAddress(), 0, 1, 2, token, ServeConfig.DEFAULT_MAX_BODY,
                60_000, 600, dir.resolve("sessions"), WorkerSettings.defaults(), null, new Templates(dir.resolve("templates")));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        HttpClient http = HttpClient.newHttpClient();
        try (Service service = new Service(config, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            service.start(true);
            URI base = service.uri();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (status(http, base, token).get("warm_up").asText().equals("running") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals("done", status(http, base, token).get("warm_up").asText());
            String said = log.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("the warm-up stopped (the service serves on)") && said.contains("not_a_file.py"), said);
            HttpResponse<byte[]> wav = http.send(HttpRequest.newBuilder(base.resolve("/render"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("code", "play(69)\nsleep(1)\n"))))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, wav.statusCode(), () -> new String(wav.body(), StandardCharsets.UTF_8));
        }
    }

    private static JsonNode status(HttpClient http, URI base, String token) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("/status"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return JSON.readTree(r.body());
    }
}
