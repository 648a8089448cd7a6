package dev.riffcode.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The nice level of each thread of a process, read from /proc (Linux shows 15 characters of a thread's name). */
final class ThreadNice {

    private ThreadNice() {
    }

    /** Whether this system can lower a thread's priority and show it: renice and /proc. */
    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/renice")) && Files.isDirectory(Path.of("/proc/self/task"));
    }

    /** The lowest nice level (the highest priority) of any thread of the process now. */
    static int lowest(long pid) throws IOException {
        int lowest = Integer.MAX_VALUE;
        try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : threads.toList()) {
                Integer level = ProcessPriority.niceOf(t);
                if (level != null) { // null: the thread ended while listed
                    lowest = Math.min(lowest, level);
                }
            }
        }
        return lowest;
    }

    /** The levels by thread name once {@code thread} is at {@code level}, or as they are after 20 s. */
    static Map<String, Integer> once(long pid, String thread, int level) throws IOException, InterruptedException {
        Map<String, Integer> nice = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Integer.valueOf(level).equals(nice.get(thread)) && System.nanoTime() < deadline) {
            nice.clear();
            try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path t : threads.toList()) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        nice.put(name, Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]));
                    } catch (IOException gone) {
                        // the thread ended while listed
                    }
                }
            }
            Thread.sleep(50);
        }
        return nice;
    }
}
