package dev.riffcode.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.Yin;
import dev.riffcode.llm.Templates;
import dev.riffcode.runtime.WorkerSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A service started with its warm-up: it listens at once, warms up in the background, says when it is done, and renders as usual. */
class ServiceWarmUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final String token = ServeConfig.randomToken();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    @Timeout(300)
    void warmsUpInTheBackgroundThenRendersAsUsual() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("templates/examples")).resolve("one.py"), "play(72)\nsleep(0.5)\n");
        try (Service service = startWarming()) {
            assertNotEquals("off", warmUp(service), "it listens while it warms up");
            assertEquals("done", awaitWarmUpEnd(service));
            String said = log.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("on 2 patches") && said.contains("warmed up: 4 renders"), said);
            assertEquals(440, pitchOfA4(service), 2, "the request after the warm-up plays A4");
        }
    }

    @Test
    @Timeout(300)
    void aWarmUpThatCannotReadItsScriptsIsSaidAndTheServiceServesOn() throws Exception {
        // A folder where a script should be: reading it fails, whoever runs the test.
        Files.createDirectories(dir.resolve("templates/examples/not_a_file.py"));
        try (Service service = startWarming()) {
            assertEquals("done", awaitWarmUpEnd(service));
            String said = log.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("the warm-up stopped (the service serves on)") && said.contains("not_a_file.py"), said);
            assertEquals(440, pitchOfA4(service), 2, "it serves on");
        }
    }

    /** A service of one worker on the test's templates/ folder, started with its warm-up. */
    private Service startWarming() throws Exception {
        ServeConfig config = new ServeConfig(InetAddress.getLoopbackAddress(), 0, 1, 2, token, ServeConfig.DEFAULT_MAX_BODY,
                60_000, 600, dir.resolve("sessions"), WorkerSettings.defaults(), null, new Templates(dir.resolve("templates")));
        Service service = new Service(config, new PrintStream(log, true, StandardCharsets.UTF_8));
        service.start(true);
        return service;
    }

    private String awaitWarmUpEnd(Service service) throws Exception {
        long deadline = System.nanoTime() + 240_000_000_000L;
        String state = warmUp(service);
        while (state.equals("running") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            state = warmUp(service);
        }
        return state;
    }

    /** Renders A4 for a second through the service and returns the pitch heard (YIN). */
    private double pitchOfA4(Service service) throws Exception {
        HttpResponse<byte[]> wav = http.send(HttpRequest.newBuilder(service.uri().resolve("/render"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("code", "play(69)\nsleep(1)\n"))))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, wav.statusCode(), () -> new String(wav.body(), StandardCharsets.UTF_8));
        AudioClip clip = WavReader.read(wav.body());
        return new Yin(clip.sampleRate()).detect(clip.toMono(), clip.sampleRate() / 4, 4096).frequency();
    }

    /** The warm-up's state in the service's /status. */
    private String warmUp(Service service) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(service.uri().resolve("/status"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return JSON.readTree(r.body()).get("warm_up").asText();
    }
}
