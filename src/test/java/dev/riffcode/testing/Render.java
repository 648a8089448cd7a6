package dev.riffcode.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.engine.OfflineRender;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.score.Score;
import java.util.OptionalDouble;

/** Renders scripts and scores into memory for analysis. */
public final class Render {

    private Render() {
    }

    public static AudioClip score(Score score, double seconds) {
        return score(score, OptionalDouble.of(seconds), 44_100);
    }

    public static AudioClip score(Score score, OptionalDouble seconds, int rate) {
        float[][] audio = new OfflineRender(new PipesBackend(), RenderSettings.of(rate)).toArrays(score, seconds);
        return new AudioClip(rate, audio);
    }

    /** Runs a script (which must succeed) and renders it. */
    public static AudioClip script(String code, double seconds) {
        return score(Scripts.score(code), seconds);
    }

    /** Runs a script and renders it at its own length. */
    public static AudioClip script(String code) {
        return score(Scripts.score(code), OptionalDouble.empty(), 44_100);
    }

    /** A mono excerpt [from, to) seconds of a clip. */
    public static float[] excerpt(AudioClip clip, double from, double to) {
        float[] mono = clip.toMono();
        int a = (int) Math.round(from * clip.sampleRate());
        int b = Math.min(mono.length, (int) Math.round(to * clip.sampleRate()));
        assertTrue(b > a, "empty excerpt");
        float[] out = new float[b - a];
        System.arraycopy(mono, a, out, 0, out.length);
        return out;
    }
}
