package dev.riffcode.hearing;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Onsets;
import dev.riffcode.audio.WavReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Developer tool: args are FILE.wav=BPM; tries settings of the tempo estimator on them. */
public final class TempoTune {
    public static void main(String[] args) throws Exception {
        List<double[]> on = new ArrayList<>();
        List<double[]> st = new ArrayList<>();
        List<Double> truth = new ArrayList<>();
        List<Double> len = new ArrayList<>();
        for (String a : args) {
            String[] p = a.split("=");
            AudioClip clip = WavReader.read(Path.of(p[0]));
            float[] mono = clip.toMono();
            SpectralPass sp = SpectralPass.of(mono, clip.sampleRate());
            double[] t = Onsets.detect(mono, clip.sampleRate());
            double[] w = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                w[i] = sp.strengthAt(t[i], clip.sampleRate());
            }
            on.add(t);
            st.add(w);
            truth.add(Double.parseDouble(p[1]));
            len.add(clip.durationSeconds());
        }
        for (double prior : new double[] {110, 120, 130}) {
            for (double sigma : new double[] {0.5, 0.7, 1.0}) {
                for (double ap : new double[] {0.5, 1}) {
                    for (double ae : new double[] {0, 1, 2}) {
                      for (double w2 : new double[] {0, 0.5, 1}) {
                        for (double w4 : new double[] {0, 0.5, 1}) {
                        TempoEstimator.W2 = w2;
                        TempoEstimator.W4 = w4;
                        TempoEstimator.PRIOR_BPM = prior;
                        TempoEstimator.PRIOR_OCTAVES = sigma;
                        TempoEstimator.ACCENT_POWER = ap;
                        TempoEstimator.ACCENT_EXP = ae;
                        int ok = 0;
                        int octave = 0;
                        StringBuilder sb = new StringBuilder();
                        for (int i = 0; i < on.size(); i++) {
                            double bpm = TempoEstimator.estimate(on.get(i), st.get(i), len.get(i)).bpm();
                            double ratio = bpm / truth.get(i);
                            if (Math.abs(ratio - 1) <= 0.03) {
                                ok++;
                            } else if (Math.abs(ratio - 2) <= 0.06 || Math.abs(ratio - 0.5) <= 0.015) {
                                octave++;
                                sb.append(String.format(" %.0f->%.0f", truth.get(i), bpm));
                            } else {
                                sb.append(String.format(" %.0f->%.0f!", truth.get(i), bpm));
                            }
                        }
                        System.out.printf("prior %.0f sigma %.1f ap %.1f ae %.0f w2 %.1f w4 %.1f: ok %d octave %d other %d |%s%n", prior, sigma,
                                ap, ae, w2, w4, ok, octave, on.size() - ok - octave, sb);
                        }
                      }
                    }
                }
            }
        }
    }
}
