package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.testing.SharedRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus of hostile scripts in src/test/resources/hostile: each says in its header what must
 * happen ({@code # expect: CATEGORY}, {@code # message: text}, {@code # line: N}). After every one,
 * an ordinary script must still run: the app survives whatever a script does. The bypass_* scripts
 * go around the import guard, so they test GraalVM's sandbox itself, not only our guard.
 */
class HostileScriptsTest {

    private static final Pattern EXPECT = Pattern.compile("^# expect: (\\w+)", Pattern.MULTILINE);
    private static final Pattern MESSAGE = Pattern.compile("^# message: (.+)$", Pattern.MULTILINE);
    private static final Pattern LINE = Pattern.compile("^# line: (\\d+)", Pattern.MULTILINE);
    private static final Pattern TIMEOUT = Pattern.compile("^# timeout: (\\d+)", Pattern.MULTILINE);
    /** Seconds past the bound a script may take to be stopped: one, unless the worker must be replaced. */
    private static final Pattern GRACE = Pattern.compile("^# grace: (\\d+)", Pattern.MULTILINE);

    /** A Java class name (java.lang..., com.oracle...) the script did not write itself is a leak of internals. */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b(java|javax|jdk|sun|com|org)\\.[a-z]\\w*\\.[\\w.$]+");

    private static void appStillWorks() {
        RunResult ok = SharedRunner.get().run(RunRequest.of("after.py", "play(60)\nsleep(1)\n"));
        assertTrue(ok.ok(), () -> "a normal script failed after a hostile one: " + ok.error());
        assertEquals(1, ok.score().notes().size());
    }

    @TestFactory
    Stream<DynamicTest> everyHostileScriptIsStoppedWithAClearError() throws IOException {
        Path dir = Path.of("src/test/resources/hostile");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        assertTrue(scripts.size() >= 20, "the hostile corpus should have at least 20 scripts");
        // Checked inside each dynamic test: @AfterEach would run once, after the whole factory.
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            check(p);
            appStillWorks();
        }));
    }

    private static void check(Path script) throws IOException {
        String code = Files.readString(script, StandardCharsets.UTF_8);
        String expected = find(EXPECT, code);
        assertNotNull(expected, script + " has no '# expect:' header");
        String message = find(MESSAGE, code);
        String line = find(LINE, code);
        String timeout = find(TIMEOUT, code);
        double grace = find(GRACE, code) == null ? 1.0 : Double.parseDouble(find(GRACE, code));
        String name = script.getFileName().toString();
        RunRequest request = RunRequest.of(name, code);
        if (timeout != null) {
            request = request.withTimeout(Long.parseLong(timeout) * 1000);
        }
        long t0 = System.nanoTime();
        RunResult result = SharedRunner.get().run(request);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (expected.equals("OK")) {
            assertTrue(result.ok(), () -> name + " should run: " + result.error());
            if (message != null) {
                assertTrue(result.printed().contains(message) || String.valueOf(result.printedTruncated()).equals(message),
                        () -> name + ": expected output containing '" + message + "', got " + result.printed().length() + " chars");
            }
            return;
        }
        assertTrue(!result.ok(), () -> name + " should have been stopped, but it ran");
        ScriptError error = result.error();
        assertEquals(ScriptError.Category.valueOf(expected), error.category(), () -> name + ": " + error.format());
        assertEquals(name, error.file());
        Matcher javaName = JAVA_NAME.matcher(error.format());
        while (javaName.find()) {
            assertTrue(code.contains(javaName.group()), () -> name + " shows Java internals: " + error.format());
        }
        if (error.category() == ScriptError.Category.BLOCKED) {
            assertEquals("Blocked", error.kind(), () -> name + ": " + error.format());
        }
        if (message != null) {
            assertTrue(error.message().contains(message) || error.kind().contains(message),
                    () -> name + ": expected '" + message + "' in: " + error.format());
        }
        if (line != null) {
            assertEquals(Integer.parseInt(line), error.line(), () -> name + ": " + error.format());
        }
        if (timeout != null) {
            assertTrue(seconds < Long.parseLong(timeout) + grace,
                    () -> name + " was stopped after " + seconds + " s; the bound is " + timeout + " s");
        }
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1).trim() : null;
    }
}
