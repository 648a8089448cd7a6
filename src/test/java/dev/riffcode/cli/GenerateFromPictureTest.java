package dev.riffcode.cli;

import static dev.riffcode.cli.RenderCommandTest.riffcode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.hearing.ReportJson;
import dev.riffcode.llm.ScriptedOpenAiServer;
import dev.riffcode.llm.ScriptedOpenAiServer.Reply;
import dev.riffcode.picture.TestPictures;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.Step;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --image}: a picture to a model as an image part on the wire, or read by the offline generator. */
class GenerateFromPictureTest {

    @TempDir
    Path dir;
    private ScriptedOpenAiServer server;

    @BeforeEach
    void setUp() {
        System.setProperty("riffcode.sessions", dir.resolve("sessions").toString());
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("riffcode.sessions");
        server.close();
    }

    private Session onlySession() throws IOException {
        SessionStore store = new SessionStore(dir.resolve("sessions"));
        assertEquals(1, store.list().size());
        return store.open(store.list().get(0).name());
    }

    @Test
    void theModelGetsTheWordsAndThePictureAsAnImagePartScaledDown() throws Exception {
        server.enqueue(Reply.text("```python\n" + GenerateCommandTest.TUNE + "```\n"));
        Path picture = TestPictures.write(dir, "field.png", TestPictures.brightYellowBusy(1600, 1200));
        Path wav = dir.resolve("field.wav");
        RenderCommandTest.Run r = riffcode("generate", "--image", picture.toString(), "with a walking bass", "-o",
                wav.toString(), "--base-url", server.baseUrl(), "--model", "vision-model", "--no-service");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Picture field.png (PNG, 1600\u00d71200): brightness 0."), r.err());
        assertTrue(r.err().contains("the model gets it at 1024\u00d7768 pixels"), r.err());

        JsonNode user = server.lastChatRequest().json().get("messages").get(1);
        assertEquals("user", user.get("role").asText());
        JsonNode content = user.get("content");
        assertTrue(content.isArray(), "a content array, not a string: " + content);
        assertEquals(2, content.size(), content.toString());
        assertEquals("text", content.get(0).get("type").asText());
        assertTrue(content.get(0).get("text").asText().contains("with a walking bass"), content.get(0).toString());
        assertTrue(content.get(0).get("text").asText().contains("hue 54\u00b0 (yellow)")
                || content.get(0).get("text").asText().contains("(yellow)"), content.get(0).toString());
        assertEquals("image_url", content.get(1).get("type").asText());
        String url = content.get(1).get("image_url").get("url").asText();
        assertTrue(url.startsWith("data:image/png;base64,"), url.substring(0, 30));
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))));
        assertEquals(1024, sent.getWidth());
        assertEquals(768, sent.getHeight());
        assertTrue(server.lastChatRequest().json().get("messages").get(0).get("content").isTextual(),
                "the system message stays plain text");

        try (Session s = onlySession()) {
            Step.Image image = s.steps().stream().filter(Step.Image.class::isInstance).map(Step.Image.class::cast)
                    .findFirst().orElseThrow();
            assertEquals("field.png", image.source());
            assertEquals(1600, image.width());
            assertArrayEquals(Files.readAllBytes(picture), Files.readAllBytes(s.folder().resolve(image.file().name())),
                    "the session keeps the picture byte for byte");
            assertEquals("Prompt", s.steps().get(0).getClass().getSimpleName());
            assertEquals(s.steps().get(0).id(), image.prompt());
            assertTrue(s.story().contains("Picture given with the prompt"), s.story());
        }
    }

    @Test
    void offlineThePictureAloneIsReadAsMusicAndTheMappingIsPrinted() throws Exception {
        Path picture = TestPictures.write(dir, "night.jpg", TestPictures.darkBlueSmooth(800, 600));
        Path wav = dir.resolve("night.wav");
        RenderCommandTest.Run r = riffcode("generate", "--image", picture.toString(), "-o", wav.toString(),
                "--offline", "--no-service");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("The picture night.jpg, as read:"), r.out());
        assertTrue(r.out().matches("(?s).*dominant hue 2\\d\\d\u00b0 \\(blue\\) -> harmonic_minor.*"), r.out());
        assertTrue(r.out().contains("-> dark timbre, an octave lower"), r.out());
        String asked = r.err().lines().dropWhile(l -> !l.equals("Asked and heard:")).skip(1).toList().toString();
        assertTrue(asked.contains("\u2713 dark") && asked.contains("\u2713 sparse"), r.err());
        try (Session s = onlySession()) {
            assertTrue(s.name().contains("picture-night"), s.name());
            Step.Render render = s.steps().stream().filter(Step.Render.class::isInstance).map(Step.Render.class::cast)
                    .findFirst().orElseThrow();
            HearingReport heard = ReportJson.read(s.report(render).orElseThrow());
            assertTrue(heard.key().endsWith("minor"), heard.key());
            assertTrue(heard.centroidHz() < HearingReport.DARK_HZ, "centroid " + heard.centroidHz());
            assertTrue(heard.tempoBpm() < HearingReport.SLOW_BPM, "tempo " + heard.tempoBpm());
            assertTrue(s.steps().stream().anyMatch(Step.Image.class::isInstance));
        }
    }

    @Test
    void aBadPictureIsACommandLineErrorThatNamesTheProblem() throws Exception {
        RenderCommandTest.Run missing = riffcode("generate", "--image", dir.resolve("gone.png").toString(), "-o",
                dir.resolve("x.wav").toString(), "--offline");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("gone.png does not exist; check the path of the picture"), missing.err());
        Path text = Files.writeString(dir.resolve("words.jpg"), "not a picture at all");
        RenderCommandTest.Run notPicture = riffcode("generate", "--image", text.toString(), "-o",
                dir.resolve("x.wav").toString(), "--offline");
        assertEquals(2, notPicture.code());
        assertTrue(notPicture.err().contains("words.jpg is not a PNG or JPEG picture"), notPicture.err());
        Path picture = TestPictures.write(dir, "ok.png", TestPictures.darkBlueSmooth(40, 30));
        Path script = Files.writeString(dir.resolve("s.py"), "play(60)\n");
        RenderCommandTest.Run withEdit = riffcode("generate", "--image", picture.toString(), "--edit", script.toString(),
                "darker", "-o", dir.resolve("x.wav").toString(), "--offline");
        assertEquals(2, withEdit.code());
        assertTrue(withEdit.err().contains("--image makes a new piece from a picture; it does not combine with --edit"),
                withEdit.err());
        assertEquals(0, server.chatRequests().size());
        assertTrue(!Files.exists(dir.resolve("sessions")) || new SessionStore(dir.resolve("sessions")).list().isEmpty(),
                "a refused command line leaves no session");
    }

    @Test
    void aPictureIsNeverSentToARunningService() {
        assertTrue(GenerateCommand.whyNotOnService(false, false, false, false, true).contains("--image is made here"));
        assertNull(GenerateCommand.whyNotOnService(false, false, false, false, false));
        String help = riffcode("generate", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--image runs here, never on a running service"), help);
    }
}
