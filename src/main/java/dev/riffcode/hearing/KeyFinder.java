package dev.riffcode.hearing;

import dev.riffcode.music.Notes;

/**
 * The most likely key of a pitch-class distribution, by the Krumhansl-Schmuckler method: the
 * distribution is correlated with the Krumhansl-Kessler probe-tone profiles of all 24 major and
 * minor keys, and the best correlation wins.
 *
 * <p>Profiles from C. L. Krumhansl, <i>Cognitive Foundations of Musical Pitch</i> (1990): how well
 * each of the twelve pitch classes fits a major or a minor key context, tonic first.
 */
public final class KeyFinder {

    private static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    private static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

    /**
     * A key estimate.
     *
     * @param rootPc tonic pitch class, 0 = C
     * @param minor true for a minor key
     * @param correlation the winning profile's correlation with the distribution, -1..1
     * @param margin how far the runner-up (another key) is behind, in correlation
     */
    public record Key(int rootPc, boolean minor, double correlation, double margin) {
        /** "A minor", "F# major". */
        public String name() {
            return Notes.pitchClassName(rootPc) + (minor ? " minor" : " major");
        }
    }

    private KeyFinder() {
    }

    /** The best key for a 12-bin distribution (index 0 = C), or null when it is all zeros. */
    public static Key find(double[] distribution) {
        double total = 0;
        for (double v : distribution) {
            total += v;
        }
        if (!(total > 0)) {
            return null;
        }
        Key best = null;
        double second = -2;
        for (int mode = 0; mode < 2; mode++) {
            double[] profile = mode == 0 ? MAJOR : MINOR;
            for (int root = 0; root < 12; root++) {
                double[] rotated = new double[12];
                for (int pc = 0; pc < 12; pc++) {
                    rotated[pc] = profile[Math.floorMod(pc - root, 12)];
                }
                double r = correlation(distribution, rotated);
                if (best == null || r > best.correlation()) {
                    second = best == null ? second : best.correlation();
                    best = new Key(root, mode == 1, r, 0);
                } else if (r > second) {
                    second = r;
                }
            }
        }
        return new Key(best.rootPc(), best.minor(), best.correlation(), best.correlation() - second);
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < 12; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= 12;
        mb /= 12;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < 12; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
