package dev.riffcode.engine.realtime;

import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.MasterSection;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.score.NoteEvent;
import java.util.Map;

/** What the real-time tests play and how they listen to it. */
final class Sound {

    static final int SR = 44_100;
    static final float LSB = 1f / 32768;

    private Sound() {
    }

    /** A live renderer with one long sine note (A4, 440 Hz), in the centre, queued to start on {@code startFrame}. */
    static LiveRenderer sine(RenderSettings settings, long startFrame, double seconds, double amp) {
        return sine(settings, startFrame, seconds, amp, 0);
    }

    /** The same, panned ({@code pan} -1 left to 1 right). */
    static LiveRenderer sine(RenderSettings settings, long startFrame, double seconds, double amp, double pan) {
        LiveRenderer r = new PipesBackend(3).openLive(settings);
        r.note(new NoteEvent(0, "sine", 69, amp, pan, 0.001, 0, seconds, 1, 0.01, 0, 0.1, LiveRenderer.MAIN,
                Map.of()), startFrame);
        return r;
    }

    /** What {@link AudioLoop} should produce from {@code renderer}: its blocks through a master section. */
    static float[][] offline(LiveRenderer renderer, RenderSettings settings, int frames) {
        MasterSection master = new MasterSection(settings.sampleRate());
        int block = settings.blockSize();
        float[] l = new float[block];
        float[] r = new float[block];
        float[][] out = new float[2][frames];
        for (int at = 0; at < frames; at += block) {
            renderer.render(l, r);
            master.process(l, r, block);
            System.arraycopy(l, 0, out[0], at, Math.min(block, frames - at));
            System.arraycopy(r, 0, out[1], at, Math.min(block, frames - at));
        }
        return out;
    }

    static int firstAbove(float[] x, int from, double level) {
        for (int i = Math.max(0, from); i < x.length; i++) {
            if (Math.abs(x[i]) > level) {
                return i;
            }
        }
        return -1;
    }

    static double rms(float[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / n);
    }

    static double peak(float[] x, int from, int n) {
        double p = 0;
        for (int i = from; i < from + n; i++) {
            p = Math.max(p, Math.abs(x[i]));
        }
        return p;
    }

    /** The largest difference between neighbouring samples in [from, to). */
    static double largestStep(float[] x, int from, int to) {
        double m = 0;
        for (int i = Math.max(1, from); i < Math.min(to, x.length); i++) {
            m = Math.max(m, Math.abs(x[i] - x[i - 1]));
        }
        return m;
    }

    /** The largest step a sine of this frequency and peak can take, plus a rounding step of 16-bit audio. */
    static double sineStep(double hz, double peak) {
        return 2 * Math.sin(Math.PI * hz / SR) * peak + 2 * LSB;
    }

    /** The smallest RMS of any {@code window}-sample window in [from, to). */
    static double quietestWindow(float[] x, int from, int to, int window) {
        double min = Double.MAX_VALUE;
        for (int at = from; at + window <= to; at += window) {
            min = Math.min(min, rms(x, at, window));
        }
        return min;
    }

    /**
     * Where {@code part} starts in {@code whole}: first by the onset of sound in both, then to the sample by the least
     * squared difference over the half second around the onset (silence before it pins the lag; a sine alone would
     * match every period).
     */
    static int align(float[] part, float[] whole) {
        int onsetPart = firstAbove(part, 0, 0.01);
        int onsetWhole = firstAbove(whole, 0, 0.01);
        if (onsetPart < 0 || onsetWhole < 0) {
            throw new AssertionError("no sound to align by (onsets " + onsetPart + ", " + onsetWhole + ")");
        }
        int coarse = onsetWhole - onsetPart;
        int from = Math.max(0, onsetPart - 2000);
        int to = Math.min(part.length, onsetPart + SR / 2);
        int best = coarse;
        double bestError = Double.MAX_VALUE;
        for (int lag = coarse - 400; lag <= coarse + 400; lag++) {
            double e = 0;
            for (int i = from; i < to; i++) {
                int j = i + lag;
                float w = j >= 0 && j < whole.length ? whole[j] : 0f;
                double d = part[i] - w;
                e += d * d;
            }
            if (e < bestError) {
                bestError = e;
                best = lag;
            }
        }
        return best;
    }

    /** The first frame of {@code part} (within {@code frames}) that differs from {@code whole} at {@code lag} by more than {@code tolerance}, or -1. */
    static int firstDifference(float[] part, float[] whole, int lag, int frames, double tolerance) {
        for (int i = 0; i < frames; i++) {
            if (Math.abs(part[i] - whole[i + lag]) > tolerance) {
                return i;
            }
        }
        return -1;
    }
}
