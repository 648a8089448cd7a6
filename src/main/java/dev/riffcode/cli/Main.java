package dev.riffcode.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./riffcode}. */
@Command(name = "riffcode",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Riffcode: a prompt becomes Python, the Python becomes sound.",
            "",
            "Scripts are plain Python with a Sonic Pi-like API (play, sleep, use_synth, live_loop,",
            "with_fx, scale, chord) and JSyn-style unit generators. They run in a sandbox and are",
            "rendered by a Java synthesis engine.",
            ""},
        subcommands = {RenderCommand.class, ReferenceCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Start here:",
            "  ./riffcode render templates/examples/01_hello_sine.py -o hello.wav",
            "  ./riffcode reference            the whole Python API",
            "  ./riffcode help render          options of one command",
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
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
