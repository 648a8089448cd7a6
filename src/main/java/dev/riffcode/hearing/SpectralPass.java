package dev.riffcode.hearing;

import dev.riffcode.audio.Onsets;

/**
 * One short-time Fourier pass over a mono signal for what the rhythm and timbre measures need: the
 * spectral flux of plain magnitudes (the summed rise of every bin from one frame to the next: how
 * much new sound each frame brings, so a kick weighs more than a quiet hat) and the spectral
 * centroid, at a hop of about 6 ms.
 */
final class SpectralPass {

    /** Frames quieter than this (RMS) do not count towards the centroid: it is the colour of what sounds. */
    private static final double CENTROID_FLOOR = 1e-4;

    /** Flux per frame; frame k covers samples [k * hop, k * hop + size). */
    final double[] flux;
    final int hop;
    final int size;
    /** Energy-weighted mean spectral centroid in Hz, or NaN when nothing sounded. */
    final double centroidHz;
    /** The onset times {@link Onsets#detect(float[], double)} finds, from the same spectra. */
    final double[] onsets;

    private SpectralPass(double[] flux, int hop, int size, double centroidHz, double[] onsets) {
        this.flux = flux;
        this.hop = hop;
        this.size = size;
        this.centroidHz = centroidHz;
        this.onsets = onsets;
    }

    /**
     * The pass and the onsets together: the onset detector's frames (an eighth of a frame apart) include every frame
     * of this pass (a quarter apart, from the signal's start), so its spectra are reused instead of computed twice.
     */
    static SpectralPass of(float[] mono, int sampleRate) {
        Collector c = new Collector(mono.length, Onsets.frameSize(sampleRate), sampleRate);
        double[] onsets = Onsets.detect(mono, sampleRate, c);
        return new SpectralPass(c.flux, c.hop, c.size, c.weights == 0 ? Double.NaN : c.weightedCentroid / c.weights,
                onsets);
    }

    /** Takes the frames of this pass out of the onset detector's. */
    private static final class Collector implements Onsets.FrameListener {
        final int size;
        final int hop;
        final double binHz;
        final int length;
        final double[] flux;
        final double[] previous;
        double weightedCentroid;
        double weights;

        Collector(int length, int size, int sampleRate) {
            this.length = length;
            this.size = size;
            this.hop = size / 4;
            this.binHz = sampleRate / (double) size;
            this.flux = new double[Math.max(0, (length - size) / hop + 1)];
            this.previous = new double[size / 2 + 1];
        }

        @Override
        public void frame(int start, double[] mags) {
            if (start < 0 || start % hop != 0 || start + size > length) {
                return;
            }
            int k = start / hop;
            double rise = 0;
            double magSum = 0;
            double freqSum = 0;
            double power = 0;
            for (int b = 0; b < mags.length; b++) {
                double m = mags[b];
                rise += Math.max(0, m - previous[b]);
                previous[b] = m;
                magSum += m;
                freqSum += m * b;
                power += m * m;
            }
            flux[k] = k == 0 ? 0 : rise;
            // Magnitudes are amplitudes (a sine of amplitude A reads A). Power-weight the frames so
            // loud passages set the colour and quiet tails do not.
            double rms = Math.sqrt(power / 2);
            if (magSum > 0 && rms > CENTROID_FLOOR) {
                weightedCentroid += power * binHz * freqSum / magSum;
                weights += power;
            }
        }
    }

    /** How strong the onset at {@code seconds} is: the largest flux of the frames that first hear it. */
    double strengthAt(double seconds, int sampleRate) {
        int sample = (int) Math.round(seconds * sampleRate);
        int first = Math.max(0, (sample - size) / hop);
        int last = Math.min(flux.length - 1, sample / hop + 2);
        double max = 0;
        for (int k = first; k <= last; k++) {
            max = Math.max(max, flux[k]);
        }
        return max;
    }
}
