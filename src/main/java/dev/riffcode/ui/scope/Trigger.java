package dev.riffcode.ui.scope;

/** Where an oscilloscope starts its sweep, so that a steady tone stands still on the screen. */
final class Trigger {

    /** Crossings at least this share of the steepest one's slope count as "the" crossing of a period. */
    private static final float SLOPE_SHARE = 0.7f;

    private Trigger() {
    }

    /**
     * Where a sweep of {@code width} samples should start in {@code signal[0..length)}: the latest rising zero
     * crossing that leaves room for the whole sweep, refined to a fraction of a sample by straight-line
     * interpolation. A tone with harmonics can cross zero upwards more than once per period, and taking just the
     * latest crossing would then jump between them; the steepest crossing falls on the same point of every period,
     * so only crossings nearly as steep as it are taken. Without any rising crossing (silence, a constant) the sweep
     * runs free over the latest samples.
     */
    static double find(float[] signal, int length, int width) {
        int last = length - width;
        float steepest = 0;
        for (int i = 1; i <= last; i++) {
            if (signal[i - 1] < 0 && signal[i] >= 0) {
                steepest = Math.max(steepest, signal[i] - signal[i - 1]);
            }
        }
        if (steepest > 0) {
            for (int i = last; i >= 1; i--) {
                float a = signal[i - 1];
                float b = signal[i];
                if (a < 0 && b >= 0 && b - a >= SLOPE_SHARE * steepest) {
                    return i - 1 + (-a) / (b - a);
                }
            }
        }
        return Math.max(0, last);
    }
}
