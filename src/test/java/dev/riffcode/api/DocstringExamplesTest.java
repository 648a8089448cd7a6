package dev.riffcode.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import dev.riffcode.testing.SharedRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example in the API reference runs (the reference is written from the docstrings, so this
 * keeps the docs honest), and every example that plays something makes sound.
 */
class DocstringExamplesTest {

    @TestFactory
    Stream<DynamicTest> everyDocstringExampleRuns() throws IOException {
        String reference = SharedRunner.get().apiReference();
        List<String[]> examples = examples(reference);
        assertTrue(examples.size() >= 30, "expected an example for most API functions, found " + examples.size());
        Studio studio = new Studio(SharedRunner.get(), new PipesBackend());
        return examples.stream().map(e -> DynamicTest.dynamicTest(e[0], () -> {
            Studio.Outcome out = studio.renderToMemory(e[0] + ".py", e[1], RenderOptions.defaults().withSeconds(4));
            assertTrue(out.ok(), () -> e[0] + " example fails: " + out.error().format() + "\n" + e[1]);
            boolean plays = e[1].matches("(?s).*\\b(play|play_chord|play_pattern|play_pattern_timed|sample|out)\\(.*");
            if (plays) {
                AudioClip clip = new AudioClip(44_100, out.audio());
                assertTrue(Levels.rmsDbfs(clip) > -60, e[0] + " example is silent");
            }
        }));
    }

    /** [function name, code] for each "Example:" block in the reference. */
    static List<String[]> examples(String reference) {
        List<String[]> out = new ArrayList<>();
        String current = "?";
        String[] lines = reference.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("### ")) {
                current = lines[i].substring(4).split("\\(")[0];
            }
            if (lines[i].strip().equals("Example:")) {
                StringBuilder code = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && (lines[j].startsWith("    ") || lines[j].isBlank())) {
                    code.append(lines[j].length() >= 4 ? lines[j].substring(4) : "").append('\n');
                    j++;
                }
                out.add(new String[] {current, code.toString().strip() + "\n"});
            }
        }
        return out;
    }
}
