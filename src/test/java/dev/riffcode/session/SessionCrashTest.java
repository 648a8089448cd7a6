package dev.riffcode.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child JVM with SIGKILL while it records into a session, again and again, and checks
 * after every kill that the session is intact and can be written on.
 *
 * <p>Where a kill lands is down to chance, so this test only sometimes catches a broken write;
 * {@link SessionWriteFaultTest} breaks every step deterministically. The seed (which fixes the kill
 * delays and the sizes the writer uses) is printed before the run and named in every failure;
 * replay it with {@code -Driffcode.crashSeed=<seed>}. The exact kill points still depend on the
 * machine's speed.
 */
class SessionCrashTest {
    private static final int ROUNDS = 12;
    private static final String SEED_PROPERTY = "riffcode.crashSeed";

    @TempDir Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killingTheWriterAtAnyMomentNeverCorruptsTheSession() throws Exception {
        Path root = dir.resolve("sessions");
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        SessionStore store = new SessionStore(root);
        String name;
        try (Session s = store.create("crash")) {
            name = s.name();
        }
        long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
        Random random = new Random(seed);
        // The writer records about 40 steps a second: kill it anywhere from its very first step
        // (every fourth round) to some 60 steps in.
        int[] delays = new int[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            delays[round] = round % 4 == 0 ? 0 : 20 + random.nextInt(1500);
        }
        String replay = "seed " + seed + ", kill delays " + Arrays.toString(delays) + " ms; replay with -D"
                + SEED_PROPERTY + "=" + seed;
        // Printed before the run, so that a run that hangs or dies can be replayed too.
        System.out.println("crash test: " + replay);
        int stepsBefore = 0;
        int killsLeavingTemps = 0;
        int killsLeavingUnindexedFiles = 0;

        for (int round = 0; round < ROUNDS; round++) {
            try {
                Path log = dir.resolve("child-" + round + ".log");
                Process child = startWriter(root, name, scratch, log, seed + round);
                try {
                    awaitReady(child, log);
                    Thread.sleep(delays[round]);
                } finally {
                    child.destroyForcibly();
                    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
                }

                Path folder = root.resolve(name);
                Set<String> indexed = new HashSet<>();
                try (Session s = store.open(name)) {
                    killsLeavingTemps += countTemps(folder) > 0 ? 1 : 0;
                    checkIntact(s, indexed);
                    killsLeavingUnindexedFiles += unindexedFiles(folder, indexed) > 0 ? 1 : 0;
                    assertTrue(s.steps().size() > stepsBefore, "the child recorded nothing");

                    // Writing on works, and a fresh reader sees it.
                    int note = s.note("survived kill " + round);
                    assertEquals(s.steps().size(), note);
                    stepsBefore = note;
                }
                try (Session again = store.open(name)) {
                    assertEquals(stepsBefore, again.steps().size());
                    assertEquals(new Step.Note(stepsBefore, again.steps().get(stepsBefore - 1).time(),
                            "survived kill " + round), again.steps().get(stepsBefore - 1));
                    assertEquals(0, countTemps(folder), "temporary files are cleared once written to");
                }
                // Sessions the child was creating when it died are complete or absent.
                for (SessionSummary summary : store.list()) {
                    assertNull(summary.problem(), summary.name());
                }
                try (Stream<Path> entries = Files.list(root)) {
                    for (Path p : entries.filter(Files::isDirectory).toList()) {
                        if (!p.getFileName().toString().startsWith(".")) {
                            assertTrue(Files.isRegularFile(p.resolve(Session.INDEX)), p + " has no index");
                        }
                    }
                }
            } catch (AssertionError | Exception e) {
                throw new AssertionError("round " + round + " (" + replay + "): " + e, e);
            }
        }
        try (Session s = store.open(name)) {
            System.out.printf("crash test passed (seed %d): end state %d steps, %d versions, %d renders; "
                    + "%d kills left temporary files, %d left written but unindexed files%n", seed,
                    s.steps().size(), s.latestVersion(), s.summary().renders(), killsLeavingTemps,
                    killsLeavingUnindexedFiles);
        }
    }

    /** Every check a reader could make, done here without trusting the store's own verify(). */
    private static void checkIntact(Session s, Set<String> indexed) throws Exception {
        List<Step> steps = s.steps();
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i + 1, steps.get(i).id(), "step ids must be contiguous");
        }
        for (Step step : steps) {
            if (step instanceof Step.Code c) {
                checkFile(s.folder(), c.file(), indexed);
                String code = Files.readString(s.folder().resolve(c.file().name()), StandardCharsets.UTF_8);
                assertTrue(code.startsWith("# version " + c.version() + "\r\n"), c.file().name());
                assertTrue(code.endsWith("\n"), c.file().name() + " is cut short");
            } else if (step instanceof Step.Answer a) {
                checkFile(s.folder(), a.file(), indexed);
            } else if (step instanceof Step.Prompt p && p.file() != null) {
                checkFile(s.folder(), p.file(), indexed);
                assertTrue(s.promptText(p).startsWith("prompt "), p.file().name());
            } else if (step instanceof Step.Render r) {
                checkFile(s.folder(), r.file(), indexed);
                AudioClip clip = WavReader.read(s.folder().resolve(r.file().name()));
                assertEquals(Math.round(r.seconds() * 8000), clip.frames(), r.file().name());
            }
        }
        assertEquals(List.of(), s.verify());
    }

    private static void checkFile(Path folder, StoredFile file, Set<String> indexed) throws Exception {
        byte[] bytes = Files.readAllBytes(folder.resolve(file.name()));
        assertEquals(file.bytes(), bytes.length, file.name());
        assertEquals(file.sha256(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                file.name());
        indexed.add(file.name());
    }

    private static long countTemps(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(AtomicFiles::isTemp).count();
        }
    }

    private static long unindexedFiles(Path folder, Set<String> indexed) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.equals(Session.INDEX) && !indexed.contains(n)).count();
        }
    }

    private static Process startWriter(Path root, String name, Path scratch, Path log, long seed)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), root.toString(), name, scratch.toString(), Long.toString(seed));
        pb.redirectError(log.toFile());
        return pb.start();
    }

    private static void awaitReady(Process child, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            child.destroyForcibly();
            fail("the writer did not start (said " + line + "):\n" + Files.readString(log));
        }
    }
}
