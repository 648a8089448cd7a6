package dev.riffcode.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.session.SessionStore;
import dev.riffcode.session.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When generate makes a clip instead of code, and says why. */
class ClipRoutingTest {

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        System.setProperty("riffcode.sessions", dir.resolve("sessions").toString());
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("riffcode.sessions");
    }

    @Test
    void voicesInstrumentsTexturesAndWholeTracksWantClips() {
        assertTrue(ClipRouting.whyClip("a choir swell").contains("voice"));
        assertTrue(ClipRouting.whyClip("Lo-fi beat with VINYL CRACKLE").contains("recorded texture"));
        assertTrue(ClipRouting.whyClip("a sad acoustic guitar ballad").contains("real instrument"));
        assertTrue(ClipRouting.whyClip("a full song about summer").contains("whole track"));
        for (String code : new String[] {"a folk tune that only uses A, B, C#, F# and G", "dark techno at 128 bpm",
            "an ambient pad in D dorian", "wrap the bass in reverb", "double the tempo", "a little tune"}) {
            assertNull(ClipRouting.whyClip(code), code);
        }
    }

    @Test
    void decisions() {
        assertTrue(ClipRouting.decide("a choir swell", false, false, false, true).clip());
        ClipRouting.Decision none = ClipRouting.decide("a choir swell", false, false, false, false);
        assertFalse(none.clip());
        assertTrue(none.reason().contains("no clip backend is configured"), none.reason());
        assertFalse(ClipRouting.decide("a choir swell", false, false, true, true).clip());
        assertFalse(ClipRouting.decide("a choir swell", true, false, false, true).clip(), "editing stays with code");
        assertTrue(ClipRouting.decide("a tune", false, true, false, false).clip());
        assertFalse(ClipRouting.decide("a tune", false, false, false, true).clip());
    }

    @Test
    void generateSendsAVoicePromptToTheConfiguredBackend() throws Exception {
        try (RiffusionTestServer server = new RiffusionTestServer(n -> RiffusionTestServer.Answer.json(
                RiffusionTestServer.output(ClipFixtures.a440Jpeg(), ClipFixtures.a440Mp3())))) {
            Path out = dir.resolve("choir.wav");
            ClipCommandTest.Run r = ClipCommandTest.riffcode("generate", "a choir swell", "-o", out.toString(),
                    "--clip-url", server.url(), "--seconds", "3");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("Making a clip instead of code: it asks for a voice (\"choir\")"), r.err());
            assertEquals(3 * 44_100, dev.riffcode.audio.WavReader.read(out).frames());
            assertFalse(Files.exists(dir.resolve("choir.py")), "no code was written");
            var store = new SessionStore(dir.resolve("sessions"));
            var session = store.open(store.list().get(0).name());
            assertTrue(session.steps().get(0) instanceof Step.Note n && n.text().startsWith("route: clip; it asks"));
            assertEquals(1, session.clips().size());
        }
        assertEquals(2, ClipCommandTest.riffcode("generate", "x", "-o", dir.resolve("y.wav").toString(), "--clip",
                "--code").code());
    }
}
