package dev.riffcode.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Magnitude spectra of Hann-windowed frames, plus helpers to read peaks and band energies off
 * them.
 *
 * <p>Magnitudes are scaled so that a sine of amplitude A, well inside the frame, shows a peak of
 * about A (exactly A when it sits on a bin centre). Bin {@code k} is at {@code k * binHz()}.
 *
 * <p>An instance reuses its FFT buffers and is not thread-safe; create one per thread.
 */
public final class Spectrum {
    private final int size;
    private final double sampleRate;
    private final double[] window;
    private final double[] buffer;
    private final DoubleFFT_1D fft;
    private final double scale;
    private final double powerScale;

    static {
        SingleThreadedFft.upTo(1 << 16);
    }

    /** A peak read off a spectrum: interpolated frequency and magnitude. */
    public record Peak(double frequency, double magnitude) {}

    /**
     * @param size frame length in samples, a power of two (at least 16)
     * @param sampleRate sample rate of the signals to analyse
     */
    public Spectrum(int size, double sampleRate) {
        if (size < 16 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two >= 16: " + size);
        }
        this.size = size;
        this.sampleRate = sampleRate;
        this.window = new double[size];
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < size; i++) {
            // Periodic Hann: the form whose shifted copies at hop size/4 sum to a constant.
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / size);
            sum += window[i];
            sumSquares += window[i] * window[i];
        }
        this.scale = 2 / sum; // one-sided spectrum of a windowed sine peaks at A * sum / 2
        // Parseval: the sum of squared scaled magnitudes is 2 N sumSquares / sum² times the
        // signal's mean square (3 for Hann).
        this.powerScale = sum * sum / (2.0 * size * sumSquares);
        this.buffer = new double[size];
        this.fft = new DoubleFFT_1D(size);
    }

    /** Frame length in samples. */
    public int size() {
        return size;
    }

    /** Number of magnitude bins: {@code size / 2 + 1}, from 0 Hz to Nyquist. */
    public int bins() {
        return size / 2 + 1;
    }

    /** Width of one bin in Hz. */
    public double binHz() {
        return sampleRate / size;
    }

    /** Magnitudes of the frame starting at {@code start}; see {@link #magnitudes(float[], int, double[])}. */
    public double[] magnitudes(float[] signal, int start) {
        double[] out = new double[bins()];
        magnitudes(signal, start, out);
        return out;
    }

    /**
     * Windows {@code signal[start .. start + size)} (zeros where that runs outside the signal) and
     * writes its {@link #bins()} magnitudes into {@code out}.
     */
    public void magnitudes(float[] signal, int start, double[] out) {
        // Zeros before and after the signal, the windowed signal between: three plain loops the JIT vectorises
        // rather than one that tested every index.
        int from = Math.min(size, Math.max(0, -start));
        int to = Math.max(from, Math.min(size, signal.length - start));
        java.util.Arrays.fill(buffer, 0, from, 0);
        for (int i = from; i < to; i++) {
            buffer[i] = signal[start + i] * window[i];
        }
        java.util.Arrays.fill(buffer, to, size, 0);
        fft.realForward(buffer);
        // JTransforms packs the real FFT as [re0, reN/2, re1, im1, re2, im2, ...].
        out[0] = Math.abs(buffer[0]) * scale / 2;
        out[size / 2] = Math.abs(buffer[1]) * scale / 2;
        for (int k = 1; k < size / 2; k++) {
            double re = buffer[2 * k];
            double im = buffer[2 * k + 1];
            out[k] = re * re + im * im;
        }
        // The square roots in a loop of their own, over one array, which the JIT vectorises (the interleaved real and
        // imaginary parts above keep that loop scalar). sqrt rather than Math.hypot, which is several times slower;
        // the values are far from overflow or underflow.
        for (int k = 1; k < size / 2; k++) {
            out[k] = Math.sqrt(out[k]) * scale;
        }
    }

    /**
     * The strongest local maximum between {@code minHz} and {@code maxHz}, with its frequency and
     * height refined by a parabola through the log magnitudes of the three bins around it (for a
     * Hann window this is accurate to a few hundredths of a bin). Returns null if the range holds
     * no local maximum.
     */
    public Peak strongestPeak(double[] magnitudes, double minHz, double maxHz) {
        int lo = Math.max(1, (int) Math.ceil(minHz / binHz()));
        int hi = Math.min(magnitudes.length - 2, (int) Math.floor(maxHz / binHz()));
        int best = -1;
        for (int k = lo; k <= hi; k++) {
            if (magnitudes[k] > 0 && magnitudes[k] >= magnitudes[k - 1]
                    && magnitudes[k] >= magnitudes[k + 1]
                    && (best < 0 || magnitudes[k] > magnitudes[best])) {
                best = k;
            }
        }
        return best < 0 ? null : interpolatePeak(magnitudes, best);
    }

    /** Refines the local maximum at bin {@code k} (0 &lt; k &lt; length-1) by parabolic interpolation. */
    public Peak interpolatePeak(double[] magnitudes, int k) {
        // A tiny floor keeps log() finite next to exact zeros.
        double a = Math.log(magnitudes[k - 1] + 1e-30);
        double b = Math.log(magnitudes[k] + 1e-30);
        double c = Math.log(magnitudes[k + 1] + 1e-30);
        double denom = a - 2 * b + c;
        double offset = denom == 0 ? 0 : 0.5 * (a - c) / denom;
        offset = Math.max(-0.5, Math.min(0.5, offset));
        double logPeak = b - 0.25 * (a - c) * offset;
        return new Peak((k + offset) * binHz(), Math.exp(logPeak));
    }

    /**
     * Mean-square power of the frame between {@code loHz} and {@code hiHz} (bins whose centre lies
     * in the band, edges included): a sine of amplitude A inside the band gives about A²/2, white
     * noise gives its variance times the band's share of 0..Nyquist.
     */
    public double bandPower(double[] magnitudes, double loHz, double hiHz) {
        int lo = Math.max(0, (int) Math.ceil(loHz / binHz()));
        int hi = Math.min(magnitudes.length - 1, (int) Math.floor(hiHz / binHz()));
        double sum = 0;
        for (int k = lo; k <= hi; k++) {
            sum += magnitudes[k] * magnitudes[k];
        }
        return sum * powerScale;
    }
}
