package dev.riffcode.cli;

import dev.riffcode.llm.LlmSettings;
import dev.riffcode.runtime.ScriptRunner;
import dev.riffcode.samples.SampleConfig;
import dev.riffcode.serve.ServiceClient;
import dev.riffcode.studio.RenderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code render} on a running service before this JVM reads its own command line. The service reads it with its warm
 * parser ({@link RenderCommand#planForService}) and says whether it takes the render; reading picocli's annotations
 * in a new JVM (the JDK makes a class for each kind of annotation) took about 0.2 s of a one-second command, measured
 * here. Whatever the service does not take as it stands (help, a mistake in the command line, --loudness, sample
 * folders, no service at all) comes back, and the command line then runs as always: its messages, exit codes and
 * files are the ones it has always given.
 */
final class ServiceFirst {

    /**
     * The exit code when the service rendered (or the script failed there); null when the command line must run,
     * and then {@code renderAsked} says that the service was already asked to render and could not take the job.
     */
    record Outcome(Integer exit, boolean renderAsked) {
    }

    private static final Outcome NOT_ASKED = new Outcome(null, false);

    private ServiceFirst() {
    }

    /** {@code args}: the whole command line, starting with {@code render}. */
    static Outcome render(String[] args, Map<String, String> env, PrintStream err) {
        List<String> argv = List.of(args).subList(1, args.length);
        if (!ServiceRuns.allowed(argv.contains("--no-service"), env)) {
            return NOT_ASKED;
        }
        // Quiet: when the service cannot be used, the command line looks again and says why.
        ServiceClient client = ServiceClient.discover(env, said -> { });
        if (client == null) {
            return NOT_ASKED;
        }
        Path script;
        Path output;
        RenderOptions options;
        boolean report;
        String code;
        try {
            Map<String, Object> plan = client.planRender(argv);
            if (!"service".equals(plan.get("plan"))) {
                return NOT_ASKED;
            }
            script = Path.of(plan.get("script").toString());
            output = Path.of(plan.get("output").toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) plan.get("fields");
            options = ServiceRuns.options(fields);
            report = Boolean.TRUE.equals(plan.get("report"));
            // What the command line checks on this machine: the config's sample folders, the script, the output.
            if (!SampleConfig.folders(LlmSettings.defaultConfigFile(env)).isEmpty()
                    || OutputFiles.problemWith(output) != null) {
                return NOT_ASKED;
            }
            code = CliOptions.scriptText(script);
        } catch (IOException | RuntimeException e) {
            return NOT_ASKED;
        }
        Integer exit = ServiceRuns.render(client, script.getFileName().toString(), code, options, report, output, err);
        return new Outcome(exit, true);
    }

    /**
     * Ends this JVM with {@code exit} once the output is flushed, without System.exit: since JDK 21 that looks for a
     * logger to log the exit with, and the JDK's search for a logging back end opens every jar on the class path,
     * 130-150 ms with the sixty jars here (measured; a JVM that halts takes a few). Nothing of this command is left
     * to a shutdown hook: the WAV is in place and no worker or thread was started.
     */
    static void end(int exit) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exit);
    }

    /** Makes the commands as picocli does, except {@code render}, which then renders here without asking a service. */
    static CommandLine.IFactory withoutService() {
        return RenderCommand.factoryWith(() -> new RenderCommand(ScriptRunner::new));
    }
}
