package dev.riffcode.cli;

import dev.riffcode.session.SessionStore;
import dev.riffcode.ui.Display;
import dev.riffcode.ui.EditorApp;
import java.io.IOException;
import java.util.List;
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

    /**
     * The commands, in the order the help lists them ({@code sessions} goes after them). They are added to the command
     * line in {@link #run}, not named in the annotation: picocli builds the model of every command it is given, and a
     * command line that names one of them only needs that one (a command starts about 35 ms sooner).
     */
    static final List<Class<?>> COMMANDS = List.of(RenderCommand.class, GenerateCommand.class, LiveCommand.class,
            EditCommand.class, DevicesCommand.class, ClipCommand.class, SpectrogramCommand.class, SamplesCommand.class,
            AnalyzeCommand.class, ServeCommand.class, ReferenceCommand.class, BenchCommand.class,
            PrepareCacheCommand.class, CommandLine.HelpCommand.class);

    private static final String SESSIONS = "sessions";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("render")) {
            ServiceFirst.Outcome first = ServiceFirst.render(args, System.getenv(), System.err);
            if (first.exit() != null) {
                ServiceFirst.end(first.exit());
            }
            if (first.renderAsked()) {
                // The service could not take the job after all (busy, gone): here, without asking it again.
                System.exit(run(ServiceFirst.withoutService(), args));
            }
        }
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this directly). */
    public static int run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** As {@link #run(String...)}, with the subcommands made by {@code factory} (tests hand in a warm worker). */
    static int run(CommandLine.IFactory factory, String... args) {
        try (StudioReplay replay = new StudioReplay()) {
            return commandLine(factory, replay, args).execute(args);
        }
    }

    /**
     * The command line that runs {@code args}: when they name a command (other than help, which lists them all), that
     * one alone; otherwise every command.
     */
    static CommandLine commandLine(CommandLine.IFactory factory, StudioReplay replay, String... args) {
        CommandLine cli = new CommandLine(new Main(), factory);
        String named = args.length > 0 ? args[0] : "";
        boolean one = SESSIONS.equals(named) || COMMANDS.stream()
                .anyMatch(c -> c != CommandLine.HelpCommand.class && nameOf(c).equals(named));
        for (Class<?> command : COMMANDS) {
            if (!one || nameOf(command).equals(named)) {
                cli.addSubcommand(new CommandLine(command, factory));
            }
        }
        if (!one || SESSIONS.equals(named)) {
            cli.addSubcommand(new SessionsCommand(SessionStore.defaultRoot(), replay));
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true); // after the subcommands: picocli passes it down then
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
        return cli;
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
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
