package dev.riffcode.runtime;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How the script worker process is launched: its Java, heap limit and class path.
 *
 * @param extraJvmOptions options added to the worker's command line (e.g. the Graal JIT flags
 *                        the launcher found; taken from RIFFCODE_WORKER_JAVA_OPTS)
 */
public record WorkerSettings(Path javaBinary, int heapMegabytes, String classPath, List<String> extraJvmOptions) {

    public static final int DEFAULT_HEAP_MB = 512;

    public WorkerSettings {
        extraJvmOptions = List.copyOf(extraJvmOptions);
    }

    /** The same Java and class path as this process, a 512 MB heap. */
    public static WorkerSettings defaults() {
        String extra = System.getenv("RIFFCODE_WORKER_JAVA_OPTS");
        List<String> opts = extra == null || extra.isBlank() ? List.of() : Arrays.asList(extra.trim().split("\\s+"));
        return new WorkerSettings(ScriptRunner.currentJava(), DEFAULT_HEAP_MB, System.getProperty("java.class.path"), opts);
    }

    /**
     * How much CPU a worker gives way on a busy machine, as its nice level. Live sound comes first: the audio thread
     * runs at the app's own priority, the live worker's Python below it, and a sandbox that renders in the background
     * (the editor's, for generation and export; it warms up just as the live worker becomes ready) below both.
     */
    public enum Priority {
        NORMAL(0), YIELDS_TO_AUDIO(10), BACKGROUND(15);

        final int nice;

        Priority(int nice) {
            this.nice = nice;
        }
    }

    /** The command line that starts a worker whose entry point is {@code main}. */
    List<String> command(Class<?> main) {
        return command(main, Priority.NORMAL);
    }

    /** The command line that starts a worker whose entry point is {@code main}, niced where the system has nice. */
    List<String> command(Class<?> main, Priority priority) {
        List<String> command = new java.util.ArrayList<>();
        if (priority.nice > 0 && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/nice"))) {
            command.add("/usr/bin/nice");
            command.add("-n");
            command.add(Integer.toString(priority.nice));
        }
        command.add(javaBinary.toString());
        command.add("-Xmx" + heapMegabytes + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Xss16m");
        command.add("-Dpolyglot.engine.WarnInterpreterOnly=false");
        // stdout carries the protocol: the JVM's own log lines (e.g. about an AOT cache) go to stderr.
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning:stderr");
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        return command;
    }

    public WorkerSettings withExtraJvmOptions(List<String> more) {
        List<String> all = new java.util.ArrayList<>(extraJvmOptions);
        all.addAll(more);
        return new WorkerSettings(javaBinary, heapMegabytes, classPath, all);
    }

}
