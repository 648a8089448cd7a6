package dev.riffcode.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Debian tools (sox, flac, lame, timidity) that tests use to make or play their files. */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** Skips the test when the tool is missing; under CI (where .ci/install-deps installs it) fails instead. */
    public static void require(String name) {
        boolean there = onPath(name);
        if (!there && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(name + " is not installed; .ci/install-deps should have installed it");
        }
        assumeTrue(there, name + " not installed");
    }

    /** As {@link #require(String)}, for a file a Debian package installs ({@code file}, from {@code pkg}). */
    public static void requireFile(Path file, String pkg) {
        boolean there = Files.exists(file);
        if (!there && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(file + " is missing; .ci/install-deps should have installed " + pkg);
        }
        assumeTrue(there, pkg + " not installed (" + file + ")");
    }

    public static boolean onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, which must end within a minute with exit code 0. */
    public static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }
}
