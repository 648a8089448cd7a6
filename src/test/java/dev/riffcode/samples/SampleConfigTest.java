package dev.riffcode.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file's "sample_folders": read in order, ~ expanded, everything else in the file left alone. */
class SampleConfigTest {

    @TempDir
    Path dir;

    private List<Path> read(String json) throws Exception {
        return SampleConfig.folders(Files.writeString(dir.resolve("config.json"), json));
    }

    private String problem(String json) {
        return assertThrows(IllegalArgumentException.class, () -> read(json)).getMessage();
    }

    @Test
    void theFoldersAreReadInOrderAmongTheOtherSettings() throws Exception {
        String home = System.getProperty("user.home");
        assertEquals(List.of(Path.of("/data/kits"), Path.of(home, "samples"), Path.of(home), Path.of("drums")),
                read("{\"base_url\": \"http://127.0.0.1:11434/v1\", \"extra\": {\"sample_folders\": 3, \"list\": [1, [2]]},"
                        + " \"sample_folders\": [\"/data/kits\", \"~/samples\", \"~\", \"drums\"], \"model\": \"m\"}"));
        assertEquals(List.of(), read("{\"model\": \"m\"}"), "no key, no folders");
        assertEquals(List.of(), read("{\"sample_folders\": null}"));
        assertEquals(List.of(), read("  \n"), "an empty file");
        assertEquals(List.of(), SampleConfig.folders(dir.resolve("none.json")), "no file");
    }

    @Test
    void aWrongFileSaysWhatIsWrong() {
        assertTrue(problem("{\"sample_folders\": \"~/samples\"}").contains("must be a list of folders"));
        assertTrue(problem("{\"sample_folders\": [\"a\", 3]}").contains("must hold folder names, got 3"));
        assertTrue(problem("{\"sample_folders\": [\"a\", \" \"]}").contains("must hold folder names"));
        assertTrue(problem("{\"sample_folders\": [[\"a\"]]}").contains("got a list"));
        assertTrue(problem("{\"sample_folders\": [\"a\"]").contains("is not valid JSON"));
        assertTrue(problem("{\"model\": \"m\",}").contains("is not valid JSON"));
    }
}
