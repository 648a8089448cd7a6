package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.riffcode.runtime.ScriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The editor's render sandbox gives the CPU way to live playing: it warms up just as the live worker is ready. */
class LazyStudioTest {

    @Test
    void itsWorkerRunsBelowTheLiveWorkersPriority() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nice")) && Files.isDirectory(Path.of("/proc/self")),
                "needs nice and /proc (Linux)");
        try (LazyStudio studio = new LazyStudio()) {
            ScriptRunner runner = studio.get().runner();
            runner.warmUp();
            long pid = runner.workerPid();
            assertTrue(pid > 0, "the worker runs");
            // nice adds to the level the tests run at, up to the highest, 19.
            assertEquals(Math.min(19, niceLevel("self") + 15), niceLevel(Long.toString(pid)), "the render worker's");
        }
    }

    /** The nice level from /proc/PID/stat: the 17th field after the command name, which is in parentheses. */
    private static int niceLevel(String pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
