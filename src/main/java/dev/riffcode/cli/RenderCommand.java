package dev.riffcode.cli;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.hearing.LoudnessNormalizer;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.runtime.ScriptRunner;
import dev.riffcode.serve.ServiceClient;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code riffcode render SCRIPT.py -o OUT.wav}. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {
            "Run a Riffcode script in the sandbox and render it offline to a WAV file.",
            "",
            "Without --seconds the piece is as long as its last note (or its last sleep), plus the ringing of any "
                    + "reverb or echo; scripts with live_loop run for 16 s.",
            "",
            "After the render a short report says what is in the audio (tempo, notes and key, loudness, brightness, "
                    + "stereo width, onsets, silences); ./riffcode analyze gives it for any WAV file."},
        footer = {
            "",
            "Examples:",
            "  ./riffcode render templates/examples/01_hello_melody.py -o hello.wav",
            "  ./riffcode render beat.py -o beat.wav --seconds 30 --rate 48000 --bits 24",
            "  ./riffcode render beat.py -o loud.wav --loudness -14",
            "      (as loud as streaming services play)",
            "  ./riffcode render beat.py -o beat.wav --stems beat-stems",
            "      (beat-stems/main.wav and one WAV per live_loop and in_thread, for a DAW)",
            "  ./riffcode render beat.py -o beat.wav --midi beat.mid",
            "      (the notes, one track per part, General MIDI sounds, drums on channel 10)",
            "",
            "On a script error the message is SCRIPT.py:LINE: Kind: message, the exit code is 1 and nothing is "
                    + "written at OUT.wav."})
final class RenderCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCRIPT.py", description = "the Python script to render")
    Path script;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.wav", description = "the WAV file to write")
    Path output;

    @picocli.CommandLine.Mixin
    RenderFlags render;

    @Option(names = "--no-service", description = "render here even when a warm service (./riffcode serve) is running")
    boolean noService;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Supplier<ScriptRunner> runners;
    /** The environment in which a running service is looked for; null: never use one. */
    private final Map<String, String> serviceEnv;

    RenderCommand() {
        this(ScriptRunner::new, System.getenv());
    }

    /**
     * Renders here, with the script worker from {@code runners} (tests pass one already started, to time the script
     * alone; {@link ServiceFirst} a new one when the service could not take the job).
     */
    RenderCommand(Supplier<ScriptRunner> runners) {
        this(runners, null);
    }

    /** Looks for a running service in {@code env} (tests give a state file of their own there). */
    RenderCommand(Map<String, String> env) {
        this(ScriptRunner::new, env);
    }

    private RenderCommand(Supplier<ScriptRunner> runners, Map<String, String> serviceEnv) {
        this.runners = runners;
        this.serviceEnv = serviceEnv;
    }

    /** Makes the commands as picocli does, and {@code render} with {@code render} (another worker, another service). */
    static CommandLine.IFactory factoryWith(Supplier<RenderCommand> render) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == RenderCommand.class ? type.cast(render.get()) : CommandLine.defaultFactory().create(type);
            }
        };
    }

    /**
     * How a running service reads a render command line for {@link ServiceFirst} ({@code argv}: the words after
     * {@code render}): {@code {"plan": "service"}} with the script and output as given (the client reads and writes
     * them), whether to report, and the render's fields, when the render can go to the service as it stands;
     * otherwise {@code {"plan": "here", "why": ...}}, and the client runs the command line itself, which then also
     * says what is wrong with it.
     */
    static Map<String, Object> planForService(List<String> argv) {
        RenderCommand command = new RenderCommand(ScriptRunner::new); // parsed, never run
        CommandLine cli = new CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true); // as Main's command line
        // Never read a file a client names: "@FILE" words would make picocli read FILE here, and a mistake in them
        // would come back in the answer. Taken as they are, they lead to "here", where the client expands them.
        cli.setExpandAtFiles(false);
        Map<String, Object> plan = new LinkedHashMap<>();
        String why;
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(argv.toArray(String[]::new));
            RenderFlags flags = command.render;
            RenderOptions options = flags.checkedWithoutSamples(command.spec);
            why = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() ? "help"
                    : command.noService ? "--no-service"
                    : ServiceRuns.whyHere(flags.loudness(command.spec) != null, flags.exports(), !flags.samples.isEmpty());
            if (why == null) {
                plan.put("plan", "service");
                plan.put("script", command.script.toString());
                plan.put("output", command.output.toString());
                plan.put("report", !flags.noReport);
                plan.put("fields", ServiceRuns.fields(options));
                return plan;
            }
        } catch (CommandLine.PicocliException e) {
            why = "the command line needs a change: " + e.getMessage();
        }
        plan.put("plan", "here");
        plan.put("why", why);
        return plan;
    }

    @Override
    public Integer call() throws IOException {
        RenderOptions options = render.options(spec);
        Double loudness = render.loudness(spec);
        render.checkExports(spec, loudness);
        String code = CliOptions.readScript(spec, script);
        String unwritable = OutputFiles.problemWith(output);
        if (unwritable != null) {
            System.err.println("riffcode: " + unwritable);
            return 1;
        }
        Console console = new Console(System.err);
        if (serviceEnv != null && ServiceRuns.allowed(noService, serviceEnv)) {
            ServiceClient client = ServiceClient.discover(serviceEnv, System.err::println);
            String runsHere = ServiceRuns.whyHere(loudness != null, render.exports(), !options.samples().isEmpty());
            if (client != null && runsHere != null) {
                console.info("riffcode: running here, not on the service at " + client.entry().url() + ": " + runsHere);
            } else if (client != null) {
                Integer exit = ServiceRuns.render(client, script.getFileName().toString(), code, options,
                        !render.noReport, output, System.err);
                if (exit != null) {
                    return exit;
                }
            }
        }
        try (Studio studio = new Studio(runners.get(), new PipesBackend())) {
            String name = script.getFileName().toString();
            Studio.Outcome outcome;
            LoudnessNormalizer.Result normalized = null;
            try {
                if (loudness != null) {
                    Studio.Normalized n = studio.renderToWavAtLoudness(name, code, options, output, loudness);
                    outcome = n.outcome();
                    normalized = n.loudness();
                } else {
                    outcome = studio.renderToWav(name, code, options, output, f -> console.progress("rendering", f),
                            !render.noReport);
                }
            } catch (IOException e) {
                System.err.println("riffcode: " + OutputFiles.explain(e, output) + "; nothing was left at " + output);
                return 1;
            }
            printScriptOutput(outcome.run());
            if (!outcome.ok()) {
                System.err.println(outcome.error().format());
                return 1;
            }
            var r = outcome.render();
            int hits = outcome.score().samples().size();
            console.info(String.format("wrote %s: %.2f s, %d Hz, %s, peak %.1f dBFS, %d notes%s (rendered at %.0fx real time)",
                    output, r.seconds(), r.sampleRate(), options.format().cliName().equals("32f") ? "32-bit float"
                            : options.format().bitsPerSample() + "-bit", r.peakDbfs(), outcome.score().notes().size(),
                    hits == 0 ? "" : hits == 1 ? ", 1 sample" : ", " + hits + " samples", r.realtimeFactor()));
            if (outcome.score().isSilent()) {
                console.info("note: the script played nothing (no play(), sample() or out() call); the file is silent");
            }
            if (normalized != null) {
                console.info(normalized.describe());
            }
            if (Exports.write(studio, render, outcome.score(), options, r.frames(), console).error() != null) {
                return 1;
            }
            if (!render.noReport) {
                AudioClip heard = outcome.audio() != null ? new AudioClip(r.sampleRate(), outcome.audio())
                        : WavReader.read(output);
                HearingOutput.print(console, studio.hear(heard, outcome.score(), options));
            }
            return 0;
        }
    }

    static void printScriptOutput(RunResult run) {
        if (run != null && !run.printed().isEmpty()) {
            System.out.print(run.printed());
            if (run.printedTruncated()) {
                System.out.println("\n[output truncated: a script may print at most 64 KB]");
            }
            System.out.flush();
        }
    }
}
