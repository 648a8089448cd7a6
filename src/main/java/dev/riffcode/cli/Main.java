package dev.riffcode.cli;

import dev.riffcode.session.SessionStore;
import dev.riffcode.ui.Display;
import dev.riffcode.ui.EditorApp;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./riffcode}. */
@Command(name = "riffcode",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Riffcode: a prompt becomes Python, the Python becomes sound.",
            "",
            "Scripts are plain Python with a Sonic Pi-like API (play, sleep, use_synth, live_loop, with_fx, scale, "
                    + "chord) and JSyn-style unit generators. They run in a sandbox and are rendered by a Java "
                    + "synthesis engine.",
            ""},
        subcommands = {RenderCommand.class, GenerateCommand.class, LiveCommand.class, EditCommand.class,
            DevicesCommand.class, ClipCommand.class, SpectrogramCommand.class, SamplesCommand.class, AnalyzeCommand.class,
            ServeCommand.class, ReferenceCommand.class, BenchCommand.class,
            PrepareCacheCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Start here:",
            "  ./riffcode render templates/examples/07_supersaw_pad.py -o pad.wav",
            "  ./riffcode live beat.py         play it; save beat.py to change it as it plays",
            "  ./riffcode edit beat.py         the editor (on a desktop, ./riffcode opens it)",
            "  ./riffcode generate \"a folk tune that only uses A, B, C#, F# and G\" \\",
            "      -o folk.wav",
            "  ./riffcode clip \"a choir swell\" -o choir.wav   a whole clip from Riffusion",
            "  ./riffcode spectrogram beat.wav -o beat.png   and back: .png -> .wav",
            "  ./riffcode analyze pad.wav      tempo, key, loudness and more of any WAV file",
            "  ./riffcode sessions list        every prompt, answer, version and render, kept",
            "  ./riffcode reference            the whole Python API",
            "  ./riffcode samples              what sample(\"NAME\") can play",
            "  ./riffcode help generate        options of one command",
            "",
            "Exit codes: 0 ok, 1 the script or render failed, 2 wrong command line."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this directly). */
    public static int run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** As {@link #run(String...)}, with the subcommands made by {@code factory} (tests hand in a warm worker). */
    static int run(CommandLine.IFactory factory, String... args) {
        try (StudioReplay replay = new StudioReplay()) {
            CommandLine cli = new CommandLine(new Main(), factory).setCaseInsensitiveEnumValuesAllowed(true);
            cli.addSubcommand(new SessionsCommand(SessionStore.defaultRoot(), replay));
            cli.setExecutionExceptionHandler((e, line, parsed) -> {
                IOException io = OutputFiles.ioCause(e);
                if (io == null) {
                    throw e;
                }
                // A file the user named could not be read or written: say which and why, not a stack trace.
                System.err.println("riffcode: " + OutputFiles.explain(io));
                return 1;
            });
            // Help text flows to the terminal's width (80 columns when there is none); words are never split.
            cli.setUsageHelpAutoWidth(true);
            FlowingHelp.install(cli);
            return cli.execute(args);
        }
    }

    /** No command: the editor where there is a display, else the help. */
    @Override
    public void run() {
        if (!Display.available(System.getenv())) {
            spec.commandLine().usage(System.out);
            return;
        }
        try {
            EditorApp.run(null);
        } catch (java.io.IOException e) {
            System.err.println("riffcode: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
