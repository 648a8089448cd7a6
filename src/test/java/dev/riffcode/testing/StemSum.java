package dev.riffcode.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffcode.audio.AudioClip;
import java.util.Collection;

/** How far stems, added up, are from their mix. */
public final class StemSum {

    private StemSum() {
    }

    /** The energy of (sum of stems - mix) over the mix's energy, in dB; the stems must be as long as the mix. */
    public static double residualDb(AudioClip mix, Collection<AudioClip> stems) {
        double residual = 0;
        double signal = 0;
        for (int c = 0; c < mix.channelCount(); c++) {
            float[] sum = new float[mix.frames()];
            for (AudioClip stem : stems) {
                assertEquals(mix.frames(), stem.frames(), "every stem is as long as the mix");
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += stem.channels()[c][i];
                }
            }
            for (int i = 0; i < sum.length; i++) {
                double m = mix.channels()[c][i];
                residual += (sum[i] - m) * (sum[i] - m);
                signal += m * m;
            }
        }
        return 10 * Math.log10(residual / signal);
    }
}
