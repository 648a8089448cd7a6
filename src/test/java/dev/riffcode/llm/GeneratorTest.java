package dev.riffcode.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.llm.ScriptedOpenAiServer.Reply;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import dev.riffcode.testing.SharedRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Validate-and-repair against a real HTTP server on 127.0.0.1 speaking the chat-completions
 * protocol, with the real sandbox and engine behind it.
 */
public class GeneratorTest {

    static final String GOOD = "use_bpm(120)\nfor n in ['A4', 'B4', 'C#5', 'A4']:\n    play(n, synth='pluck')\n    sleep(0.5)\n";

    private ScriptedOpenAiServer server;
    private OpenAiChatModel model;
    private final Events events = new Events();

    @BeforeEach
    void start() throws LlmException {
        server = ScriptedOpenAiServer.start();
        model = OpenAiChatModel.create(new LlmSettings(server.baseUrl(), null, "test-model", Duration.ofSeconds(5), 1));
    }

    @AfterEach
    void stop() {
        model.close();
        server.close();
    }

    static String fenced(String prose, String code) {
        return prose + "\n\n```python\n" + code + "```\n";
    }

    private Generator generator(int repairs) {
        Studio studio = new Studio(SharedRunner.get(), new PipesBackend());
        PromptBuilder prompts = new PromptBuilder(new Templates(Path.of("templates")), () -> "### play(note)\nPlays a note.");
        return new Generator(studio, prompts, model, repairs, "song.py", RenderOptions.defaults());
    }

    @Test
    void goodCodePassesFirstTime() {
        server.enqueue(Reply.text(fenced("Here is a short tune.", GOOD)));
        Generator.Result r = generator(2).generate(Generator.Request.create("a short tune"), events);
        assertTrue(r.ok(), r.failure());
        assertEquals(GOOD, r.code());
        assertEquals(1, server.chatRequests().size());
        assertEquals(4, r.score().notes().size());
        assertEquals(List.of("code 1", "valid 1"), events.log);
        assertTrue(events.tokens.toString().contains("Here is a short tune."), "tokens were streamed");
        var request = server.lastChatRequest().json();
        assertEquals("test-model", request.get("model").asText());
        assertTrue(request.get("stream").asBoolean());
        String system = request.get("messages").get(0).get("content").asText();
        assertTrue(system.contains("### play(note)"), "the API reference goes into the system prompt");
        assertTrue(system.contains("01_hello_melody.py"), "teaching examples go into the system prompt");
        assertTrue(request.get("messages").get(1).get("content").asText().contains("a short tune"));
        assertTrue(r.timings().overheadMillis() > 0);
    }

    @Test
    void codeWithAnErrorIsRepairedWithTheErrorAndItsLine() {
        String broken = "use_bpm(120)\nplay('A4')\nsleep(0.5)\nplay('B4', amp='loud')\n";
        server.enqueue(Reply.text(fenced("First try.", broken)), Reply.text(fenced("Fixed.", GOOD)));
        Generator.Result r = generator(2).generate(Generator.Request.create("a short tune"), events);
        assertTrue(r.ok(), r.failure());
        assertEquals(2, r.attempts().size());
        assertEquals(4, r.attempts().get(0).error().line());
        assertEquals(List.of("code 1", "invalid 1: song.py:4: TypeError: play(): expected a number for amp, got 'loud'",
                "repair 1", "code 2", "valid 2"), events.log);
        var messages = server.lastChatRequest().json().get("messages");
        assertEquals(4, messages.size(), "system, request, the model's answer, the repair request");
        assertEquals("assistant", messages.get(2).get("role").asText());
        String repair = messages.get(3).get("content").asText();
        assertTrue(repair.contains("song.py:4: TypeError"), repair);
        assertTrue(repair.contains("4| play('B4', amp='loud')"), "the code goes back with line numbers: " + repair);
    }

    @Test
    void wrongPitchClassesInAnyVoiceAreSentBackForRepair() {
        // The melody is right; the bass plays a C natural, which the prompt does not allow.
        String wrongBass = """
                use_bpm(120)
                @in_thread
                def bass():
                    for n in ['A2', 'C3', 'F#2', 'A2']:
                        play(n, synth='saw', cutoff=80, sustain=0.8)
                        sleep(1)
                for n in ['A4', 'B4', 'C#5', 'F#4', 'G4', 'A4', 'B4', 'A4']:
                    play(n, synth='pluck')
                    sleep(0.5)
                """;
        String rightBass = wrongBass.replace("'C3'", "'B2'");
        server.enqueue(Reply.text(fenced("A tune.", wrongBass)), Reply.text(fenced("Only the allowed notes now.", rightBass)));
        Generator.Result r = generator(2).generate(
                Generator.Request.create("a folk song that only uses A, B, C#, F# and G, with a bass"), events);
        assertTrue(r.ok(), r.failure());
        assertEquals(2, r.attempts().size());
        assertNull(r.attempts().get(0).error());
        assertEquals("plays C, which is not among the allowed notes (C#, F#, G, A, B)", r.attempts().get(0).soundProblem());
        String firstUser = server.chatRequests().get(0).json().get("messages").get(1).get("content").asText();
        assertTrue(firstUser.contains("A, C#, F#, G, B") || firstUser.contains("C#, F#, G, A, B"),
                "the constraint is stated up front: " + firstUser);
        String repair = server.lastChatRequest().json().get("messages").get(3).get("content").asText();
        assertTrue(repair.contains("Not allowed: C"), repair);
        assertTrue(repair.contains("C3 (saw)"), "the offending note is named: " + repair);
    }

    @Test
    void aKeyInThePromptIsCheckedToo() {
        String outOfKey = "use_synth('tri')\nfor n in ['C4', 'D4', 'E4', 'F#4']:\n    play(n, sustain=0.4)\n    sleep(0.5)\n";
        server.enqueue(Reply.text(fenced("", outOfKey)), Reply.text(fenced("", outOfKey)));
        Generator.Result r = generator(1).generate(Generator.Request.create("a melody in C major"), events);
        assertFalse(r.ok());
        assertTrue(r.failure().contains("plays F#, which is not in the key of C major (C, D, E, F, G, A, B)"), r.failure());
        assertEquals(outOfKey, r.code(), "the last version is kept");
    }

    @Test
    void aWrongPitchOnlyTheAudioHasIsSentBackToo() {
        // Every note is in C major; the oscillator's 370 Hz (F#4) is in no note, only in the sound.
        String melody = "for n in ['C4', 'E4', 'G4', 'C5']:\n    play(n, synth='tri', sustain=0.4)\n    sleep(0.5)\n";
        String drone = "out(SineOscillator(frequency=370, amplitude=0.2))\n" + melody;
        String fixed = "out(SineOscillator(frequency=hz('G4'), amplitude=0.2))\n" + melody;
        server.enqueue(Reply.text(fenced("", drone)), Reply.text(fenced("", fixed)));
        Generator.Result r = generator(1).generate(Generator.Request.create("a melody in C major"), events);
        assertTrue(r.ok(), r.failure());
        assertEquals("plays F#, which is not in the key of C major (C, D, E, F, G, A, B)", r.attempts().get(0).soundProblem());
        String repair = server.lastChatRequest().json().get("messages").get(3).get("content").asText();
        assertTrue(repair.contains("Not allowed: F#"), repair);
    }

    /** Four bars of kick, snare and hats, with a bass line, at {@code bpm}. */
    public static String beatAt(int bpm) {
        return "use_bpm(" + bpm + ")\n"
                + "for bar in range(4):\n"
                + "    for beat in range(4):\n"
                + "        sample('bd_tek' if beat % 2 == 0 else 'sn_dolf', amp=0.8)\n"
                + "        play(['A2', 'A2', 'C3', 'E2'][beat], synth='saw', cutoff=70, release=0.3, amp=0.6)\n"
                + "        sample('hat', amp=0.3)\n"
                + "        sleep(0.5)\n"
                + "        sample('hat', amp=0.2)\n"
                + "        sleep(0.5)\n";
    }

    @Test
    void aWrongTempoGoesBackForRepairWithTheTempoNamed() {
        server.enqueue(Reply.text(fenced("A beat.", beatAt(90))), Reply.text(fenced("Now at 128.", beatAt(128))));
        Generator.Result r = generator(2).generate(Generator.Request.create("a techno beat at 128 bpm"), events);
        assertTrue(r.ok(), r.failure());
        assertEquals(2, server.chatRequests().size(), "one repair");
        assertEquals(beatAt(128), r.code(), "the second answer is taken");
        String problem = r.attempts().get(0).soundProblem();
        assertNotNull(problem, "the first version is heard at the wrong tempo");
        assertTrue(problem.matches("plays at (8[7-9]|9[0-3])\\.\\d bpm, not the 128 bpm asked .*"), problem);
        assertEquals(List.of("code 1", "invalid 1: " + problem, "repair 1", "code 2", "valid 2"), events.log);
        String first = server.chatRequests().get(0).json().get("messages").get(1).get("content").asText();
        assertTrue(first.contains("Play at 128 bpm (use_bpm(128))"), "the tempo is stated up front: " + first);
        var messages = server.lastChatRequest().json().get("messages");
        assertEquals(4, messages.size());
        String repair = messages.get(3).get("content").asText();
        assertTrue(repair.contains("The tempo is wrong."), repair);
        assertTrue(repair.contains("Asked: 128 bpm"), repair);
        assertTrue(repair.matches("(?s).*Heard in the rendered audio: heard (8[7-9]|9[0-3])\\.\\d bpm\n.*"), repair);
        assertTrue(repair.contains("The script sets use_bpm(90)."), repair);
        assertTrue(repair.contains("a techno beat at 128 bpm"), "the request goes back too: " + repair);
        assertFalse(repair.contains("pitch classes"), "no pitch section when the notes were not asked: " + repair);
    }

    @Test
    void aTempoHeardAtHalfTheAskedOneIsTaken() {
        // 256 bpm asked; the beat at 128 is heard as 128, half of it: the same piece, counted in halves.
        server.enqueue(Reply.text(fenced("", beatAt(128))));
        Generator.Result r = generator(2).generate(Generator.Request.create("a beat at 256 bpm"), events);
        assertTrue(r.ok(), r.failure());
        assertEquals(1, server.chatRequests().size(), "no repair");
    }

    @Test
    void wrongNotesAndTempoTogetherAreBothNamedInOneRepair() {
        String wrong = beatAt(100).replace("'C3'", "'F#2'");
        server.enqueue(Reply.text(fenced("", wrong)), Reply.text(fenced("", beatAt(128))));
        Generator.Result r = generator(1).generate(Generator.Request.create("a beat in A minor at 128 bpm"), events);
        assertTrue(r.ok(), r.failure());
        assertEquals(2, server.chatRequests().size());
        String problem = r.attempts().get(0).soundProblem();
        assertTrue(problem.startsWith("plays F#, which is not in the key of A minor"), problem);
        assertTrue(problem.contains("bpm, not the 128 bpm asked"), problem);
        String repair = server.lastChatRequest().json().get("messages").get(3).get("content").asText();
        assertTrue(repair.contains("Not allowed: F#") && repair.contains("F#2 (saw)"), repair);
        assertTrue(repair.contains("The tempo is wrong.") && repair.contains("The script sets use_bpm(100)."), repair);
        assertEquals(1, repair.split("The original request was", -1).length - 1, "one message, the request once: " + repair);
    }

    @Test
    void answersWithoutCodeAskAgainThenGiveUpClearly() {
        server.enqueue(Reply.text("I'm sorry, I can only describe music."), Reply.text("Still no code, sorry."));
        Generator.Result r = generator(1).generate(Generator.Request.create("a tune"), events);
        assertFalse(r.ok());
        assertTrue(r.failure().contains("no code"), r.failure());
        assertTrue(r.attempts().isEmpty());
        assertEquals(2, server.chatRequests().size());
    }

    @Test
    void codeThatNeverPassesStopsAfterTheRepairBudget() {
        String broken = "play(60)\nundefined_function()\n";
        server.enqueue(Reply.text(fenced("", broken)), Reply.text(fenced("", broken.replace("60", "62"))),
                Reply.text(fenced("", broken.replace("60", "64"))));
        Generator.Result r = generator(2).generate(Generator.Request.create("a tune"), events);
        assertFalse(r.ok());
        assertEquals(3, r.attempts().size());
        assertTrue(r.failure().contains("after 2 repairs") && r.failure().contains("NameError"), r.failure());
        assertEquals(3, server.chatRequests().size());
    }

    @Test
    void modelFailuresAreReportedWithWhatToDo() {
        server.enqueue(Reply.error(401, "Incorrect API key provided"));
        Generator.Result r = generator(2).generate(Generator.Request.create("a tune"), events);
        assertFalse(r.ok());
        assertTrue(r.failure().contains("OPENAI_API_KEY"), r.failure());
        assertEquals(List.of("failure UNAUTHORIZED"), events.log);
    }

    @Test
    void aTruncatedStreamKeepsWhatArrived() {
        server.enqueue(Reply.cutOff("Here is ", "the start of ```python\nplay(60)\n"));
        Generator.Result r = generator(2).generate(Generator.Request.create("a tune"), events);
        assertFalse(r.ok());
        assertTrue(events.partial.contains("play(60)"), "partial text is handed to the listener: " + events.partial);
    }

    @Test
    void editsSendTheCurrentCode() {
        server.enqueue(Reply.text(fenced("Darker now.", GOOD.replace("pluck", "saw"))));
        Generator.Result r = generator(2).generate(Generator.Request.edit("make it a saw", GOOD), events);
        assertTrue(r.ok(), r.failure());
        String user = server.lastChatRequest().json().get("messages").get(1).get("content").asText();
        assertTrue(user.contains("synth='pluck'") && user.contains("make it a saw"), user);
    }

    /** Records what the generator reports. */
    static final class Events implements Generator.Listener {
        final List<String> log = new ArrayList<>();
        final StringBuilder tokens = new StringBuilder();
        String partial = "";
        private int versions;

        @Override
        public void token(String token) {
            tokens.append(token);
        }

        @Override
        public int code(String code, boolean repair, Integer parent) {
            versions++;
            log.add("code " + versions);
            assertNotNull(code);
            return versions;
        }

        @Override
        public void validation(int version, ScriptError error, String soundProblem) {
            log.add(error == null && soundProblem == null ? "valid " + version
                    : "invalid " + version + ": " + (error != null ? error.format() : soundProblem));
        }

        @Override
        public void repair(int version, String reason) {
            log.add("repair " + version);
        }

        @Override
        public void failure(LlmException error) {
            log.add("failure " + error.kind());
            partial = error.partialText();
        }
    }
}
