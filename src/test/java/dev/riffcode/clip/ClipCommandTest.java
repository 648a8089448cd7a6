package dev.riffcode.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.cli.Main;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./riffcode clip} and {@code ./riffcode spectrogram} as a user meets them: exit codes, messages, files. */
class ClipCommandTest {

    @TempDir
    Path dir;

    public record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        System.setProperty("riffcode.sessions", dir.resolve("sessions").toString());
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("riffcode.sessions");
    }

    static Run riffcode(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Session onlySession() throws Exception {
        SessionStore store = new SessionStore(dir.resolve("sessions"));
        assertEquals(1, store.list().size());
        return store.open(store.list().get(0).name());
    }

    private List<Path> filesIn(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    @Test
    void aClipIsWrittenAndKeptInTheSession() throws Exception {
        try (RiffusionTestServer server = new RiffusionTestServer(n -> RiffusionTestServer.Answer.json(
                RiffusionTestServer.output(ClipFixtures.a440Jpeg(), ClipFixtures.a440Mp3())))) {
            Path out = dir.resolve("beat.wav");
            Run r = riffcode("clip", "a lo-fi phonk beat with vinyl crackle", "-o", out.toString(), "--clip-url",
                    server.url(), "--seconds", "4", "--seed", "3");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("clip:lo-fi-phonk-beat-vinyl"), r.err());
            AudioClip clip = WavReader.read(out);
            assertEquals(4 * 44_100, clip.frames());
            Session session = onlySession();
            Step.Clip step = session.clips().get(0);
            assertEquals("lo-fi-phonk-beat-vinyl", step.name());
            assertTrue(step.complete());
            assertEquals("riffusion", step.backend());
            assertEquals(server.url(), step.endpoint());
            assertEquals(List.of("clip-lo-fi-phonk-beat-vinyl-segment-1-request.json",
                    "clip-lo-fi-phonk-beat-vinyl-segment-1-answer.json", "clip-lo-fi-phonk-beat-vinyl-segment-1.jpg",
                    "clip-lo-fi-phonk-beat-vinyl-segment-1.mp3"), step.parts().stream().map(f -> f.name()).toList());
            assertEquals(Files.size(out), Files.size(session.clipFile(step.name()).orElseThrow()));
            assertTrue(session.verify().isEmpty(), session.verify().toString());
            assertTrue(session.story().contains("Clip lo-fi-phonk-beat-vinyl from riffusion"));
        }
    }

    @Test
    void aFailingBackendExitsOneWithAMessageAndNoFile() throws Exception {
        try (RiffusionTestServer server = new RiffusionTestServer(n -> new RiffusionTestServer.Answer(500,
                "model crashed".getBytes(StandardCharsets.UTF_8), 0))) {
            Path out = dir.resolve("x.wav");
            Run r = riffcode("clip", "a choir swell", "-o", out.toString(), "--clip-url", server.url());
            assertEquals(1, r.code());
            assertTrue(r.err().startsWith("Asking") || r.err().contains("riffcode: the Riffusion server"), r.err());
            assertTrue(r.err().contains("HTTP 500: model crashed"), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
            assertFalse(Files.exists(out));
            assertEquals(List.of(dir.resolve("sessions")), filesIn(dir), "no temporary file next to OUT.wav");
            Session session = onlySession();
            Step.Clip partial = session.clips().get(0);
            assertFalse(partial.complete());
            assertEquals(null, partial.file());
            assertTrue(session.steps().get(session.steps().size() - 1) instanceof Step.Failure f
                    && f.message().contains("HTTP 500"));
        }
    }

    @Test
    void aSlowBackendTimesOutWithExitOne() throws Exception {
        try (RiffusionTestServer server = new RiffusionTestServer(n -> new RiffusionTestServer.Answer(200,
                "{}".getBytes(StandardCharsets.UTF_8), 5_000))) {
            Path out = dir.resolve("x.wav");
            Run r = riffcode("clip", "a choir swell", "-o", out.toString(), "--clip-url", server.url(),
                    "--clip-timeout", "0.8");
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("did not answer within"), r.err());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void wrongCommandLinesExitTwo() {
        assertEquals(2, riffcode("clip", "x").code());
        assertEquals(2, riffcode("clip", " ", "-o", dir.resolve("a.wav").toString()).code());
        assertEquals(2, riffcode("clip", "x", "-o", dir.resolve("a.wav").toString(), "--seconds", "0").code());
        assertEquals(2, riffcode("clip", "x", "-o", dir.resolve("a.mp3").toString()).code());
        Run badUrl = riffcode("clip", "x", "-o", dir.resolve("a.wav").toString(), "--clip-url", "ftp://x");
        assertEquals(2, badUrl.code());
        assertTrue(badUrl.err().contains("http://"), badUrl.err());
        assertEquals(2, riffcode("clip", "x", "-o", dir.resolve("a.wav").toString(), "--backend", "nope").code());
    }

    @Test
    void spectrogramCommandGoesBothWays() throws Exception {
        Path wav = dir.resolve("a.wav");
        float[] x = SpectrogramRoundTripTest.sine(330, 0.4, 2 * 44_100);
        dev.riffcode.audio.WavWriter.writeAtomically(wav, AudioClip.mono(44_100, x), dev.riffcode.audio.WavFormat.PCM_16);
        Path png = dir.resolve("a.png");
        Run toPicture = riffcode("spectrogram", wav.toString(), "-o", png.toString());
        assertEquals(0, toPicture.code(), toPicture.err());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(201, image.getWidth());
        assertEquals(512, image.getHeight());
        Path back = dir.resolve("b.wav");
        Run toSound = riffcode("spectrogram", png.toString(), "-o", back.toString(), "--iterations", "16");
        assertEquals(0, toSound.code(), toSound.err());
        float[] y = WavReader.read(back).toMono();
        assertEquals(2 * 44_100, y.length);
        assertEquals(330, SpectrogramRoundTripTest.peakHz(y, 100, 2000), 3);

        assertEquals(2, riffcode("spectrogram", wav.toString(), "-o", dir.resolve("c.wav").toString()).code());
        assertEquals(2, riffcode("spectrogram", dir.resolve("missing.wav").toString(), "-o", png.toString()).code());
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not a picture");
        Run bad = riffcode("spectrogram", text.toString(), "-o", dir.resolve("d.wav").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("not a PNG or JPEG"), bad.err());
        assertFalse(Files.exists(dir.resolve("d.wav")));
    }
}
