package dev.riffcode.cli;

import dev.riffcode.ui.Display;
import dev.riffcode.ui.EditorApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code riffcode edit [FILE.py]}: the desktop editor. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {
            "Open the live-coding editor: write or generate a script, hear it, change it while it plays.",
            "",
            "Ctrl+Enter (or Alt+R) plays the code live, Ctrl+. (or Alt+S) stops it. Type a prompt in the bar at the "
                    + "top: Enter asks for a new piece, Shift+Enter for a change to the code in the editor. Every run "
                    + "and every generated version is kept in sessions/, and what you type is autosaved.",
            "",
            "./riffcode with no arguments opens the editor too, where there is a display."},
        footer = {
            "",
            "Examples:",
            "  ./riffcode edit",
            "  ./riffcode edit beat.py",
            "",
            "Exit codes: 0 the window was closed, 1 no display or the file cannot be read, 2 wrong command line."})
final class EditCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.py", description = "the script to open (it is created when saved)")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (file != null && Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), file + " is a folder; name a .py file");
        }
        if (!Display.available(System.getenv())) {
            System.err.println("riffcode: " + Display.whyNot(System.getenv()) + "; in a terminal, ./riffcode live FILE.py plays a "
                    + "script and follows your saves");
            return 1;
        }
        EditorApp.run(file);
        return 0;
    }
}
