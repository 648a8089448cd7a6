package dev.riffcode.hearing;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.engine.MasterSection;
import java.util.Locale;

/**
 * Brings rendered audio to a target integrated loudness (EBU R 128) without letting any sample past
 * the master section's ceiling (-0.3 dBFS).
 *
 * <p>A quieter target is a plain gain. A louder one may push peaks past the ceiling: the gained audio
 * then goes through a fresh {@link MasterSection}, the same look-ahead limiter every render ends
 * with, whose limiting takes a little loudness back, so the gain is corrected and the limiter run
 * again, up to {@value #MAX_ROUNDS} times, until the loudness is within {@value #TOLERANCE_LU} LU of
 * the target. When more gain only makes the limiter work harder (a piece already near the ceiling
 * everywhere), it stops and says how close it got: the ceiling always wins over the target.
 */
public final class LoudnessNormalizer {

    static final int MAX_ROUNDS = 6;
    static final double TOLERANCE_LU = 0.1;
    /** Never raise by more than this: beyond it a render is mostly silence and noise. */
    public static final double MAX_GAIN_DB = 40;
    private static final int BLOCK = 1024;

    /**
     * The outcome.
     *
     * @param audio the normalised audio, [0] left, [1] right (a new array; the input is unchanged)
     * @param beforeLufs integrated loudness of the input (negative infinity for silence)
     * @param afterLufs integrated loudness of the output
     * @param gainDb the gain applied before the limiter
     * @param limited true if the limiter had to hold peaks back
     * @param reached true if the output is within the tolerance of the target
     */
    public record Result(float[][] audio, double targetLufs, double beforeLufs, double afterLufs, double gainDb,
            boolean limited, boolean reached) {

        /** One line for the terminal. */
        public String describe() {
            if (!Double.isFinite(beforeLufs)) {
                return "the render is silent (below the -70 LUFS gate): nothing to normalise";
            }
            String base = String.format(Locale.ROOT, "loudness %.1f → %.1f LUFS (gain %+.1f dB%s)", beforeLufs, afterLufs,
                    gainDb, limited ? ", peaks limited at -0.3 dBFS" : "");
            return reached ? base : base + String.format(Locale.ROOT,
                    "; the target %.1f LUFS was not reached without passing the -0.3 dBFS ceiling", targetLufs);
        }
    }

    private LoudnessNormalizer() {
    }

    /** Normalises stereo (or mono, one array) audio at {@code sampleRate} to {@code targetLufs}. */
    public static Result normalize(float[][] audio, int sampleRate, double targetLufs) {
        if (!Double.isFinite(targetLufs)) {
            throw new IllegalArgumentException("the target loudness must be a number, got " + targetLufs);
        }
        double before = Loudness.integrated(new AudioClip(sampleRate, audio));
        if (!Double.isFinite(before)) {
            return new Result(copy(audio), targetLufs, before, before, 0, false, false);
        }
        float ceiling = new MasterSection(sampleRate).ceiling();
        double gain = Math.min(MAX_GAIN_DB, targetLufs - before);
        float[][] out = null;
        double after = before;
        boolean limited = false;
        double previousAfter = Double.NEGATIVE_INFINITY;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            out = gained(audio, gain);
            limited = Levels.peak(new AudioClip(sampleRate, out)) > ceiling;
            if (limited) {
                out = limit(out, sampleRate);
            }
            after = Loudness.integrated(new AudioClip(sampleRate, out));
            if (Math.abs(after - targetLufs) <= TOLERANCE_LU || gain >= MAX_GAIN_DB
                    || (round > 0 && after - previousAfter < 0.05)) {
                break;
            }
            previousAfter = after;
            gain = Math.min(MAX_GAIN_DB, gain + (targetLufs - after));
        }
        return new Result(out, targetLufs, before, after, gain, limited, Math.abs(after - targetLufs) <= TOLERANCE_LU);
    }

    private static float[][] gained(float[][] audio, double gainDb) {
        float g = (float) Math.pow(10, gainDb / 20);
        float[][] out = new float[audio.length][];
        for (int c = 0; c < audio.length; c++) {
            out[c] = new float[audio[c].length];
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = audio[c][i] * g;
            }
        }
        return out;
    }

    /** Through a fresh master section, its look-ahead delay taken out so nothing moves in time. */
    private static float[][] limit(float[][] audio, int sampleRate) {
        MasterSection master = new MasterSection(sampleRate);
        int latency = master.latencyFrames();
        int n = audio[0].length;
        float[] left = audio[0];
        float[] right = audio.length > 1 ? audio[1] : audio[0];
        float[][] out = new float[audio.length][n];
        float[] l = new float[BLOCK];
        float[] r = new float[BLOCK];
        // Feed the audio and then latency frames of silence; write the output latency frames earlier.
        for (int start = 0; start < n + latency; start += BLOCK) {
            int frames = Math.min(BLOCK, n + latency - start);
            for (int i = 0; i < frames; i++) {
                int k = start + i;
                l[i] = k < n ? left[k] : 0;
                r[i] = k < n ? right[k] : 0;
            }
            master.process(l, r, frames);
            for (int i = 0; i < frames; i++) {
                int k = start + i - latency;
                if (k >= 0 && k < n) {
                    out[0][k] = l[i];
                    if (audio.length > 1) {
                        out[1][k] = r[i];
                    }
                }
            }
        }
        return out;
    }

    private static float[][] copy(float[][] audio) {
        float[][] out = new float[audio.length][];
        for (int c = 0; c < audio.length; c++) {
            out[c] = audio[c].clone();
        }
        return out;
    }
}
