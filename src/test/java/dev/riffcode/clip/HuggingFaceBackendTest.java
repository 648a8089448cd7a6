package dev.riffcode.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.Spectrum;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.testing.ExternalTools;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Hugging Face Inference client against a real 127.0.0.1 server, and where clip keys may go. */
class HuggingFaceBackendTest {

    @TempDir
    Path dir;

    @Test
    void waitsForALoadingModelThenDecodesTheWav() throws Exception {
        byte[] wav = WavWriter.toBytes(new float[][] {SpectrogramRoundTripTest.sine(440, 0.5, 3 * 44_100)}, 44_100,
                WavFormat.PCM_16);
        List<String> auth = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/models/facebook/musicgen-small", ex -> {
            try (ex) {
                bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                byte[] out = calls.incrementAndGet() == 1
                        ? "{\"error\":\"Model facebook/musicgen-small is currently loading\",\"estimated_time\":0.3}"
                                .getBytes(StandardCharsets.UTF_8) : wav;
                ex.getResponseHeaders().add("Content-Type", calls.get() == 1 ? "application/json" : "audio/wav");
                ex.sendResponseHeaders(calls.get() == 1 ? 503 : 200, out.length);
                ex.getResponseBody().write(out);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> parts = new ArrayList<>();
            ClipBackend.Result r = new HuggingFaceBackend(url, null, "hf_test_key_123", Duration.ofSeconds(10))
                    .make(new ClipBackend.Request("funky bass", null, 2, 5, new ClipBackend.Cancel()),
                            RiffusionBackendTest.listener(parts));
            assertEquals(2, calls.get());
            assertEquals(List.of("Bearer hf_test_key_123", "Bearer hf_test_key_123"), auth);
            assertTrue(bodies.get(0).contains("\"inputs\":\"funky bass\"") && bodies.get(0).contains("\"max_new_tokens\":100"),
                    bodies.get(0));
            assertEquals(2 * 44_100, r.audio().frames(), "cut to the length asked for");
            assertEquals(440, SpectrogramRoundTripTest.peakHz(r.audio().toMono(), 100, 2000), 2);
            assertTrue(r.notes().get(0).contains("loading"), r.notes().toString());
            assertEquals(List.of("request.json", "answer.wav"), parts);
        } finally {
            server.stop(0);
        }
    }

    /** A 127.0.0.1 Hugging Face server whose model answers every request with {@code body} as audio/flac. */
    private static HttpServer flacServer(byte[] body, List<String> accepts) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/models/facebook/musicgen-small", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                accepts.add(String.valueOf(ex.getRequestHeaders().getFirst("Accept")));
                ex.getResponseHeaders().add("Content-Type", "audio/flac");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    /** Debian's flac encoding of 3 s of stereo 24-bit audio at 32 kHz: an A3 chord tone (220 Hz) left, E5 right. */
    private byte[] flacAnswer() throws Exception {
        ExternalTools.require("flac");
        int rate = 32_000;
        float[] left = new float[3 * rate];
        float[] right = new float[3 * rate];
        for (int i = 0; i < left.length; i++) {
            left[i] = (float) (0.4 * Math.sin(2 * Math.PI * 220 * i / rate));
            right[i] = (float) (0.4 * Math.sin(2 * Math.PI * 659.26 * i / rate));
        }
        Path wav = dir.resolve("answer.wav");
        Files.write(wav, WavWriter.toBytes(new float[][] {left, right}, rate, WavFormat.PCM_24));
        Path flac = dir.resolve("answer.flac");
        ExternalTools.run("flac", "--silent", "-5", "-o", flac.toString(), wav.toString());
        return Files.readAllBytes(flac);
    }

    @Test
    void decodesAFlacAnswer() throws Exception {
        byte[] flac = flacAnswer();
        List<String> accepts = new CopyOnWriteArrayList<>();
        HttpServer server = flacServer(flac, accepts);
        try {
            List<String> parts = new ArrayList<>();
            ClipBackend.Result r = new HuggingFaceBackend("http://127.0.0.1:" + server.getAddress().getPort(), null,
                    null, Duration.ofSeconds(10)).make(new ClipBackend.Request("a drone", null, 2, 5,
                    new ClipBackend.Cancel()), RiffusionBackendTest.listener(parts));
            assertTrue(accepts.get(0).contains("audio/flac"), accepts.toString());
            assertEquals(List.of("request.json", "answer.flac"), parts);
            assertEquals(32_000, r.audio().sampleRate());
            assertEquals(2, r.audio().channelCount());
            assertEquals(2 * 32_000, r.audio().frames(), "cut to the length asked for");
            Spectrum spectrum = new Spectrum(32_768, 32_000);
            double[] left = spectrum.magnitudes(r.audio().channels()[0], 8_000);
            double[] right = spectrum.magnitudes(r.audio().channels()[1], 8_000);
            assertEquals(220, spectrum.strongestPeak(left, 50, 5000).frequency(), 1);
            assertEquals(659.26, spectrum.strongestPeak(right, 50, 5000).frequency(), 1);
            assertEquals(0.4 / Math.sqrt(2), Levels.rms(java.util.Arrays.copyOf(r.audio().channels()[0], 32_000)),
                    0.01, "level kept");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aTruncatedFlacAnswerIsABadAudioErrorAndIsKept() throws Exception {
        byte[] flac = flacAnswer();
        byte[] cut = java.util.Arrays.copyOf(flac, flac.length / 2);
        HttpServer server = flacServer(cut, new CopyOnWriteArrayList<>());
        try {
            List<String> parts = new ArrayList<>();
            ClipException e = assertThrows(ClipException.class, () -> new HuggingFaceBackend("http://127.0.0.1:"
                    + server.getAddress().getPort(), null, null, Duration.ofSeconds(10)).make(
                    new ClipBackend.Request("a drone", null, 2, 5, null), RiffusionBackendTest.listener(parts)));
            assertEquals(ClipException.Kind.BAD_AUDIO, e.kind());
            assertTrue(e.getMessage().contains("FLAC"), e.getMessage());
            assertEquals(List.of("request.json", "answer.flac"), parts, "what arrived is kept");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusedKeySaysWhatToDo() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                byte[] out = "{\"error\":\"Invalid credentials in Authorization header\"}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(401, out.length);
                ex.getResponseBody().write(out);
            }
        });
        server.start();
        try {
            ClipException e = assertThrows(ClipException.class, () -> new HuggingFaceBackend("http://127.0.0.1:"
                    + server.getAddress().getPort(), null, null, Duration.ofSeconds(5)).make(
                    new ClipBackend.Request("x", null, 2, 1, null), RiffusionBackendTest.listener(new ArrayList<>())));
            assertEquals(ClipException.Kind.HTTP, e.kind());
            assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("HF_TOKEN"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void keysGoOnlyWhereTheyWereGiven() throws Exception {
        Map<String, String> env = Map.of("HF_TOKEN", "hf_secret");
        // HF_TOKEN goes to Hugging Face's own endpoint...
        ClipSettings hf = ClipSettings.resolve(new ClipSettings.Flags("huggingface", null, null, null, null), env, null);
        assertEquals("hf_secret", hf.apiKey());
        assertTrue(hf.configured());
        // ...never to another server named by --clip-url.
        ClipSettings other = ClipSettings.resolve(new ClipSettings.Flags("huggingface", "http://127.0.0.1:9/x", null,
                null, null), env, null);
        assertNull(other.apiKey());
        assertTrue(other.keyRoute().contains("only sent to Hugging Face"), other.keyRoute());
        // A Riffusion server never gets a key, not even --clip-api-key.
        ClipSettings riff = ClipSettings.resolve(new ClipSettings.Flags(null, null, null, "k", null), env, null);
        assertEquals("riffusion", riff.backend());
        assertNull(riff.apiKey());
        assertTrue(!riff.configured(), "defaults only");
        // The config file's api_keys are matched by endpoint.
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"clip_backend\": \"huggingface\", \"clip_url\": \"http://127.0.0.1:8080/hf/\","
                + " \"api_keys\": {\"http://127.0.0.1:8080/hf\": \"local-key\", \"https://api.openai.com/v1\": \"sk-x\"}}");
        ClipSettings fromFile = ClipSettings.resolve(ClipSettings.Flags.none(), Map.of(), config);
        assertEquals("http://127.0.0.1:8080/hf", fromFile.url());
        assertEquals("local-key", fromFile.apiKey());
        assertTrue(!fromFile.toString().contains("local-key") && !fromFile.describe().contains("local-key"));
    }
}
