package dev.riffcode.session;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the real renderer: "play(440)" renders a short 440 Hz sine; code containing
 * "raise" fails at the line it is on.
 */
public final class SineRenderer implements ReplayRenderer {
    static final int RATE = 8000;
    static final double SECONDS = 0.25;
    private static final Pattern PLAY = Pattern.compile("play\\((\\d+)\\)");

    private final Path scratch;

    public SineRenderer(Path scratch) {
        this.scratch = scratch;
    }

    @Override
    public Result render(int version, String code) throws IOException {
        String[] lines = code.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("raise")) {
                return Result.failed("RuntimeError: raised on purpose", i + 1);
            }
        }
        Matcher m = PLAY.matcher(code);
        if (!m.find()) {
            return Result.failed("the script played nothing", null);
        }
        Path wav = Files.createTempFile(scratch, "replay-", ".wav");
        WavWriter.writeAtomically(wav, new float[][] {sine(Integer.parseInt(m.group(1)), SECONDS, RATE)}, RATE,
                WavFormat.PCM_16);
        return Result.rendered(wav, SECONDS, RATE, 20 * Math.log10(0.5));
    }

    static float[] sine(double hz, double seconds, int rate) {
        float[] out = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    /** The frequency of a mono sine in a WAV file, estimated from its zero crossings. */
    static double frequencyOf(Path wav) throws IOException {
        AudioClip clip = WavReader.read(wav);
        float[] s = clip.channels()[0];
        int crossings = 0;
        for (int i = 1; i < s.length; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 / clip.durationSeconds();
    }
}
