package dev.riffcode.llm;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.engine.OfflineRender;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.picture.Picture;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.score.Score;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Prompt to working code: ask the model, extract the script, run it in the sandbox, dry-render it,
 * and listen to it: when the prompt names its notes or key, for wrong pitch classes
 * ({@link PitchCheck}); when it gives a tempo in bpm, for the tempo ({@link TempoCheck}). Anything
 * that fails goes back to the model with the error (and its line), or with what was heard, for a
 * repair, at most {@code maxRepairs} times. Every step is reported to the {@link Listener}, which keeps the session.
 */
public final class Generator {

    public static final int DEFAULT_MAX_REPAIRS = 2;
    /** The longest prompt sent to a model; a longer one is kept in the session and refused. */
    public static final int MAX_PROMPT_CHARS = 20_000;
    /** How much of a piece is rendered to check it runs. */
    static final double DRY_RENDER_SECONDS = 6;
    /** How much of a piece is listened to for the pitch check. */
    static final double PITCH_CHECK_SECONDS = 120;
    /** How much of a piece is listened to for the tempo check. */
    static final double TEMPO_CHECK_SECONDS = 60;

    public enum Mode { NEW, EDIT }

    /**
     * What the user asked for. For an edit, {@code currentCode} is the script to change; {@code picture} is a
     * picture to compose from (a new piece only), or null.
     */
    public record Request(String prompt, Mode mode, String currentCode, Picture picture) {
        public Request {
            if (picture != null && mode != Mode.NEW) {
                throw new IllegalArgumentException("a picture goes with a new piece, not an edit");
            }
        }

        public static Request create(String prompt) {
            return new Request(prompt, Mode.NEW, null, null);
        }

        /** A new piece from a picture, with the prompt's words (which may be empty) beside it. */
        public static Request create(String prompt, Picture picture) {
            return new Request(prompt, Mode.NEW, null, picture);
        }

        public static Request edit(String prompt, String code) {
            return new Request(prompt, Mode.EDIT, code, null);
        }
    }

    /** Where the steps go (the session, the console). Versions are numbered by the listener. */
    public interface Listener {
        default void token(String token) {
        }

        default void answer(ChatResult answer) {
        }

        /** A new code version; returns its number. */
        int code(String code, boolean repair, Integer parent);

        /** {@code soundProblem}: what the audio does that the request does not ask for (wrong notes, tempo), or null. */
        default void validation(int version, ScriptError error, String soundProblem) {
        }

        default void repair(int version, String reason) {
        }

        default void failure(LlmException error) {
        }
    }

    /**
     * One code version and what was wrong with it (both null when it passed): the error when it
     * failed to run, else {@code soundProblem} when its audio is not what was asked (wrong pitch
     * classes, wrong tempo; several are joined with "; ").
     */
    public record Attempt(int version, String code, ScriptError error, String soundProblem) {
        public boolean passed() {
            return error == null && soundProblem == null;
        }
    }

    /** Where the time went: the model's own, and what Riffcode added on top. */
    public record Timings(double modelMillis, double extractMillis, double validateMillis) {
        public double overheadMillis() {
            return extractMillis + validateMillis;
        }
    }

    /**
     * The outcome. {@code code} is the version that passed, or the last one tried; {@code failure}
     * says what to do when none passed.
     */
    public record Result(boolean ok, String code, Score score, List<Attempt> attempts, String failure, Timings timings) {
        public Optional<Attempt> last() {
            return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
        }
    }

    private final Studio studio;
    private final PromptBuilder prompts;
    private final ChatModel model;
    private final int maxRepairs;
    private final String scriptName;
    private final RenderOptions options;

    /**
     * @param options the run's limits (timeout, longest piece) and sample rate for validation; its
     *                length is ignored, a dry render covers the first seconds
     */
    public Generator(Studio studio, PromptBuilder prompts, ChatModel model, int maxRepairs, String scriptName,
            RenderOptions options) {
        this.studio = studio;
        this.prompts = prompts;
        this.model = model;
        this.maxRepairs = maxRepairs;
        this.scriptName = scriptName;
        this.options = options;
    }

    public Result generate(Request request, Listener listener) {
        OptionalDouble bpm = TempoCheck.fromPrompt(request.prompt());
        Asks asks = new Asks(PitchCheck.fromPrompt(request.prompt()),
                bpm.isPresent() ? OptionalDouble.of(model.tempoItCanPlay(bpm.getAsDouble())) : bpm);
        String constraints = asks.instructions();
        List<ChatMessage> conversation = new ArrayList<>(request.mode() == Mode.EDIT
                ? prompts.edit(request.prompt(), request.currentCode(), constraints)
                : request.picture() != null ? prompts.fromPicture(request.prompt(), request.picture(), constraints)
                : prompts.newPiece(request.prompt(), constraints));
        List<Attempt> attempts = new ArrayList<>();
        double modelMs = 0;
        double extractMs = 0;
        double validateMs = 0;
        Integer parent = null;
        String lastProblem = null;
        for (int round = 0; round <= maxRepairs; round++) {
            ChatResult answer;
            try {
                answer = model.complete(conversation, listener::token);
            } catch (LlmException e) {
                listener.failure(e);
                return new Result(false, attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).code(), null, attempts,
                        e.getMessage(), new Timings(modelMs, extractMs, validateMs));
            }
            modelMs += answer.elapsedMillis();
            listener.answer(answer);
            conversation.add(ChatMessage.assistant(answer.text()));

            long t0 = System.nanoTime();
            CodeExtractor.Extraction extraction = CodeExtractor.extract(answer.text());
            extractMs += (System.nanoTime() - t0) / 1e6;
            if (!extraction.found()) {
                lastProblem = "the answer contains no code: " + extraction.reason();
                if (round == maxRepairs) {
                    break;
                }
                conversation.add(ChatMessage.user("Your answer had no Python script (" + extraction.reason()
                        + "). Answer with the complete Riffcode script in one ```python block."));
                continue;
            }
            String code = extraction.code().orElseThrow();
            if (!attempts.isEmpty() && attempts.get(attempts.size() - 1).code().equals(code)) {
                lastProblem = lastProblem + " (the repair returned the same code)";
                break;
            }
            int version = listener.code(code, round > 0, parent);
            parent = version;

            t0 = System.nanoTime();
            Check check = validate(version, code, asks);
            Attempt attempt = check.attempt();
            validateMs += (System.nanoTime() - t0) / 1e6;
            attempts.add(attempt);
            listener.validation(version, attempt.error(), attempt.soundProblem());
            if (attempt.passed()) {
                return new Result(true, code, check.score(), attempts, null, new Timings(modelMs, extractMs, validateMs));
            }
            lastProblem = attempt.error() != null ? attempt.error().format() : attempt.soundProblem();
            if (round == maxRepairs) {
                break;
            }
            listener.repair(version, attempt.error() != null ? attempt.error().format() : check.heardReason());
            conversation.add(attempt.error() != null
                    ? prompts.repair(request.prompt(), code, attempt.error().format())
                    : soundRepairMessage(request.prompt(), code, asks, check));
        }
        String failure = "no version passed after " + maxRepairs + " repair" + (maxRepairs == 1 ? "" : "s")
                + "; the last problem: " + lastProblem
                + ". Try rewording the prompt, a stronger model (--model), or edit the saved script and run it with ./riffcode render.";
        return new Result(false, attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).code(), null, attempts,
                failure, new Timings(modelMs, extractMs, validateMs));
    }

    /** What the prompt asks that can be heard: its notes or key, and its tempo in bpm. */
    record Asks(Optional<PitchCheck.Constraint> notes, OptionalDouble bpm) {
        /** The lines stated up front, in the first message. */
        String instructions() {
            List<String> lines = new ArrayList<>();
            notes.ifPresent(c -> lines.add(c.instruction()));
            if (bpm.isPresent()) {
                lines.add(TempoCheck.instruction(bpm.getAsDouble()));
            }
            return String.join("\n", lines);
        }
    }

    /**
     * A validation: the attempt, and (when it ran) its score and what was heard: the pitch finding
     * and the tempo finding, each null when not checked.
     */
    record Check(Attempt attempt, Score score, PitchCheck.Finding finding, TempoCheck.Finding tempo) {
        static Check failed(Attempt attempt) {
            return new Check(attempt, null, null, null);
        }

        /** Short, for the terminal: "wrong pitch classes", "wrong tempo", or both. */
        String heardReason() {
            List<String> wrong = new ArrayList<>();
            if (finding != null && !finding.ok()) {
                wrong.add("wrong pitch classes");
            }
            if (tempo != null && !tempo.ok()) {
                wrong.add("wrong tempo");
            }
            return String.join(" and ", wrong);
        }
    }

    /**
     * Runs the code in the sandbox, dry-renders it, and listens to it for what the prompt asks: the
     * pitch classes of its pitched voices, and the tempo of the whole mix.
     */
    Check validate(int version, String code, Asks asks) {
        RunResult run = studio.run(scriptName, code, options);
        if (!run.ok()) {
            return Check.failed(new Attempt(version, code, run.error(), null));
        }
        Score score = run.score();
        OfflineRender render = new OfflineRender(studio.backend(), RenderSettings.of(options.sampleRate()),
                options.samples());
        try {
            render.render(score, OptionalDouble.of(Math.max(0.1, Math.min(DRY_RENDER_SECONDS, score.lengthSeconds()))),
                    (l, r, n) -> { }, f -> { });
        } catch (IOException | RuntimeException e) {
            return Check.failed(new Attempt(version, code, new ScriptError(ScriptError.Category.CRASH, scriptName, 0,
                    "RenderError", "the engine could not render this score: " + e.getMessage()), null));
        }
        if (score.isSilent()) {
            return Check.failed(new Attempt(version, code, new ScriptError(ScriptError.Category.SCRIPT, scriptName, 0,
                    "Silence", "the script runs but plays nothing: call play(), sample() or out() "
                            + "(inside functions, make sure they are called)"), null));
        }
        List<String> problems = new ArrayList<>();
        PitchCheck.Finding finding = null;
        if (asks.notes().isPresent()) {
            Score pitched = score.pitchedOnly();
            double seconds = Math.min(PITCH_CHECK_SECONDS, Math.max(0.5, pitched.lengthSeconds()));
            AudioClip audio = new AudioClip(options.sampleRate(), render.toArrays(pitched, OptionalDouble.of(seconds)));
            finding = PitchCheck.check(asks.notes().get(), score, audio);
            if (!finding.ok()) {
                problems.add(asks.notes().get().problem(finding.wrong()));
            }
        }
        TempoCheck.Finding tempo = null;
        if (asks.bpm().isPresent()) {
            double seconds = Math.min(TEMPO_CHECK_SECONDS, Math.max(0.5, score.lengthSeconds()));
            AudioClip mix = new AudioClip(options.sampleRate(), render.toArrays(score, OptionalDouble.of(seconds)));
            tempo = TempoCheck.check(asks.bpm().getAsDouble(), mix);
            if (!tempo.ok()) {
                problems.add(tempo.problem());
            }
        }
        String problem = problems.isEmpty() ? null : String.join("; ", problems);
        return new Check(new Attempt(version, code, null, problem), score, finding, tempo);
    }

    /** The repair request for a script that runs but sounds wrong: each thing heard wrong, said plainly. */
    private ChatMessage soundRepairMessage(String prompt, String code, Asks asks, Check check) {
        List<String> sections = new ArrayList<>();
        PitchCheck.Finding finding = check.finding();
        if (finding != null && !finding.ok()) {
            String offending = finding.wrongNotes().isEmpty() ? ""
                    : "Notes in the score outside the allowed set: " + String.join(", ", finding.wrongNotes()) + ".";
            sections.add(prompts.pitchProblem(PitchCheck.names(asks.notes().orElseThrow().pitchClasses()),
                    PitchCheck.names(finding.heard()), PitchCheck.names(finding.wrong()), offending));
        }
        TempoCheck.Finding tempo = check.tempo();
        if (tempo != null && !tempo.ok()) {
            sections.add(prompts.tempoProblem(TempoCheck.fmt(tempo.asked()) + " bpm", tempo.heardText(),
                    TempoCheck.scriptTempo(code).map(t -> "The script sets " + t + ".").orElse(
                            "The script never calls use_bpm(), so it plays at the default 60 bpm.")));
        }
        return prompts.soundRepair(prompt, String.join("\n", sections));
    }
}
