package dev.riffcode.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK 25 start-up cache of the command line itself, so that a command which only asks the service starts in a
 * fraction of a second. The launcher names the cache ({@code -Driffcode.clientAot=FILE}) when it starts
 * {@code serve} on a JDK 25; once the service listens, a training client renders a short example through it with
 * {@code -XX:AOTCacheOutput}, and the JVM writes the classes it used. Later commands start with
 * {@code -XX:AOTCache=FILE}. The launcher deletes the cache whenever it rebuilds the jar.
 */
final class ClientCache {

    static final String PROPERTY = "riffcode.clientAot";

    private ClientCache() {
    }

    static void trainInBackground(Path stateFile, boolean noRegister) {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isBlank() || noRegister || Files.exists(Path.of(target))) {
            return;
        }
        Thread t = new Thread(() -> train(Path.of(target), stateFile), "riffcode-client-cache");
        t.setDaemon(true);
        t.start();
    }

    private static void train(Path cache, Path stateFile) {
        Path tmp = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid());
        Path wav = null;
        try {
            Files.createDirectories(cache.toAbsolutePath().getParent());
            wav = Files.createTempFile("riffcode-train-", ".wav");
            Path example = Path.of(System.getProperty("riffcode.templates", "templates"), "examples", "01_hello_melody.py");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!arg.startsWith("-XX:AOTCache") && !arg.startsWith("-D" + PROPERTY)
                        && !arg.startsWith("-Driffcode.clientJavaOpts")) {
                    command.add(arg);
                }
            }
            String clientOpts = System.getProperty("riffcode.clientJavaOpts", "");
            if (!clientOpts.isBlank()) {
                command.addAll(List.of(clientOpts.trim().split("\\s+")));
            }
            command.add("-XX:AOTCacheOutput=" + tmp.toAbsolutePath());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.add("render");
            command.add(example.toString());
            command.add("-o");
            command.add(wav.toString());
            command.add("--seconds");
            command.add("1");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("RIFFCODE_SERVE_STATE", stateFile.toAbsolutePath().toString());
            pb.environment().remove("RIFFCODE_NO_SERVICE");
            Process p = pb.start();
            if (p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0 && Files.isRegularFile(tmp)) {
                Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                System.err.println("riffcode: wrote the command line's start-up cache (" + cache + ")");
            } else {
                p.destroyForcibly();
                System.err.println("riffcode: no start-up cache for the command line; commands start a little slower");
            }
        } catch (IOException e) {
            System.err.println("riffcode: no start-up cache for the command line: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(tmp);
                if (wav != null) {
                    Files.deleteIfExists(wav);
                }
            } catch (IOException ignored) {
                // temp files
            }
        }
    }
}
