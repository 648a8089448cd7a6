package dev.riffcode.cli;

import dev.riffcode.api.ApiReference;
import dev.riffcode.runtime.ScriptRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code riffcode reference}: the Python API reference, written from the module's docstrings. */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = {"Print the Python API reference (Markdown), written from the API's own docstrings.",
            "",
            "It is the same text the LLM is given."})
final class ReferenceCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        try (ScriptRunner runner = new ScriptRunner()) {
            System.out.println("# Riffcode Python API\n");
            System.out.println(ApiReference.userCache().get(runner));
            return 0;
        }
    }
}
