package dev.riffcode.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lowers the CPU priority of a running process, every thread of it (Linux keeps a nice level per thread, and a new
 * thread takes its creator's). Raising a nice level needs no privilege, so this works for any user; lowering it
 * again would not, which is why a worker that must start fast on a busy machine starts at the normal level and is
 * lowered once it is ready, rather than the other way round.
 */
final class ProcessPriority {

    private static final Path RENICE = Path.of("/usr/bin/renice");
    private static final Path PROC = Path.of("/proc");

    private ProcessPriority() {
    }

    /** Whether this system can do it: renice and /proc. */
    static boolean available() {
        return Files.isExecutable(RENICE) && Files.isDirectory(PROC.resolve("self/task"));
    }

    /**
     * Puts every thread of {@code pid} whose nice level is below {@code nice} at {@code nice}; threads already lower
     * stay. Two passes, for threads born during the first. False when it could not be done (the process keeps
     * running as it was).
     */
    static boolean lower(long pid, int nice) {
        for (int pass = 0; pass < 2; pass++) {
            List<String> below = new ArrayList<>();
            try (Stream<Path> threads = Files.list(PROC.resolve(Long.toString(pid)).resolve("task"))) {
                for (Path t : threads.toList()) {
                    Integer level = niceOf(t);
                    if (level != null && level < nice) {
                        below.add(t.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                return false;
            }
            if (below.isEmpty()) {
                return true;
            }
            if (!renice(nice, below)) {
                return false;
            }
        }
        return true;
    }

    /** Sets the nice level of these threads (by id). False when renice could not be run or did not end. */
    static boolean renice(int nice, List<String> threadIds) {
        List<String> command = new ArrayList<>(List.of(RENICE.toString(), "-n", Integer.toString(nice), "-p"));
        command.addAll(threadIds);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The nice level of one thread ({@code /proc/PID/task/TID}) from its stat line, or null when it has ended. */
    static Integer niceOf(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            // Fields after the name (which may hold spaces): state is the first, nice the 17th.
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
