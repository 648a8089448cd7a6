package dev.riffcode.engine.pipes;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.score.SampleHit;

/**
 * Plays a part of a decoded sample: at a speed ({@code rate}, which moves the pitch with it; negative plays the part
 * backwards) or fitted to a number of beats, once or looped, with a gain and a pan, into its bus.
 *
 * <p>A loop repeats the part in passes that start on beats ({@link SampleHit#passSeconds}); within each pass the
 * part sounds for {@link SampleHit#soundSeconds} and the rest of the pass, if any, is silent. Pass lengths are kept
 * in fractional frames, so a long loop does not drift off the beat.
 *
 * <p>Positions between samples are read with 4-point cubic (Catmull-Rom) interpolation. Every pass fades in and out
 * over {@link #FADE_SECONDS}, so no start, end or loop seam clicks. The buffer is shared, never copied, and
 * rendering allocates nothing.
 */
final class SampleVoice extends Voice {

    /** Length of the fades at each end of a pass. */
    static final double FADE_SECONDS = 0.0015;

    private final float[] left;
    private final float[] right;
    private final boolean stereo;
    private final float gainL;
    private final float gainR;
    /** The region, in frames of the buffer. */
    private final double from;
    private final double to;
    /** Buffer frames per output frame; negative reads backwards. */
    private final double speed;
    /** Output frames per pass (fractional), of sound in each pass, and in all. */
    private final double pass;
    private final double sound;
    private final double total;
    private final double fade;
    private double inPass;
    private double played;

    /** @param audio the sample at the renderer's rate, one or two channels */
    SampleVoice(SampleHit hit, AudioClip audio, int sampleRate) {
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
        int frames = audio.frames();
        from = hit.start() * frames;
        to = hit.finish() * frames;
        double seconds = audio.durationSeconds();
        total = Math.max(1, hit.seconds(seconds) * sampleRate);
        sound = Math.max(1, hit.soundSeconds(seconds) * sampleRate);
        pass = hit.loops() ? Math.max(sound, hit.passSeconds(seconds) * sampleRate) : total;
        speed = Math.signum(hit.rate()) * (to - from) / sound;
        fade = Math.max(1, Math.min(FADE_SECONDS * sampleRate, sound / 2));
    }

    @Override
    boolean render(float[] scratch, float[] busL, float[] busR, int blockSize) {
        int off = startOffset;
        startOffset = 0;
        float gl = gainL;
        float gr = gainR;
        for (int i = off; i < blockSize; i++) {
            if (played >= total) {
                return false;
            }
            if (inPass < sound) {
                double pos = speed > 0 ? from + inPass * speed : to + inPass * speed;
                double env = Math.min(1, Math.min((inPass + 1) / fade, Math.min((sound - inPass) / fade,
                        (total - played) / fade)));
                int k = (int) Math.floor(pos);
                float f = (float) (pos - k);
                float l = (float) (interpolate(left, k, f) * env);
                float r = stereo ? (float) (interpolate(right, k, f) * env) : l;
                busL[i] += l * gl;
                busR[i] += r * gr;
            }
            played++;
            inPass++;
            if (inPass >= pass) {
                inPass -= pass;
            }
        }
        return played < total;
    }

    /** Catmull-Rom between x[k] and x[k+1] at fraction f; silence outside the buffer. */
    private static float interpolate(float[] x, int k, float f) {
        float x0;
        float x1;
        float x2;
        float x3;
        if (k >= 1 && k + 2 < x.length) {
            x0 = x[k - 1];
            x1 = x[k];
            x2 = x[k + 1];
            x3 = x[k + 2];
        } else {
            x0 = at(x, k - 1);
            x1 = at(x, k);
            x2 = at(x, k + 1);
            x3 = at(x, k + 2);
        }
        float c1 = 0.5f * (x2 - x0);
        float c2 = x0 - 2.5f * x1 + 2f * x2 - 0.5f * x3;
        float c3 = 0.5f * (x3 - x0) + 1.5f * (x1 - x2);
        return ((c3 * f + c2) * f + c1) * f + x1;
    }

    private static float at(float[] x, int k) {
        return k >= 0 && k < x.length ? x[k] : 0f;
    }
}
