package dev.riffcode.hearing;

import dev.riffcode.audio.Spectrum;

/**
 * One short-time Fourier pass over a mono signal for what the rhythm and timbre measures need: the
 * spectral flux of plain magnitudes (the summed rise of every bin from one frame to the next: how
 * much new sound each frame brings, so a kick weighs more than a quiet hat) and the spectral
 * centroid, at a hop of about 6 ms.
 */
final class SpectralPass {

    /** Frames of about 23 ms (1024 samples at 44.1 and 48 kHz). */
    private static final double FRAME_SECONDS = 0.023;
    /** Frames quieter than this (RMS) do not count towards the centroid: it is the colour of what sounds. */
    private static final double CENTROID_FLOOR = 1e-4;

    /** Flux per frame; frame k covers samples [k * hop, k * hop + size). */
    final double[] flux;
    final int hop;
    final int size;
    /** Energy-weighted mean spectral centroid in Hz, or NaN when nothing sounded. */
    final double centroidHz;

    private SpectralPass(double[] flux, int hop, int size, double centroidHz) {
        this.flux = flux;
        this.hop = hop;
        this.size = size;
        this.centroidHz = centroidHz;
    }

    static SpectralPass of(float[] mono, int sampleRate) {
        int size = Integer.highestOneBit((int) Math.round(FRAME_SECONDS * sampleRate * 1.5));
        int hop = size / 4;
        Spectrum spectrum = new Spectrum(size, sampleRate);
        double[] mags = new double[spectrum.bins()];
        double[] previous = new double[spectrum.bins()];
        int frames = Math.max(0, (mono.length - size) / hop + 1);
        double[] flux = new double[frames];
        double weightedCentroid = 0;
        double weights = 0;
        double binHz = spectrum.binHz();
        for (int k = 0; k < frames; k++) {
            spectrum.magnitudes(mono, k * hop, mags);
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
        return new SpectralPass(flux, hop, size, weights == 0 ? Double.NaN : weightedCentroid / weights);
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
