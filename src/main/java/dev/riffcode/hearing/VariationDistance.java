package dev.riffcode.hearing;

import java.util.List;
import java.util.Locale;

/**
 * How different two pieces sound, from their hearing reports: a distance from 0 (the same on every
 * measure) to 1 (as far apart as the scale allows on every one). Each measure is brought to 0..1
 * and the distance is their root mean square:
 *
 * <ul>
 *   <li><b>notes</b>: half the summed difference of the pitch-class energy shares (0 the same
 *       histogram, 1 no pitch class in common);
 *   <li><b>tempo</b>: the interval between the tempos in octaves, at most 1 (one piece with a beat
 *       and one without: 1);
 *   <li><b>brightness</b>: the interval between the spectral centroids in octaves, over 2;
 *   <li><b>density</b>: the interval between the onset rates in octaves, over 2;
 *   <li><b>loudness</b>: the difference in integrated LUFS over 12 LU;
 *   <li><b>width</b>: the difference in stereo width.
 * </ul>
 * Each is capped at 1.
 */
public final class VariationDistance {

    /** The measures, in 0..1 each, and their root mean square. */
    public record Parts(double notes, double tempo, double brightness, double density, double loudness,
            double width) {
        public double total() {
            double sum = 0;
            for (double p : List.of(notes, tempo, brightness, density, loudness, width)) {
                sum += p * p;
            }
            return Math.sqrt(sum / 6);
        }

        /** "0.31 (notes 0.42, tempo 0.58, brightness 0.12, density 0.20, loudness 0.05, width 0.00)". */
        public String describe() {
            return String.format(Locale.ROOT,
                    "%.2f (notes %.2f, tempo %.2f, brightness %.2f, density %.2f, loudness %.2f, width %.2f)",
                    total(), notes, tempo, brightness, density, loudness, width);
        }
    }

    private VariationDistance() {
    }

    public static Parts between(HearingReport a, HearingReport b) {
        double[] sa = a.pitchClassShares();
        double[] sb = b.pitchClassShares();
        double notes = 0;
        for (int pc = 0; pc < 12; pc++) {
            notes += Math.abs(sa[pc] - sb[pc]);
        }
        notes = Math.min(1, notes / 2);
        double tempo = a.tempoBpm() == null && b.tempoBpm() == null ? 0
                : a.tempoBpm() == null || b.tempoBpm() == null ? 1 : octaves(a.tempoBpm(), b.tempoBpm(), 1);
        double brightness = a.centroidHz() == null || b.centroidHz() == null ? 0
                : octaves(a.centroidHz(), b.centroidHz(), 2);
        // A tenth of an onset per second keeps a silent stretch from being infinitely far.
        double density = octaves(a.onsetsPerSecond() + 0.1, b.onsetsPerSecond() + 0.1, 2);
        double loudness = a.integratedLufs() == null && b.integratedLufs() == null ? 0
                : a.integratedLufs() == null || b.integratedLufs() == null ? 1
                : Math.min(1, Math.abs(a.integratedLufs() - b.integratedLufs()) / 12);
        double width = Math.min(1, Math.abs(a.stereoWidth() - b.stereoWidth()));
        return new Parts(notes, tempo, brightness, density, loudness, width);
    }

    /** The mean distance over every pair; 0 for fewer than two. */
    public static double meanPairwise(List<HearingReport> reports) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < reports.size(); i++) {
            for (int j = i + 1; j < reports.size(); j++) {
                sum += between(reports.get(i), reports.get(j)).total();
                pairs++;
            }
        }
        return pairs == 0 ? 0 : sum / pairs;
    }

    private static double octaves(double x, double y, double per) {
        return Math.min(1, Math.abs(Math.log(x / y) / Math.log(2)) / per);
    }
}
