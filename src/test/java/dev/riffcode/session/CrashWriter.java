package dev.riffcode.session;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import java.nio.file.Path;
import java.util.Random;

/**
 * Run in a child JVM by {@link SessionCrashTest}: records steps into a session as fast as it can,
 * until it is killed. Prints "ready" once it has recorded its first step.
 *
 * <p>Arguments: the store's root, the session name, a scratch folder for WAV files, and the seed
 * for the sizes of what it writes.
 */
public final class CrashWriter {

    public static void main(String[] args) throws Exception {
        SessionStore store = new SessionStore(Path.of(args[0]));
        Path scratch = Path.of(args[2]);
        Random random = new Random(Long.parseLong(args[3]));
        Session s = store.open(args[1]);
        s.note("writer started");
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; ; i++) {
            // Sizes vary so that kills land inside big and small writes alike.
            s.prompt("prompt " + i + " " + "é🎵".repeat(random.nextInt(20_000)), PromptMode.NEW, "m", null);
            s.answer("answer " + i + "\r\n" + "x".repeat(random.nextInt(200_000)), "m", "stop", 1, 2, 3, false);
            int parent = s.latestVersion();
            int v = s.codeVersion(code(s.latestVersion() + 1, random.nextInt(100_000)), Origin.LLM,
                    parent == 0 ? null : parent);
            s.validation(v, i % 3 == 0 ? "error in " + v : null, i % 3 == 0 ? 1 : null);
            float[] sine = SineRenderer.sine(200 + v, 0.05 + random.nextDouble(), 8000);
            if (i % 2 == 0) {
                Path wav = scratch.resolve("r" + v + ".wav");
                WavWriter.writeAtomically(wav, new float[][] {sine}, 8000, WavFormat.PCM_16);
                s.render(v, wav, sine.length / 8000.0, 8000, -6);
            } else {
                s.render(v, WavWriter.toBytes(new float[][] {sine}, 8000, WavFormat.PCM_16), sine.length / 8000.0,
                        8000, -6);
            }
            if (i % 7 == 0) {
                try (Session other = store.create("extra")) {
                    other.note("made by the crash writer");
                }
            }
        }
    }

    /** Code that names its own version, so a test can tell the files apart. */
    static String code(int version, int padding) {
        return "# version " + version + "\r\nplay(" + (200 + version) + ")\n# " + "p".repeat(padding) + "\n";
    }
}
