package dev.riffcode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.audio.Yin;
import dev.riffcode.llm.Templates;
import dev.riffcode.runtime.WorkerSettings;
import dev.riffcode.serve.ServeConfig;
import dev.riffcode.serve.Service;
import dev.riffcode.studio.RenderOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A render command line read by a real running service (its warm parser) before the client reads it: what the
 * service takes is rendered there; everything else comes back to the command line untouched.
 */
@Timeout(300)
class ServiceFirstTest {

    private static final String A4 = "use_synth('sine')\nplay(69, sustain=1)\nsleep(1)\n";

    @TempDir
    static Path dir;

    static Service service;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        ServeConfig config = new ServeConfig(InetAddress.getLoopbackAddress(), 0, 1, 2, ServeConfig.randomToken(),
                ServeConfig.DEFAULT_MAX_BODY, 60_000, 600, dir.resolve("sessions"), WorkerSettings.defaults(), null,
                Templates.locate());
        service = new Service(config, new PrintStream(OutputStream.nullOutputStream()), RenderCommand::planForService);
        service.start();
        Path state = dir.resolve("state").resolve("serve.json");
        service.register(state);
        // A config folder of the test's own: the user's config (and its sample folders) stays out of it.
        env = Map.of("RIFFCODE_SERVE_STATE", state.toString(), "XDG_CONFIG_HOME", dir.resolve("config").toString());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    record Said(ServiceFirst.Outcome outcome, String err) {
    }

    static Said render(Map<String, String> environment, String... words) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[words.length + 1];
        args[0] = "render";
        System.arraycopy(words, 0, args, 1, words.length);
        ServiceFirst.Outcome outcome = ServiceFirst.render(args, environment, new PrintStream(err, true,
                StandardCharsets.UTF_8));
        return new Said(outcome, err.toString(StandardCharsets.UTF_8));
    }

    static double pitch(Path wav) throws Exception {
        AudioClip clip = WavReader.read(wav);
        return new Yin(clip.sampleRate()).detect(clip.toMono(), clip.sampleRate() / 4, 4096).frequency();
    }

    @Test
    void aPlainRenderIsReadByTheServiceAndRenderedThere() throws Exception {
        Path script = Files.writeString(dir.resolve("a4.py"), A4);
        Path out = dir.resolve("a4.wav");
        Said said = render(env, script.toString(), "-o", out.toString(), "--seconds", "1.5", "--bits", "24");
        assertEquals(0, said.outcome().exit(), said.err());
        assertTrue(said.outcome().renderAsked());
        assertTrue(said.err().contains("rendering on the service at " + service.uri()), said.err());
        assertEquals(440, pitch(out), 2);
        // The options the service read reach the render: 24-bit samples, a second and a half.
        byte[] header = Files.readAllBytes(out);
        assertEquals(24, header[34] & 0xff, "bits per sample in the WAV header");
        assertEquals(1.5, WavReader.read(out).durationSeconds(), 0.001);
        assertTrue(said.err().contains("Heard:") && said.err().contains("notes       A"), said.err());
    }

    @Test
    void whatTheServiceDoesNotTakeComesBackToTheCommandLineUntouched() throws Exception {
        Path script = Files.writeString(dir.resolve("back.py"), A4);
        Path out = dir.resolve("back.wav");
        Path kit = Files.createDirectories(dir.resolve("kit"));
        String s = script.toString();
        String o = out.toString();
        List<List<String>> lines = List.of(
                List.of("--help"),
                List.of(s, "-o", o, "--rate", "12345"),
                List.of(s, "-o", o, "--loudness", "-14"),
                List.of(s, "-o", o, "--samples", kit.toString()),
                List.of(s, "-o", o, "--midi", dir.resolve("back.mid").toString()),
                List.of(s, "-o", o, "--no-service"),
                List.of(s),
                List.of(dir.resolve("missing.py").toString(), "-o", o),
                List.of(s, "-o", dir.resolve("no-such-folder").resolve("x.wav").toString()));
        for (List<String> words : lines) {
            Said said = render(env, words.toArray(String[]::new));
            assertNull(said.outcome().exit(), words.toString());
            assertFalse(said.outcome().renderAsked(), words.toString());
            assertEquals("", said.err(), "the command line speaks for itself: " + words);
        }
        assertNull(render(withEnv("RIFFCODE_NO_SERVICE", "1"), s, "-o", o).outcome().exit());
        // Sample folders in the user's config: the service could not play them either.
        Files.createDirectories(dir.resolve("config").resolve("riffcode"));
        Path config = dir.resolve("config").resolve("riffcode").resolve("config.json");
        Files.writeString(config, "{\"sample_folders\": [\"" + kit + "\"]}");
        try {
            assertNull(render(env, s, "-o", o).outcome().exit());
        } finally {
            Files.delete(config);
        }
        assertFalse(Files.exists(out), "nothing was rendered");
    }

    @Test
    void theServiceReadsTheOptionsAsTheCommandLineDoes() {
        Map<String, Object> plan = RenderCommand.planForService(List.of("beat.py", "-o", "out/beat.wav", "--seconds",
                "2", "--bits", "32f", "--rate", "48000", "--timeout", "5", "--max-seconds", "30", "--no-report"));
        assertEquals("service", plan.get("plan"), plan::toString);
        assertEquals("beat.py", plan.get("script"));
        assertEquals(Path.of("out/beat.wav").toString(), plan.get("output"), "as given: the client resolves it");
        assertEquals(false, plan.get("report"));
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) plan.get("fields");
        RenderOptions read = ServiceRuns.options(fields);
        assertEquals(List.of(48_000, WavFormat.FLOAT_32, OptionalDouble.of(2), 30.0, 5_000L), List.of(read.sampleRate(),
                read.format(), read.seconds(), read.maxSeconds(), read.timeoutMillis()));
        assertEquals(fields, ServiceRuns.fields(ServiceRuns.options(fields)), "the fields go there and back unchanged");

        Map<String, Object> wrong = RenderCommand.planForService(List.of("beat.py", "-o", "b.wav", "--bits", "12"));
        assertEquals("here", wrong.get("plan"));
        assertTrue(wrong.get("why").toString().contains("--bits must be 16, 24 or 32f"), wrong::toString);
    }

    @Test
    void theServiceReadsNoFileTheCommandLineNames() throws Exception {
        // picocli would read "@FILE" as more words; on a service that may serve others, a file's lines could then
        // come back in the answer's reasons.
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the-secret-line\n");
        Map<String, Object> plan = RenderCommand.planForService(List.of("@" + secret, "-o", "b.wav"));
        assertFalse(plan.toString().contains("the-secret-line"), plan::toString);
        // Taken as a script's name, the client then finds no such script and runs the command line itself.
        Said said = render(env, "@" + secret, "-o", dir.resolve("at.wav").toString());
        assertNull(said.outcome().exit());
        assertFalse(said.outcome().renderAsked());
        assertFalse(Files.exists(dir.resolve("at.wav")));
    }

    @Test
    void withSampleFoldersTheRenderRunsHereAndPlaysThem() throws Exception {
        Path kit = Files.createDirectories(dir.resolve("mykit"));
        float[] tone = new float[44_100];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 44_100.0));
        }
        WavWriter.writeAtomically(kit.resolve("tone.wav"), AudioClip.mono(44_100, tone), WavFormat.PCM_16);
        Path script = Files.writeString(dir.resolve("kit.py"), "sample('tone')\nsleep(1)\n");
        Path out = dir.resolve("kit.wav");
        CommandLine.IFactory withTestService = RenderCommand.factoryWith(() -> new RenderCommand(env));
        RenderCommandTest.Run run = RenderCommandTest.riffcode(withTestService, "render", script.toString(), "-o",
                out.toString(), "--samples", kit.toString(), "--no-report");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("running here, not on the service at " + service.uri()
                + ": sample folders are read here"), run.err());
        assertEquals(220, pitch(out), 2);
    }

    private static Map<String, String> withEnv(String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(env);
        more.put(key, value);
        return more;
    }
}
