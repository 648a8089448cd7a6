package dev.riffcode.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.PitchClassAnalyzer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Riffusion client against a real HTTP server on 127.0.0.1 that speaks the protocol. */
class RiffusionBackendTest {

    static ClipBackend.Listener listener(List<String> parts) {
        return new ClipBackend.Listener() {
            @Override
            public void status(String text, double fraction) {
            }

            @Override
            public void part(String name, byte[] data) {
                parts.add(name);
            }
        };
    }

    static ClipBackend.Result make(String url, double seconds, Duration timeout, List<String> parts)
            throws ClipException {
        return new RiffusionBackend(url, timeout).make(new ClipBackend.Request("lo-fi beat", "choir swell", seconds,
                7, new ClipBackend.Cancel()), listener(parts));
    }

    static float[] mono(AudioClip clip) {
        return clip.toMono();
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void oneSegmentSpeaksTheProtocolAndDecodesTheMp3() throws Exception {
        try (RiffusionTestServer server = new RiffusionTestServer(n -> RiffusionTestServer.Answer.json(
                RiffusionTestServer.output(ClipFixtures.a440Jpeg(), ClipFixtures.a440Mp3())))) {
            List<String> got = new ArrayList<>();
            ClipBackend.Result r = make(server.url(), 5, Duration.ofSeconds(20), got);
            JsonNode req = server.requests.get(0);
            assertEquals("lo-fi beat", req.at("/start/prompt").asText());
            assertEquals(7, req.at("/start/seed").asLong());
            assertEquals("choir swell", req.at("/end/prompt").asText());
            assertEquals(8, req.at("/end/seed").asLong());
            assertEquals(0.75, req.at("/start/denoising").asDouble());
            assertEquals(7.0, req.at("/start/guidance").asDouble());
            assertEquals(0.0, req.get("alpha").asDouble());
            assertEquals(50, req.get("num_inference_steps").asInt());
            assertEquals("og_beat", req.get("seed_image_id").asText());
            assertEquals(List.of("segment-1-request.json", "segment-1-answer.json", "segment-1.jpg", "segment-1.mp3"), got);
            assertEquals(44_100, r.audio().sampleRate());
            assertEquals(5 * 44_100, r.audio().frames());
            float[] x = mono(r.audio());
            assertEquals(440, SpectrogramRoundTripTest.peakHz(x, 100, 2000), 2);
            assertEquals(0.5 / Math.sqrt(2), rms(x, 44_100, 4 * 44_100), 0.03, "the level of the -6 dBFS sine");
            assertTrue(r.notes().isEmpty());
        }
    }

    @Test
    void segmentsWalkAlphaAndJoinWithoutClicks() throws Exception {
        try (RiffusionTestServer server = new RiffusionTestServer(n -> RiffusionTestServer.Answer.json(
                RiffusionTestServer.output(ClipFixtures.a440Jpeg(),
                        n % 2 == 1 ? ClipFixtures.a440Mp3() : ClipFixtures.cegMp3())))) {
            ClipBackend.Result r = make(server.url(), 14, Duration.ofSeconds(20), new ArrayList<>());
            assertEquals(3, server.requests.size());
            assertEquals(List.of(0.0, 0.5, 1.0), server.requests.stream().map(q -> q.get("alpha").asDouble()).toList());
            assertEquals(14 * 44_100, r.audio().frames());
            float[] x = mono(r.audio());
            // A 440 Hz sine at 0.5 moves at most 0.031 a sample; the triad less. A butt join of these MP3s (which
            // end mid-wave and start after the decoder's delay) steps by up to 0.5.
            double step = 0;
            for (int i = 1; i < x.length; i++) {
                step = Math.max(step, Math.abs(x[i] - x[i - 1]));
            }
            assertTrue(step < 0.06, "largest step between samples " + step);
            // Each segment keeps its level away from the joins; the joins dip by no more than 3 dB.
            int seg = (int) Math.round((RiffusionBackend.SEGMENT_SECONDS - RiffusionBackend.CROSSFADE_SECONDS) * 44_100);
            assertEquals(0.354, rms(x, 22_050, seg - 22_050), 0.03);
            double join = rms(x, seg - 2_205, seg + 2_205 + (int) (0.2 * 44_100));
            assertTrue(join > 0.25, "level across the first join " + join);
            // The second segment is the triad: its pitch classes come back.
            AudioClip middle = AudioClip.mono(44_100, java.util.Arrays.copyOfRange(x, seg + 22_050, 2 * seg - 22_050));
            PitchClassAnalyzer.Result pcs = new PitchClassAnalyzer().analyze(middle);
            assertEquals(Set.of(0, 4, 7), pcs.pitchClasses(0.1), pcs.toString());
        }
    }

    @Test
    void anMp3ThatDoesNotDecodeFallsBackToTheSpectrogram() throws Exception {
        byte[] junk = "this is not an mp3 at all, just words".getBytes(StandardCharsets.UTF_8);
        try (RiffusionTestServer server = new RiffusionTestServer(n -> RiffusionTestServer.Answer.json(
                RiffusionTestServer.output(ClipFixtures.a440Jpeg(), junk)))) {
            ClipBackend.Result r = make(server.url(), 5, Duration.ofSeconds(20), new ArrayList<>());
            assertEquals(1, r.notes().size(), r.notes().toString());
            assertTrue(r.notes().get(0).contains("spectrogram was turned into sound here"), r.notes().get(0));
            assertEquals(440, SpectrogramRoundTripTest.peakHz(mono(r.audio()), 100, 2000), 3);
            assertEquals(SpectrogramConverter.UNTAGGED_PEAK, Levels.peak(r.audio()), 0.01, "normalised like Riffusion");
        }
    }

    static ClipException failure(RiffusionTestServer.Answer answer, Duration timeout) throws Exception {
        try (RiffusionTestServer server = new RiffusionTestServer(n -> answer)) {
            return assertThrows(ClipException.class, () -> make(server.url(), 5, timeout, new ArrayList<>()));
        }
    }

    @Test
    void serverErrorSaysWhatToDo() throws Exception {
        ClipException e = failure(new RiffusionTestServer.Answer(500, "CUDA out of memory".getBytes(StandardCharsets.UTF_8),
                0), Duration.ofSeconds(5));
        assertEquals(ClipException.Kind.HTTP, e.kind());
        assertTrue(e.getMessage().contains("HTTP 500: CUDA out of memory") && e.getMessage().contains("server's log"),
                e.getMessage());
    }

    @Test
    void slowServerTimesOut() throws Exception {
        long t0 = System.nanoTime();
        ClipException e = failure(new RiffusionTestServer.Answer(200, "{}".getBytes(StandardCharsets.UTF_8), 5_000),
                Duration.ofMillis(800));
        assertEquals(ClipException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("--clip-timeout"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "gave up in time");
    }

    @Test
    void garbageAnswersAreNamed() throws Exception {
        ClipException notJson = failure(RiffusionTestServer.Answer.json("<html>502 Bad Gateway</html>"),
                Duration.ofSeconds(5));
        assertEquals(ClipException.Kind.BAD_ANSWER, notJson.kind());
        assertTrue(notJson.getMessage().contains("is not JSON"), notJson.getMessage());

        String truncated = RiffusionTestServer.output(ClipFixtures.a440Jpeg(), "junk".getBytes(StandardCharsets.UTF_8));
        truncated = truncated.replaceFirst("(data:image/jpeg;base64,.{200}).*?\"", "$1A\"");
        ClipException neither = failure(RiffusionTestServer.Answer.json(truncated), Duration.ofSeconds(5));
        assertEquals(ClipException.Kind.BAD_AUDIO, neither.kind());
        assertTrue(neither.getMessage().contains("no usable audio"), neither.getMessage());
    }

    @Test
    void aServerThatIsNotThereSaysHowToStartOne() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ClipException e = assertThrows(ClipException.class, () -> make("http://127.0.0.1:" + port, 5,
                Duration.ofSeconds(5), new ArrayList<>()));
        assertEquals(ClipException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("python -m riffusion.server"), e.getMessage());
    }

    @Test
    void cancelStopsTheWait() throws Exception {
        try (RiffusionTestServer server = new RiffusionTestServer(n -> new RiffusionTestServer.Answer(200,
                "{}".getBytes(StandardCharsets.UTF_8), 10_000))) {
            ClipBackend.Cancel cancel = new ClipBackend.Cancel();
            new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                cancel.cancel();
            }).start();
            long t0 = System.nanoTime();
            ClipException e = assertThrows(ClipException.class, () -> new RiffusionBackend(server.url(),
                    Duration.ofSeconds(30)).make(new ClipBackend.Request("x", null, 5, 1, cancel),
                    listener(new ArrayList<>())));
            assertEquals(ClipException.Kind.CANCELLED, e.kind());
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
        }
    }

    @Test
    void segmentCounts() {
        assertEquals(1, RiffusionBackend.segments(5.11));
        assertEquals(2, RiffusionBackend.segments(5.2));
        assertEquals(2, RiffusionBackend.segments(2 * 5.11 - 0.2));
        assertEquals(3, RiffusionBackend.segments(14));
    }
}
