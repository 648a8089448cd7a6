package dev.riffcode.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.llm.PitchCheck;
import dev.riffcode.music.Notes;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.SharedRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example in the teaching library is rendered and checked by listening to it: it makes
 * sound, it never exceeds the promised -0.3 dBFS ceiling, it holds no NaN, and a melodic example
 * plays the pitch classes its header promises ({@code # expect: pitch-classes ...}) and no others,
 * as judged by the generator's own {@link PitchCheck}.
 */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("templates/examples");
    /** The promise, -0.3 dBFS, worked out here rather than read from the limiter that keeps it. */
    private static final double CEILING = Math.pow(10, -0.3 / 20);
    private static final Pattern EXPECT = Pattern.compile("^# expect: pitch-classes (.+)$", Pattern.MULTILINE);

    @TestFactory
    Stream<DynamicTest> everyExampleRendersAndSoundsRight() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            scripts = files.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        assertTrue(scripts.size() >= 15, "the teaching library needs at least 15 examples, has " + scripts.size());
        Studio studio = new Studio(SharedRunner.get(), new PipesBackend());
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(studio, p)));
    }

    private static void check(Studio studio, Path script) throws IOException {
        String code = Files.readString(script);
        String name = script.getFileName().toString();
        Studio.Outcome out = studio.renderToMemory(name, code, RenderOptions.defaults().withTimeoutMillis(30_000));
        assertTrue(out.ok(), () -> name + " failed: " + out.error().format());
        AudioClip clip = new AudioClip(44_100, out.audio());
        assertTrue(clip.durationSeconds() > 1, name + " is too short: " + clip.durationSeconds());
        assertEquals(0, Levels.countNonFinite(clip), name + " has NaN/Inf samples");
        double peak = Levels.peak(clip);
        assertTrue(peak <= CEILING, name + " peaks above -0.3 dBFS: " + Levels.toDb(peak) + " dBFS");
        double rms = Levels.rmsDbfs(clip);
        assertTrue(rms > -40, name + " is nearly silent: " + rms + " dBFS RMS");

        Matcher m = EXPECT.matcher(code);
        if (m.find()) {
            Set<Integer> expected = new TreeSet<>();
            for (String pc : m.group(1).trim().split("\\s+")) {
                expected.add(Notes.pitchClass(pc));
            }
            // Listen to the pitched voices: drums and noise have no notes to check.
            AudioClip pitched = Render.score(out.score().pitchedOnly(), OptionalDouble.empty(), 44_100);
            PitchCheck.Finding finding = PitchCheck.check(new PitchCheck.Constraint(expected, Optional.empty()),
                    out.score(), pitched);
            Set<Integer> heard = finding.heard();
            assertTrue(finding.ok(), () -> name + " plays pitch classes it should not: " + names(finding.wrong())
                    + " (heard " + names(heard) + ", expected " + names(expected) + ", notes " + finding.wrongNotes() + ")");
            Set<Integer> found = new HashSet<>(heard);
            found.retainAll(expected);
            assertTrue(found.size() >= Math.min(3, expected.size()),
                    () -> name + " should play " + names(expected) + " but only " + names(heard) + " were heard");
        }
    }

    private static String names(Set<Integer> pcs) {
        return pcs.stream().map(pc -> Notes.pitchClassName(pc)).toList().toString();
    }
}
