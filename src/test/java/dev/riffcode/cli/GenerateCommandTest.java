package dev.riffcode.cli;

import static dev.riffcode.cli.RenderCommandTest.riffcode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.PitchClassAnalyzer;
import dev.riffcode.audio.WavReader;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.hearing.ReportJson;
import dev.riffcode.hearing.VariationDistance;
import dev.riffcode.llm.ScriptedOpenAiServer.Reply;
import dev.riffcode.llm.ScriptedOpenAiServer;
import dev.riffcode.picture.TestPictures;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.Step;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riffcode generate} end to end: a real local OpenAI-protocol server, the sandbox, the engine, the session store. */
class GenerateCommandTest {

    static final String TUNE = "use_bpm(120)\nfor n in ['A4', 'B4', 'C#5', 'F#4', 'G4', 'A4']:\n    play(n, synth='tri', sustain=0.3)\n    sleep(0.5)\n";

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

    private static List<String> kinds(Session s) {
        return s.steps().stream().map(step -> step.getClass().getSimpleName()).toList();
    }

    @Test
    void offlineWithNoKeyWritesScriptWavAndSession() throws IOException {
        Path wav = dir.resolve("folk.wav");
        RenderCommandTest.Run r = riffcode("generate", "a folk tune that only uses A, B, C#, F# and G", "-o", wav.toString(), "--offline");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("offline generator"), "the code is printed and labelled offline: " + r.out());
        assertTrue(r.err().contains("Offline generator"), r.err());
        String code = Files.readString(dir.resolve("folk.py"));
        assertTrue(code.contains("offline generator"));
        AudioClip clip = WavReader.read(wav);
        Set<Integer> heard = new PitchClassAnalyzer().analyze(clip).pitchClasses(0.05);
        assertTrue(Set.of(9, 11, 1, 6, 7).containsAll(heard), "heard " + heard);
        try (Session s = onlySession()) {
            assertEquals(List.of("Prompt", "Answer", "Code", "Validation", "Render", "Note"), kinds(s));
            String asked = ((Step.Note) s.steps().get(5)).text();
            assertTrue(asked.startsWith("asked and heard:\n✓ only C# F# G A B: heard ") && !asked.contains("✗"), asked);
            assertEquals(code, s.latestCode().orElseThrow());
            assertTrue(Files.isRegularFile(s.folder().resolve("v1.wav")));
        }
    }

    @Test
    void aLocalEndpointStreamsTheAnswerAndTheKeyIsNeverRecorded() throws IOException {
        server.enqueue(Reply.text("A little tune:\n\n```python\n" + TUNE + "```\n"));
        Path wav = dir.resolve("tune.wav");
        RenderCommandTest.Run r = riffcode("generate", "a little tune", "-o", wav.toString(), "--base-url", server.baseUrl(),
                "--model", "local-model", "--api-key", "sk-secret-key-1234567890abcdef");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("A little tune:"), "the answer is streamed to stdout");
        assertEquals("Bearer sk-secret-key-1234567890abcdef", server.lastChatRequest().authorization());
        assertEquals(TUNE, Files.readString(dir.resolve("tune.py")));
        try (Session s = onlySession()) {
            Step.Prompt prompt = (Step.Prompt) s.steps().get(0);
            assertEquals("local-model", prompt.model());
            assertEquals(server.baseUrl(), prompt.endpoint());
            try (Stream<Path> files = Files.walk(s.folder())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (!f.toString().endsWith(".wav")) {
                        assertFalse(Files.readString(f).contains("sk-secret"), "the key leaked into " + f);
                    }
                }
            }
        }
        assertTrue(r.err().contains("Riffcode extraction"), "the overhead is reported: " + r.err());
    }

    @Test
    void aWrongTempoIsRepairedAndEveryAskIsShownAndTheReportIsKept() throws IOException {
        server.enqueue(Reply.text("```python\n" + dev.riffcode.llm.GeneratorTest.beatAt(90) + "```"),
                Reply.text("```python\n" + dev.riffcode.llm.GeneratorTest.beatAt(128) + "```"));
        Path wav = dir.resolve("beat.wav");
        RenderCommandTest.Run r = riffcode("generate", "a sparse beat in A minor at 128 bpm", "-o", wav.toString(),
                "--base-url", server.baseUrl(), "--model", "m", "--no-service");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, server.chatRequests().size());
        assertTrue(r.err().matches("(?s).*✗ version 1: plays at \\d+\\.\\d bpm, not the 128 bpm asked.*"), r.err());
        assertTrue(r.err().contains("✓ version 2 runs and sounds right"), r.err());
        List<String> asked = r.err().lines().dropWhile(l -> !l.equals("Asked and heard:")).skip(1)
                .takeWhile(l -> l.startsWith("  ")).map(String::strip).toList();
        assertEquals(3, asked.size(), "tempo, key, sparse: " + r.err());
        assertTrue(asked.get(0).matches("✓ tempo 128 bpm: heard 12[4-9]\\.\\d bpm|✓ tempo 128 bpm: heard 13[0-2]\\.\\d bpm"),
                asked.get(0));
        assertTrue(asked.get(1).startsWith("✓ in A minor: heard "), asked.get(1));
        assertTrue(asked.get(2).matches("✗ sparse: \\d+\\.\\d onsets per second"), "shown, not repaired: " + asked.get(2));
        try (Session s = onlySession()) {
            Step.Render render = (Step.Render) s.steps().stream().filter(Step.Render.class::isInstance).findFirst()
                    .orElseThrow();
            assertEquals(2, render.version());
            assertNotNull(render.report(), "the render keeps its hearing report");
            assertEquals("v2.report.json", render.report().name());
            HearingReport kept = ReportJson.read(s.report(render).orElseThrow());
            assertEquals(128, kept.tempoBpm(), 128 * 0.03);
            assertEquals(WavReader.read(wav).durationSeconds(), kept.seconds(), 0.01);
            assertTrue(Set.of("A", "B", "C", "D", "E", "F", "G").containsAll(kept.pitchClasses()), kept.pitchClasses().toString());
            assertTrue(s.steps().stream().anyMatch(step -> step instanceof Step.Note n && n.text().contains("✗ sparse")),
                    "the asks are kept in the session");
        }
    }

    @Test
    void variationsOfflineAreDistinctSeedsThatSoundDifferent() throws IOException {
        Path wav = dir.resolve("v.wav");
        RenderCommandTest.Run r = riffcode("generate", "-n", "3", "a melody with a bass", "-o", wav.toString(),
                "--offline", "--seed", "7");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("seed 7)") && r.err().contains("seed 8)"), r.err());
        List<HearingReport> heard = new java.util.ArrayList<>();
        Set<String> scripts = new java.util.HashSet<>();
        for (int i = 1; i <= 3; i++) {
            heard.add(dev.riffcode.hearing.Hearing.analyze(WavReader.read(dir.resolve("v-" + i + ".wav"))));
            scripts.add(Files.readString(dir.resolve("v-" + i + ".py")));
        }
        assertEquals(3, scripts.size(), "three different scripts");
        assertFalse(Files.exists(wav), "without --pick there is no v.wav");
        // Measured again from the files written, the candidates are apart.
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                double d = VariationDistance.between(heard.get(i), heard.get(j)).total();
                assertTrue(d > 0.08, "variations " + (i + 1) + " and " + (j + 1) + " are " + d + " apart");
            }
        }
        double mean = VariationDistance.meanPairwise(heard);
        assertTrue(r.err().matches("(?s).*mean pairwise variation distance 0\\.\\d{3} over 3 candidates.*"), r.err());
        // A plain run of the same prompt, twice: the same piece (the seed comes from the prompt), distance 0.
        riffcode("generate", "a melody with a bass", "-o", dir.resolve("p1.wav").toString(), "--offline");
        riffcode("generate", "a melody with a bass", "-o", dir.resolve("p2.wav").toString(), "--offline");
        double plain = VariationDistance.between(dev.riffcode.hearing.Hearing.analyze(WavReader.read(dir.resolve("p1.wav"))),
                dev.riffcode.hearing.Hearing.analyze(WavReader.read(dir.resolve("p2.wav")))).total();
        assertTrue(mean >= 2 * plain && mean > 0.1, "variations " + mean + ", plain runs " + plain);
        SessionStore store = new SessionStore(dir.resolve("sessions"));
        try (Session s = store.open(store.list().stream().filter(x -> x.versions() >= 3).findFirst()
                .orElseThrow().name())) {
            List<Step.Render> renders = s.steps().stream().filter(Step.Render.class::isInstance).map(Step.Render.class::cast)
                    .toList();
            assertTrue(renders.size() >= 3, "every candidate is rendered in the session");
            assertTrue(renders.stream().allMatch(x -> x.report() != null), "each with its report");
        }
    }

    @Test
    void aCandidateTooCloseToOneKeptIsReplacedAndPickWritesOne() throws IOException {
        String other = "use_bpm(70)\nfor n in ['D5', 'F5', 'A5', 'C6', 'D6', 'A5']:\n    play(n, synth='saw', cutoff=120, "
                + "sustain=0.2)\n    sleep(0.25)\n";
        server.enqueue(Reply.text("```python\n" + TUNE + "```"), Reply.text("```python\n" + TUNE + "```"),
                Reply.text("```python\n" + other + "```"));
        Path wav = dir.resolve("pick.wav");
        RenderCommandTest.Run r = riffcode("generate", "-n", "2", "--pick", "2", "a little tune", "-o", wav.toString(),
                "--base-url", server.baseUrl(), "--model", "m", "--no-service");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, server.chatRequests().size(), "the copy was replaced by a third request");
        for (var request : server.chatRequests()) {
            assertEquals(2, request.json().get("messages").size(), "each candidate is a request of its own");
        }
        assertTrue(r.err().contains("candidate 2 (version 2) set aside: distance 0.00"), r.err());
        assertEquals(other, Files.readString(dir.resolve("pick.py")), "--pick 2 writes the second kept candidate");
        assertFalse(Files.exists(dir.resolve("pick-1.wav")) || Files.exists(dir.resolve("pick-2.wav")));
        Set<Integer> heard = new PitchClassAnalyzer().analyze(WavReader.read(wav)).pitchClasses(0.05);
        assertTrue(Set.of(2, 5, 9, 0).containsAll(heard) && heard.contains(2), "the picked audio is D F A C: " + heard);
        try (Session s = onlySession()) {
            assertEquals(3, s.versions().size(), "all three candidates are kept");
            assertTrue(s.steps().stream().anyMatch(step -> step instanceof Step.Note n && n.text().startsWith(
                    "picked variation 2 (version 3)")), "the pick is recorded");
        }
    }

    @Test
    void variationFlagsAreChecked() {
        RenderCommandTest.Run r = riffcode("generate", "--pick", "2", "a tune", "-o", dir.resolve("x.wav").toString(),
                "--offline");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("give -n too"), r.err());
        RenderCommandTest.Run many = riffcode("generate", "-n", "20", "a tune", "-o", dir.resolve("x.wav").toString());
        assertEquals(2, many.code());
        assertTrue(many.err().contains("-n must be 2..8, got 20"), many.err());
    }

    @Test
    void variationsComeAtTheAskedLoudnessAndAClipIsNoVariationOfCode() throws IOException {
        Path wav = dir.resolve("solo.wav");
        RenderCommandTest.Run r = riffcode("generate", "-n", "2", "a drum solo at 140 bpm", "-o", wav.toString(),
                "--loudness", "-16", "--offline", "--no-service");
        assertEquals(0, r.code(), r.err());
        for (int i = 1; i <= 2; i++) {
            double lufs = dev.riffcode.hearing.Loudness.integrated(WavReader.read(dir.resolve("solo-" + i + ".wav")));
            assertEquals(-16, lufs, 0.2, "variation " + i + " is brought to -16 LUFS");
        }
        try (Session s = onlySession()) {
            long normalized = s.steps().stream().filter(step -> step instanceof Step.Note n
                    && n.text().contains("LUFS")).count();
            assertTrue(normalized >= 2, "each candidate's loudness step is kept: " + kinds(s));
        }
        RenderCommandTest.Run clip = riffcode("generate", "-n", "2", "--clip", "a choir", "-o",
                dir.resolve("c.wav").toString(), "--offline");
        assertEquals(2, clip.code());
        assertTrue(clip.err().contains("-n makes variations of code, and --clip asks the clip backend for a finished "
                + "recording instead"), clip.err());
    }

    @Test
    void rateLimitedSaysHowLongToWaitAndKeepsThePrompt() throws IOException {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Reply.error(429, "Rate limit reached").withRetryAfter("1"));
        }
        RenderCommandTest.Run r = riffcode("generate", "a rate limited tune", "-o", dir.resolve("x.wav").toString(),
                "--base-url", server.baseUrl(), "--model", "m");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("1 second"), r.err());
        assertFalse(Files.exists(dir.resolve("x.wav")));
        try (Session s = onlySession()) {
            assertEquals(List.of("Prompt", "Failure"), kinds(s));
            assertEquals("a rate limited tune", s.promptText((Step.Prompt) s.steps().get(0)));
        }
    }

    @Test
    void aRefusedConnectionNamesTheEndpoint() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1";
        RenderCommandTest.Run r = riffcode("generate", "a tune", "-o", dir.resolve("x.wav").toString(), "--base-url", url,
                "--model", "m", "--llm-timeout", "2");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("127.0.0.1:" + port), r.err());
    }

    @Test
    void codeThatNeverPassesIsSavedForTheUserToFix() throws IOException {
        String broken = "play(60)\nplay('Q9')\n";
        for (int i = 0; i < 2; i++) {
            server.enqueue(Reply.text("```python\n" + broken.replace("60", "6" + i) + "```"));
        }
        RenderCommandTest.Run r = riffcode("generate", "a tune", "-o", dir.resolve("bad.wav").toString(),
                "--base-url", server.baseUrl(), "--model", "m", "--repairs", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad.py:2: ValueError"), r.err());
        assertTrue(r.err().contains("./riffcode render"), "says what to do next: " + r.err());
        assertTrue(Files.readString(dir.resolve("bad.py")).contains("play(61)"));
        assertFalse(Files.exists(dir.resolve("bad.wav")));
        try (Session s = onlySession()) {
            assertEquals(2, s.versions().size());
        }
    }

    @Test
    void emptyAndHugePrompts() throws IOException {
        RenderCommandTest.Run empty = riffcode("generate", "  ", "-o", dir.resolve("x.wav").toString(), "--offline");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("the prompt is empty"), empty.err());
        String huge = "a tune ".repeat(5000);
        RenderCommandTest.Run big = riffcode("generate", huge, "-o", dir.resolve("x.wav").toString(), "--offline");
        assertEquals(1, big.code());
        assertTrue(big.err().contains("the limit is 20000"), big.err());
        try (Session s = onlySession()) {
            assertEquals(huge, s.promptText((Step.Prompt) s.steps().get(0)), "the whole prompt is kept");
        }
    }

    @Test
    void offlineEditOfAnExistingScript() throws IOException {
        Path script = dir.resolve("tune.py");
        Files.writeString(script, TUNE);
        RenderCommandTest.Run r = riffcode("generate", "double the tempo", "--edit", script.toString(), "-o",
                dir.resolve("fast.wav").toString(), "--offline");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(dir.resolve("fast.py")).contains("use_bpm(240)"));
        try (Session s = onlySession()) {
            assertEquals(2, s.versions().size(), "the imported script and its edit");
        }
    }

    @Test
    void stemsAndMidiAreWrittenAndKeptInTheSessionBesideTheirRender() throws Exception {
        server.enqueue(Reply.text("```python\n" + RenderCommandTest.DUO + "```\n"));
        Path wav = dir.resolve("duo.wav");
        Path stems = dir.resolve("stems");
        RenderCommandTest.Run r = riffcode("generate", "a kick under a held note", "-o", wav.toString(), "--base-url",
                server.baseUrl(), "--model", "local-model", "--stems", stems.toString(), "--midi",
                dir.resolve("duo.mid").toString(), "--no-report");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("wrote " + dir.resolve("duo.mid") + ": 33 notes in 3 tracks"), "the held note and the "
                + "loop's 32 kicks in its 16 s: " + r.err());
        try (Session s = onlySession()) {
            assertEquals(List.of("Prompt", "Answer", "Code", "Validation", "Render", "Export", "Export"), kinds(s));
            Step.Render render = (Step.Render) s.steps().get(4);
            Step.Export midi = (Step.Export) s.steps().get(5);
            assertEquals("midi", midi.kind());
            assertEquals("v1.mid", midi.files().get(0).name());
            assertEquals(-1L, Files.mismatch(dir.resolve("duo.mid"), s.folder().resolve("v1.mid")));
            assertEquals(3, javax.sound.midi.MidiSystem.getSequence(s.folder().resolve("v1.mid").toFile())
                    .getTracks().length, "the session's copy reads back: tempo, main, beat");
            Step.Export export = (Step.Export) s.steps().get(6);
            assertEquals("stems", export.kind());
            assertEquals(render.id(), export.render());
            assertEquals(List.of("v1-stem-main.wav", "v1-stem-beat.wav"),
                    export.files().stream().map(f -> f.name()).toList());
            for (String part : List.of("main", "beat")) {
                assertEquals(-1L, Files.mismatch(stems.resolve(part + ".wav"), s.folder().resolve("v1-stem-" + part
                        + ".wav")), "the session keeps the stem as written");
            }
            assertEquals(List.of(), s.verify(), "the index names every stem with its size and hash");
            assertTrue(s.story().contains("Stems of v1"), s.story());
        }
    }

    /** {@code generate --image}: a picture to a model as an image part on the wire, or read by the offline generator. */
    @Nested
    class FromAPicture {

        @Test
        void theModelGetsTheWordsAndThePictureAsAnImagePartScaledDown() throws Exception {
            server.enqueue(Reply.text("```python\n" + TUNE + "```\n"));
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
            assertTrue(GenerateCommand.whyNotOnService(false, false, false, false, true, false, false)
                    .contains("--image is made here"));
            assertNull(GenerateCommand.whyNotOnService(false, false, false, false, false, false, false));
            String help = riffcode("generate", "--help").out().replaceAll("\\s+", " ");
            assertTrue(help.contains("--image runs here, never on a running service"), help);
        }
    }
}
