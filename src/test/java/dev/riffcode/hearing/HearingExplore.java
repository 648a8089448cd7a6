package dev.riffcode.hearing;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.SharedRunner;
import java.nio.file.Files;
import java.nio.file.Path;

/** Developer tool: prints the hearing report of scripts (paths, or inline code after "-c"). */
public final class HearingExplore {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            String code = args[i].equals("-c") ? args[++i].replace("\\n", "\n")
                    : args[i].equals("-p") ? new dev.riffcode.llm.offline.OfflineComposer(
                            new dev.riffcode.llm.Templates(Path.of("templates"))).compose(args[++i], 1)
                    : Files.readString(Path.of(args[i]));
            AudioClip clip = Render.script(code);
            String save = System.getenv("RC_SAVE");
            if (save != null) {
                dev.riffcode.audio.WavWriter.writeAtomically(Path.of(save, "clip" + i + ".wav"), clip,
                        dev.riffcode.audio.WavFormat.FLOAT_32);
            }
            HearingReport r = Hearing.analyze(clip);
            System.out.println("== " + (args[i].length() > 60 ? args[i].substring(0, 60) : args[i]));
            r.lines().forEach(l -> System.out.println("  " + l));
            System.out.println("  analysis " + r.analysisMillis() + " ms");
        }
        SharedRunner.get().close();
    }
}
