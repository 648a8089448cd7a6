package dev.riffcode.engine.dsp;

/** Small analysis helpers for the DSP tests and the benchmark. */
final class Analysis {

    private Analysis() {
    }

    /** In-place radix-2 complex FFT; length must be a power of two. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    // Direct twiddles: slower than a recurrence but exact enough for -150 dB floors.
                    double wr = Math.cos(ang * k);
                    double wi = Math.sin(ang * k);
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /** Power per bin 0..n/2 of a real signal (rectangular window). */
    static double[] powerSpectrum(float[] x) {
        int n = x.length;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = x[i];
        }
        fft(re, im);
        double[] p = new double[n / 2 + 1];
        for (int i = 0; i <= n / 2; i++) {
            p[i] = re[i] * re[i] + im[i] * im[i];
        }
        return p;
    }

    /**
     * Aliasing of a periodic signal whose fundamental is exactly bin {@code fundamentalBin}
     * of an {@code x.length}-point FFT: power in bins that are not multiples of the
     * fundamental (after folding), relative to total power, in dB. Exact-bin frequencies make
     * every harmonic and every alias land on a bin, so no window and no leakage.
     */
    static double aliasingDbExactBins(float[] x, int fundamentalBin) {
        double[] p = powerSpectrum(x);
        int n = x.length;
        boolean[] harmonic = new boolean[p.length];
        for (long k = fundamentalBin; k <= n / 2; k += fundamentalBin) {
            harmonic[(int) k] = true;
        }
        double total = 0;
        double off = 0;
        for (int i = 1; i < p.length; i++) {
            total += p[i];
            if (!harmonic[i]) {
                off += p[i];
            }
        }
        return 10 * Math.log10(Math.max(off, 1e-300) / total);
    }

    /** Amplitude of the component at {@code hz} (Hann-windowed single-bin DFT, any frequency). */
    static double amplitudeAt(float[] x, int from, int n, double hz, double sampleRate) {
        // Rotating phasors instead of sin/cos per sample; renormalised to stop drift.
        double w = 2 * Math.PI * hz / sampleRate;
        double cw = Math.cos(w);
        double sw = Math.sin(w);
        double cv = Math.cos(2 * Math.PI / n);
        double sv = Math.sin(2 * Math.PI / n);
        double pr = 1;
        double pi = 0;
        double vr = 1;
        double vi = 0;
        double re = 0;
        double im = 0;
        double wsum = 0;
        for (int i = 0; i < n; i++) {
            double win = 0.5 - 0.5 * vr;
            re += win * x[from + i] * pr;
            im -= win * x[from + i] * pi;
            wsum += win;
            double t = pr * cw - pi * sw;
            pi = pr * sw + pi * cw;
            pr = t;
            t = vr * cv - vi * sv;
            vi = vr * sv + vi * cv;
            vr = t;
            if ((i & 1023) == 1023) {
                double m = 1 / Math.hypot(pr, pi);
                pr *= m;
                pi *= m;
                m = 1 / Math.hypot(vr, vi);
                vr *= m;
                vi *= m;
            }
        }
        return 2 * Math.hypot(re, im) / wsum;
    }

    /**
     * Frequency of the strongest component between {@code lo} and {@code hi} Hz, found by a
     * fine scan of a Hann-windowed DFT and refined by parabolic interpolation.
     */
    static double peakFrequency(float[] x, int from, int n, double lo, double hi,
            double sampleRate) {
        int steps = 400;
        double best = lo;
        double bestAmp = -1;
        double step = (hi - lo) / steps;
        double[] amps = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {
            amps[s] = amplitudeAt(x, from, n, lo + s * step, sampleRate);
            if (amps[s] > bestAmp) {
                bestAmp = amps[s];
                best = lo + s * step;
            }
        }
        // Zoom in twice around the best point.
        for (int pass = 0; pass < 2; pass++) {
            double l = best - step;
            step = 2 * step / 40;
            bestAmp = -1;
            for (int s = 0; s <= 40; s++) {
                double f = l + s * step;
                double a = amplitudeAt(x, from, n, f, sampleRate);
                if (a > bestAmp) {
                    bestAmp = a;
                    best = f;
                }
            }
        }
        return best;
    }

    /** Frequency from interpolated rising zero crossings. */
    static double zeroCrossingFrequency(float[] x, double sampleRate) {
        double first = -1;
        double last = -1;
        int count = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
                if (first < 0) {
                    first = t;
                }
                last = t;
                count++;
            }
        }
        return (count - 1) * sampleRate / (last - first);
    }

    static double rms(float[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / n);
    }

    static double mean(float[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i];
        }
        return s / n;
    }

    static double peak(float[] x, int from, int n) {
        double m = 0;
        for (int i = from; i < from + n; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    static boolean allFinite(float[] x) {
        for (float v : x) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Cents between a measured and an expected frequency. */
    static double cents(double measured, double expected) {
        return 1200 * Math.log(measured / expected) / Math.log(2);
    }
}
