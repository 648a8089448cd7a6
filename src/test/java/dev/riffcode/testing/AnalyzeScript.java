package dev.riffcode.testing;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.PitchClassAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Developer tool: renders a script and prints what the analysers hear. Run from test classes. */
public final class AnalyzeScript {
    public static void main(String[] args) throws Exception {
        for (String file : args) {
            AudioClip clip = Render.script(Files.readString(Path.of(file)));
            var result = new PitchClassAnalyzer().analyze(clip);
            System.out.printf("%s: %.1f s, peak %.1f dBFS, rms %.1f dBFS%n  %s%n", file, clip.durationSeconds(),
                    Levels.peakDbfs(clip), Levels.rmsDbfs(clip), result);
        }
        SharedRunner.get().close();
    }
}
