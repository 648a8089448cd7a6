package dev.riffcode.cli;

import dev.riffcode.runtime.RunRequest;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.runtime.ScriptRunner;
import dev.riffcode.runtime.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code riffcode prepare-cache FILE} (used by the launcher on JDK 25): runs the teaching examples in
 * a worker started with {@code -XX:AOTCacheOutput=FILE}, then lets it exit normally so the JVM
 * writes an ahead-of-time cache of the classes GraalPy loads. Later workers start with
 * {@code -XX:AOTCache=FILE} and skip most of that work.
 */
@Command(name = "prepare-cache", hidden = true, description = "Write the JDK 25 start-up cache for the script worker.")
final class PrepareCacheCommand implements Callable<Integer> {

    private static final long TRAINING_TIMEOUT_MILLIS = 60_000;

    @Parameters(index = "0", paramLabel = "FILE")
    Path cache;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(cache.toAbsolutePath().getParent());
        WorkerSettings settings = WorkerSettings.defaults().withExtraJvmOptions(List.of("-XX:AOTCacheOutput=" + cache.toAbsolutePath()));
        Path examples = Path.of(System.getProperty("riffcode.templates", "templates")).resolve("examples");
        try (ScriptRunner runner = new ScriptRunner(settings)) {
            runner.warmUp();
            try (Stream<Path> files = Files.list(examples)) {
                for (Path script : files.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                    // A worker that records a cache runs slower, and a busy machine slower still: a
                    // generous bound, so the cache learns from every example, not only the fast ones.
                    RunResult r = runner.run(RunRequest.of(script.getFileName().toString(), Files.readString(script))
                            .withTimeout(TRAINING_TIMEOUT_MILLIS));
                    if (!r.ok()) {
                        System.err.println("riffcode: the start-up cache learns from the other examples, not this one: "
                                + r.error().format());
                    }
                }
            }
            boolean ok = runner.shutdownGracefully(300);
            return ok && Files.isRegularFile(cache) ? 0 : 1;
        }
    }
}
