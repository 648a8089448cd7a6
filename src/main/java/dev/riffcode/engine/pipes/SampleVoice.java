package dev.riffcode.engine.pipes;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.score.SampleHit;

/**
 * Plays a part of a decoded sample: at a speed ({@code rate}, which moves the pitch with it; negative plays the part
 * backwards) or fitted to a number of beats, once or looped, with a gain and a pan, into its bus.
 *
 * <p>A loop repeats the part in passes that start on beats ({@link SampleHit#passSeconds}); within each pass the
 * part sounds for {@link SampleHit#soundSeconds} and the rest of the pass, if any, is silent. Pass {@code p} starts
 * on the frame nearest to {@code p} × the pass length, so a long loop never drifts off the beat.
 *
 * <p>Positions between samples are read with 4-point cubic (Catmull-Rom) interpolation. Every pass fades in and out
 * over {@link #FADE_SECONDS}, so no start, end or loop seam clicks. A loop computes its pass once, when the voice is
 * made (off the audio thread in live play), and then only adds it into the bus pass after pass; a single hit reads
 * the sample directly. Rendering allocates nothing.
 */
final class SampleVoice extends Voice {

    /** Length of the fades at each end of a pass. */
    static final double FADE_SECONDS = 0.0015;
    /** Passes longer than this are read from the sample each time instead of being computed once. */
    static final double MAX_PASS_SECONDS = 8;

    private final float[] left;
    private final float[] right;
    private final boolean stereo;
    private final int frames;
    private final float gainL;
    private final float gainR;
    /** Buffer frames per output frame; negative reads backwards. */
    private final double speed;
    /** Where reading starts: the part's start, or its end when it plays backwards (buffer frames). */
    private final double base;
    /** Output frames per pass (fractional), of sound in each pass, and in all. */
    private final double pass;
    private final double sound;
    private final double total;
    private final double fade;
    private final double invFade;
    /** A loop's pass, computed once (faded at both ends, before gain and pan); null for direct reading. */
    private final float[] passL;
    private final float[] passR;
    /** Output frames played so far. */
    private long played;
    /** The pass being played, its first frame and the next one's. */
    private long passIndex;
    private long passStart;
    private long nextPassStart;

    /** @param audio the sample at the renderer's rate, one or two channels */
    SampleVoice(SampleHit hit, AudioClip audio, int sampleRate) {
        this(hit, audio, sampleRate, true);
    }

    /** @param computePass false reads a loop from the sample on every pass (for tests: both ways sound the same) */
    SampleVoice(SampleHit hit, AudioClip audio, int sampleRate, boolean computePass) {
        super(hit.bus());
        left = audio.channels()[0];
        stereo = audio.channelCount() > 1;
        right = stereo ? audio.channels()[1] : left;
        if (stereo) {
            // A stereo file is balanced: the far side fades as the pan moves, the near side stays whole.
            gainL = (float) (hit.amp() * Math.min(1, 1 - hit.pan()));
            gainR = (float) (hit.amp() * Math.min(1, 1 + hit.pan()));
        } else {
            // A mono file is placed with the equal-power law notes use.
            double angle = (hit.pan() + 1) * Math.PI / 4;
            gainL = (float) (hit.amp() * Math.cos(angle));
            gainR = (float) (hit.amp() * Math.sin(angle));
        }
        frames = audio.frames();
        double from = hit.start() * frames;
        double to = hit.finish() * frames;
        double seconds = audio.durationSeconds();
        total = Math.max(1, hit.seconds(seconds) * sampleRate);
        sound = Math.max(1, hit.soundSeconds(seconds) * sampleRate);
        pass = hit.loops() ? Math.max(sound, hit.passSeconds(seconds) * sampleRate) : total;
        speed = Math.signum(hit.rate()) * (to - from) / sound;
        base = speed > 0 ? from : to;
        fade = Math.max(1, Math.min(FADE_SECONDS * sampleRate, sound / 2));
        invFade = 1 / fade;
        // A single hit has one pass, however its length rounds.
        nextPassStart = hit.loops() ? Math.round(pass) : Long.MAX_VALUE;
        if (computePass && hit.loops() && total >= 2 * pass && sound <= MAX_PASS_SECONDS * sampleRate) {
            int n = (int) Math.ceil(sound);
            passL = new float[n];
            passR = stereo ? new float[n] : passL;
            for (int j = 0; j < n; j++) {
                double env = envelope(j);
                passL[j] = (float) (read(left, j) * env);
                if (stereo) {
                    passR[j] = (float) (read(right, j) * env);
                }
            }
        } else {
            passL = null;
            passR = null;
        }
    }

    @Override
    boolean render(float[] scratch, float[] busL, float[] busR, int blockSize) {
        int off = startOffset;
        startOffset = 0;
        int i = off;
        while (i < blockSize) {
            if (played >= total) {
                return false;
            }
            if (played >= nextPassStart) {
                passIndex++;
                passStart = nextPassStart;
                nextPassStart = Math.round((passIndex + 1) * pass);
            }
            long inPass = played - passStart;
            // Frames until something changes: the block's end, the pass's end, the hit's end fade.
            long until = Math.min(blockSize - i, nextPassStart - played);
            double remaining = total - played;
            if (remaining <= fade) {
                until = 1;                      // the hit's last frames: one at a time, faded
            } else {
                until = Math.max(1, Math.min(until, (long) Math.floor(remaining - fade)));
            }
            int n = (int) until;
            if (inPass >= sound) {
                // The silent rest of a pass.
                int silent = (int) Math.min(n, nextPassStart - played);
                played += silent;
                i += silent;
                continue;
            }
            double endFade = remaining <= fade ? remaining * invFade : 1;
            if (passL != null) {
                n = (int) Math.min(n, passL.length - inPass);
                mixPass((int) inPass, busL, busR, i, n, (float) endFade);
            } else {
                n = mixDirect(inPass, busL, busR, i, n, endFade);
            }
            played += n;
            i += n;
        }
        return played < total;
    }

    /** Adds n frames of the computed pass from its frame {@code at}. */
    private void mixPass(int at, float[] busL, float[] busR, int i, int n, float env) {
        float gl = gainL * env;
        float gr = gainR * env;
        float[] pl = passL;
        float[] pr = passR;
        for (int j = 0; j < n; j++) {
            busL[i + j] += pl[at + j] * gl;
            busR[i + j] += pr[at + j] * gr;
        }
    }

    /** Adds up to n frames read from the sample from frame {@code inPass} of the pass; returns how many. */
    private int mixDirect(long inPass, float[] busL, float[] busR, int i, int n, double endFade) {
        n = (int) Math.min(n, Math.ceil(sound - inPass));
        // Between the fades of a pass, and away from the buffer's ends, a tight loop does the work.
        double first = base + inPass * speed;
        double last = first + (n - 1) * speed;
        boolean inside = Math.min(first, last) >= 1 && Math.max(first, last) + 2 < frames;
        if (inside && endFade == 1 && inPass >= fade - 1 && sound - (inPass + n) >= fade) {
            float gl = gainL;
            float gr = gainR;
            float[] l = left;
            float[] r = right;
            int k0 = (int) first;
            if ((speed == 1 || speed == -1) && first == k0) {
                int dir = (int) speed;
                for (int j = 0; j < n; j++) {
                    int k = k0 + j * dir;
                    busL[i + j] += l[k] * gl;
                    busR[i + j] += r[k] * gr;
                }
                return n;
            }
            for (int j = 0; j < n; j++) {
                double pos = base + (inPass + j) * speed;
                int k = (int) pos;
                float f = (float) (pos - k);
                float a = cubic(l[k - 1], l[k], l[k + 1], l[k + 2], f);
                busL[i + j] += a * gl;
                busR[i + j] += (stereo ? cubic(r[k - 1], r[k], r[k + 1], r[k + 2], f) : a) * gr;
            }
            return n;
        }
        for (int j = 0; j < n; j++) {
            double env = envelope(inPass + j) * endFade;
            float l = (float) (read(left, inPass + j) * env);
            float r = stereo ? (float) (read(right, inPass + j) * env) : l;
            busL[i + j] += l * gainL;
            busR[i + j] += r * gainR;
        }
        return n;
    }

    /** The level at frame {@code inPass} of a pass: it fades in at the pass's start and out at its end. (The hit's
     * own end, which may cut a pass short, fades on top of this.) */
    private double envelope(double inPass) {
        double env = 1;
        if (inPass < fade) {
            env = Math.min(1, (inPass + 1) * invFade);
        }
        double remaining = sound - inPass;
        if (remaining < fade) {
            env = Math.min(env, remaining * invFade);
        }
        return Math.max(0, env);
    }

    /** The sample at frame {@code inPass} of a pass, interpolated. */
    private double read(float[] x, double inPass) {
        double pos = base + inPass * speed;
        int k = (int) Math.floor(pos);
        float f = (float) (pos - k);
        if (f == 0f) {
            return k >= 0 && k < x.length ? x[k] : 0f;
        }
        if (k >= 1 && k + 2 < x.length) {
            return cubic(x[k - 1], x[k], x[k + 1], x[k + 2], f);
        }
        return cubic(at(x, k - 1), at(x, k), at(x, k + 1), at(x, k + 2), f);
    }

    private static float cubic(float x0, float x1, float x2, float x3, float f) {
        float c1 = 0.5f * (x2 - x0);
        float c2 = x0 - 2.5f * x1 + 2f * x2 - 0.5f * x3;
        float c3 = 0.5f * (x3 - x0) + 1.5f * (x1 - x2);
        return ((c3 * f + c2) * f + c1) * f + x1;
    }

    private static float at(float[] x, int k) {
        return k >= 0 && k < x.length ? x[k] : 0f;
    }
}
