package dev.riffcode.cli;

import dev.riffcode.ui.Display;
import dev.riffcode.ui.EditorBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code riffcode bench editor}: the editor's figures, measured on its real window. */
@Command(name = "editor", mixinStandardHelpOptions = true,
        description = {"Measure the editor on its real window: how soon it can be typed in, Run-to-sound once warm, "
                + "keystroke-to-error-mark, and whether typing while it plays disturbs the sound or the window.",
            "",
            "It needs a display (on a server: xvfb-run ./riffcode bench editor). The sound goes to the default device, "
                    + "or to a virtual clock when there is none. Each figure is printed as 'name: value unit'."})
final class EditorBenchCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "10", description = "how often each timed step is repeated (default ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() throws Exception {
        String why = Display.whyNot(System.getenv());
        if (why != null) {
            System.err.println("riffcode: " + why + "; on a server, run it under a virtual display: "
                    + "xvfb-run ./riffcode bench editor");
            return 1;
        }
        return EditorBench.run(System.out, Math.max(1, runs));
    }
}
