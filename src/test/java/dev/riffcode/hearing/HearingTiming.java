package dev.riffcode.hearing;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Onsets;
import dev.riffcode.audio.PitchClassAnalyzer;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.SharedRunner;
import java.nio.file.Files;
import java.nio.file.Path;

/** Developer tool: times each measure on a rendered script. */
public final class HearingTiming {
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    public static void main(String[] args) throws Exception {
        AudioClip clip = Render.script(Files.readString(Path.of(args[0])), Double.parseDouble(args[1]));
        for (int round = 0; round < 3; round++) {
            long t = cpu();
            float[] mono = clip.toMono();
            SpectralPass sp = SpectralPass.of(mono, clip.sampleRate());
            long t1 = cpu();
            double[] on = Onsets.detect(mono, clip.sampleRate());
            double[] w = new double[on.length];
            for (int i = 0; i < on.length; i++) {
                w[i] = sp.strengthAt(on[i], clip.sampleRate());
            }
            TempoEstimator.estimate(on, w, clip.durationSeconds());
            long t2 = cpu();
            new PitchClassAnalyzer().analyze(AudioClip.mono(clip.sampleRate(), mono));
            long t3 = cpu();
            Loudness.integrated(clip);
            long t4 = cpu();
            TruePeak.dbtp(clip);
            long t5 = cpu();
            Onsets.detect(mono, clip.sampleRate());
            long t6 = cpu();
            Hearing.silences(clip);
            long t7 = cpu();
            System.out.printf("%.0f s audio: spectral %d ms, tempo %d, pitch %d, loudness %d, truepeak %d, onsets %d, silences %d%n",
                    clip.durationSeconds(), (t1 - t) / 1000000, (t2 - t1) / 1000000, (t3 - t2) / 1000000, (t4 - t3) / 1000000,
                    (t5 - t4) / 1000000, (t6 - t5) / 1000000, (t7 - t6) / 1000000);
        }
        SharedRunner.get().close();
    }
}
