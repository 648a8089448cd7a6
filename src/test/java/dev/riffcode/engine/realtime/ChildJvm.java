package dev.riffcode.engine.realtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A test class's {@code main} run in a child JVM with its own environment, reporting {@code key value} lines. */
final class ChildJvm {

    private final Process process;
    private final BufferedReader out;
    private final Map<String, String> said = new HashMap<>();
    private final List<String[]> lines = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildJvm start(Class<?> main, Map<String, String> env, Path stderr, String... args) throws IOException {
        return start(List.of(), main, env, stderr, args);
    }

    static ChildJvm start(List<String> jvmOptions, Class<?> main, Map<String, String> env, Path stderr,
            String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
        pb.environment().putAll(env);
        return new ChildJvm(pb.start());
    }

    /** Reads the next line and remembers it; null at the end. */
    String[] next() throws IOException {
        String line = out.readLine();
        if (line == null) {
            return null;
        }
        String[] kv = line.split(" ", 2);
        String[] pair = {kv[0], kv.length > 1 ? kv[1] : ""};
        said.put(pair[0], pair[1]);
        lines.add(pair);
        return pair;
    }

    /** Reads to the end and waits for the child to exit; the last value said for each key. */
    Map<String, String> finish(long timeoutSeconds) throws IOException, InterruptedException {
        while (next() != null) {
            // keep the latest of each
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not end in " + timeoutSeconds + " s");
        }
        return said;
    }

    /** Every value said for {@code key}, in order. */
    List<String> all(String key) {
        return lines.stream().filter(kv -> kv[0].equals(key)).map(kv -> kv[1]).toList();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }
}
