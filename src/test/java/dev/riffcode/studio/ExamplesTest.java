package dev.riffcode.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.PitchClassAnalyzer;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.music.Notes;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.SharedRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example in the teaching library is rendered and checked by listening to it: it makes
 * sound, it never exceeds 0 dBFS, it holds no NaN, and a melodic example plays the pitch classes
 * its header promises ({@code # expect: pitch-classes ...}) and no others.
 */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("templates/examples");
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
        assertTrue(peak <= 1.0, name + " peaks above 0 dBFS: " + peak);
        double rms = Levels.rmsDbfs(clip);
        assertTrue(rms > -40, name + " is nearly silent: " + rms + " dBFS RMS");

        Matcher m = EXPECT.matcher(code);
        if (m.find()) {
            Set<Integer> expected = new TreeSet<>();
            for (String pc : m.group(1).trim().split("\\s+")) {
                expected.add(Notes.pitchClass(pc));
            }
            // Listen to the pitched voices: drums and noise have no notes to check.
            AudioClip pitched = Render.score(out.score().pitchedOnly(), java.util.OptionalDouble.empty(), 44_100);
            Set<Integer> heard = new TreeSet<>(new PitchClassAnalyzer().analyze(pitched).pitchClasses(0.04));
            Set<Integer> wrong = new HashSet<>(heard);
            wrong.removeAll(expected);
            assertTrue(wrong.isEmpty(), () -> name + " plays pitch classes it should not: " + names(wrong)
                    + " (heard " + names(heard) + ", expected " + names(expected) + ")");
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
