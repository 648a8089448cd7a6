package dev.riffcode.studio;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.engine.OfflineRender;
import dev.riffcode.export.MidiExport;
import dev.riffcode.export.Stems;
import dev.riffcode.hearing.Hearing;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.hearing.LoudnessNormalizer;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.SynthBackend;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.runtime.Runner;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.runtime.ScriptRunner;
import dev.riffcode.samples.ScoreSamples;
import dev.riffcode.score.Score;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/** Script in, sound out: the sandboxed run, the limits check and the render, in one place. */
public final class Studio implements AutoCloseable {

    private final Runner runner;
    private final SynthBackend backend;

    /** A studio that owns {@code runner}: {@link #close()} stops it. */
    public Studio(ScriptRunner runner, SynthBackend backend) {
        this((Runner) runner, backend);
    }

    /**
     * A studio that runs scripts on {@code runner}, such as a shared {@link dev.riffcode.runtime.WorkerPool}; only a
     * {@link ScriptRunner} is stopped by {@link #close()}, anything else belongs to the caller.
     */
    public Studio(Runner runner, SynthBackend backend) {
        this.runner = runner;
        this.backend = backend;
    }

    public SynthBackend backend() {
        return backend;
    }

    /** The single worker this studio runs scripts on; a studio on a pool has none. */
    public ScriptRunner runner() {
        if (runner instanceof ScriptRunner single) {
            return single;
        }
        throw new IllegalStateException("this studio runs scripts on a pool, not on one worker");
    }

    /** The result of running and (if that worked) rendering a script. */
    public record Outcome(RunResult run, OfflineRender.Result render, float[][] audio, ScriptError error) {
        public boolean ok() {
            return error == null;
        }

        public Score score() {
            return run == null ? null : run.score();
        }
    }

    /**
     * Runs the script and checks its score: every sample file it plays is decoded now (an unplayable one is an error
     * at the line that played it) and counts towards its length. The error, if any, is in the result.
     */
    public RunResult run(String name, String code, RenderOptions options) {
        RunResult run = runner.run(options.request(name, code));
        if (!run.ok()) {
            return run;
        }
        ScoreSamples.Prepared samples = ScoreSamples.prepare(options.samples(), run.score(), options.sampleRate());
        if (!samples.ok()) {
            return failed(run, new ScriptError(ScriptError.Category.SCRIPT, name, samples.failed().line(), "SampleError",
                    "sample(): " + samples.problem()));
        }
        ScriptError tooBig = checkLimits(name, samples.score(), options);
        if (tooBig != null) {
            return failed(run, tooBig);
        }
        return run.withScore(samples.score());
    }

    private static RunResult failed(RunResult run, ScriptError error) {
        return run.withScore(null).withError(error);
    }

    /** Runs and renders to a WAV file; on any failure nothing is left at {@code target}. */
    public Outcome renderToWav(String name, String code, RenderOptions options, Path target, DoubleConsumer progress)
            throws IOException {
        return renderToWav(name, code, options, target, progress, false);
    }

    /**
     * As above; with {@code keepAudio} the outcome also holds the audio as the file does, to be heard without
     * reading the file back.
     */
    public Outcome renderToWav(String name, String code, RenderOptions options, Path target, DoubleConsumer progress,
            boolean keepAudio) throws IOException {
        RunResult run = run(name, code, options);
        if (!run.ok()) {
            return new Outcome(run, null, null, run.error());
        }
        OfflineRender render = new OfflineRender(backend, RenderSettings.of(options.sampleRate()), options.samples());
        if (keepAudio) {
            OfflineRender.InMemory kept = render.toWavAndMemory(run.score(), options.seconds(), target,
                    options.format(), progress);
            return new Outcome(run, kept.result(), kept.audio(), null);
        }
        OfflineRender.Result result = render.toWav(run.score(), options.seconds(), target, options.format(), progress);
        return new Outcome(run, result, null, null);
    }

    /**
     * Renders one WAV per part of {@code score} into {@code folder}, each {@code frames} long (pass the mix's frames,
     * so stems and mix line up); see {@link Stems}.
     */
    public List<Stems.Written> renderStems(Score score, RenderOptions options, long frames, Path folder,
            Consumer<Stems.Written> written) throws IOException {
        OfflineRender render = new OfflineRender(backend, RenderSettings.of(options.sampleRate()), options.samples());
        return Stems.write(render, score, frames, options.sampleRate(), folder, options.format(), written);
    }

    /** Writes {@code score} as a Standard MIDI File at {@code target}; see {@link MidiExport}. */
    public MidiExport.Result writeMidi(Score score, Path target) throws IOException {
        return MidiExport.write(score, target);
    }

    /** A render brought to a target loudness: the outcome (its audio is what was written) and what was done. */
    public record Normalized(Outcome outcome, LoudnessNormalizer.Result loudness) {
    }

    /**
     * Runs, renders into memory, brings the audio to {@code targetLufs} integrated loudness
     * ({@link LoudnessNormalizer}: never past the master's -0.3 dBFS ceiling) and writes the WAV file
     * atomically; on any failure nothing is left at {@code target}. The outcome's audio and render
     * figures are those of the normalised audio.
     */
    public Normalized renderToWavAtLoudness(String name, String code, RenderOptions options, Path target,
            double targetLufs) throws IOException {
        Outcome rendered = renderToMemory(name, code, options);
        if (!rendered.ok()) {
            return new Normalized(rendered, null);
        }
        LoudnessNormalizer.Result loud = LoudnessNormalizer.normalize(rendered.audio(), options.sampleRate(), targetLufs);
        WavWriter.writeAtomically(target, loud.audio(), options.sampleRate(), options.format());
        OfflineRender.Result r = rendered.render();
        double peak = Levels.peak(new AudioClip(options.sampleRate(), loud.audio()));
        return new Normalized(new Outcome(rendered.run(), new OfflineRender.Result(r.frames(), r.sampleRate(), peak,
                r.renderMillis()), loud.audio(), null), loud);
    }

    /**
     * The hearing report of rendered audio. When the score has unpitched notes (drums), the notes and
     * key come from its pitched parts rendered alone, so drum sounds are not reported as notes.
     *
     * @param score the score the audio was rendered from, or null to listen to the mix alone
     */
    public HearingReport hear(AudioClip audio, Score score, RenderOptions options) {
        AudioClip pitched = null;
        if (score != null && score.pitchedOnly().notes().size() != score.notes().size()) {
            double seconds = Math.min(Hearing.MAX_PITCH_SECONDS, Math.max(0.5, audio.durationSeconds()));
            pitched = new AudioClip(audio.sampleRate(), new OfflineRender(backend, RenderSettings.of(audio.sampleRate()),
                    options.samples()).toArrays(score.pitchedOnly(), OptionalDouble.of(seconds)));
        }
        return Hearing.analyze(audio, pitched);
    }

    /** Runs and renders into memory (for validation and analysis). */
    public Outcome renderToMemory(String name, String code, RenderOptions options) {
        RunResult run = run(name, code, options);
        if (!run.ok()) {
            return new Outcome(run, null, null, run.error());
        }
        OfflineRender.InMemory rendered = new OfflineRender(backend, RenderSettings.of(options.sampleRate()),
                options.samples())
                .toMemory(run.score(), options.seconds());
        return new Outcome(run, rendered.result(), rendered.audio(), null);
    }

    private static ScriptError checkLimits(String name, Score score, RenderOptions options) {
        double length = options.seconds().orElse(score.lengthSeconds());
        if (length > options.maxSeconds()) {
            return new ScriptError(ScriptError.Category.LIMIT, name, 0, "ScoreTooLong", String.format(
                    "the piece is %s long and the limit is %s; it was refused before rendering "
                            + "(shorten it, or raise the limit with --max-seconds)",
                    duration(length), duration(options.maxSeconds())));
        }
        return null;
    }

    static String duration(double seconds) {
        if (seconds >= 3600) {
            return String.format("%.1f h", seconds / 3600);
        }
        if (seconds >= 120) {
            return String.format("%.1f min", seconds / 60);
        }
        return String.format("%.1f s", seconds);
    }

    @Override
    public void close() {
        if (runner instanceof ScriptRunner single) {
            single.close();
        }
    }
}
