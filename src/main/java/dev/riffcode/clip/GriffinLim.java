package dev.riffcode.clip;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;
import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.utils.CommonUtils;

/**
 * Audio from the magnitudes of Riffusion's spectrum: fast Griffin-Lim (momentum 0.99, as torchaudio's) on a
 * band-limited grid.
 *
 * <p>Riffusion's spectra are zero above 10 kHz (no mel filter reaches higher), so the signal the iterations look for
 * is band-limited, and it can be held at a lower sample rate without losing anything. The iterations run at
 * {@value #LOW_RATE} Hz, where the same 2.5 Hz bins need an {@value #N}-point transform instead of 17640 (a power of
 * two, and less than half the work); the 10 ms hop is then 204.8 samples, so frames sit at fractional positions, and
 * each of the five fractions gets its own Hann window sampled at the right offsets. Only bins up to 10 kHz are
 * touched. The result is brought to 44.1 kHz by one exact band-limited (FFT) resampling. Frames are split between
 * the cores.
 *
 * <p>Magnitudes are per 44.1 kHz frame of {@link SpectrogramParams} (bins 0..{@code TOP_BIN}), in the units of a
 * 17640-point transform of the signal; the returned audio has the level those magnitudes describe.
 */
public final class GriffinLim {

    /** Sample rate of the iterations. */
    static final int LOW_RATE = 20_480;
    /** Transform length at {@link #LOW_RATE}: 2.5 Hz bins. */
    static final int N = 8_192;
    /** Half the Hann window at {@link #LOW_RATE} (50 ms). */
    static final int HALF_WINDOW = 1_024;
    /** Hop at {@link #LOW_RATE} is 1024/5 samples: five fractional offsets. */
    private static final int HOP_NUM = 1_024;
    private static final int HOP_DEN = 5;
    /** Low-rate index of frame 0's centre; a multiple of 1024 so that it is a whole sample at 44.1 kHz too. */
    private static final int ORIGIN = 2_048;
    /** Bins used: 0..10 kHz. */
    static final int K = SpectrogramParams.TOP_BIN + 1;

    private static final float[][] WINDOWS = new float[HOP_DEN][2 * HALF_WINDOW + 1];
    /** Magnitude at {@link #LOW_RATE} of a signal whose 44.1 kHz magnitude is 1. */
    private static final float LEVEL = (float) LOW_RATE / SpectrogramParams.SAMPLE_RATE;

    static {
        // JTransforms splits a single transform of 8192 points or more between threads; at these sizes that costs
        // more than it gains (measured here: 346 µs against 132 µs for a forward and inverse 8192-point pair), and
        // the frames are already spread over the cores. Raise its threshold above the sizes used here.
        if (CommonUtils.getThreadsBeginN_1D_FFT_2Threads() <= SpectrogramParams.N_FFT) {
            CommonUtils.setThreadsBeginN_1D_FFT_2Threads(32_768);
        }
        for (int d = 0; d < HOP_DEN; d++) {
            double delta = d / (double) HOP_DEN;
            for (int j = 0; j <= 2 * HALF_WINDOW; j++) {
                double x = j - HALF_WINDOW - delta; // samples from the frame's centre
                WINDOWS[d][j] = Math.abs(x) >= HALF_WINDOW ? 0f
                        : (float) (0.5 + 0.5 * Math.cos(Math.PI * x / HALF_WINDOW));
            }
        }
    }

    private GriffinLim() {
    }

    /**
     * Reconstructs audio at 44.1 kHz from {@code magnitudes[frame][bin]}.
     *
     * @param iterations Griffin-Lim iterations (Riffusion: 32)
     * @param seed       seed of the random starting phases
     * @param threads    worker threads (1 = this thread only)
     * @param progress   told the fraction done, from 0 to 1, or null
     * @return {@code (frames - 1) * 441} samples
     */
    public static float[] reconstruct(float[][] magnitudes, int iterations, long seed, int threads,
            DoubleConsumer progress) {
        int frames = magnitudes.length;
        if (frames < 2) {
            return new float[0];
        }
        int lowLength = start(frames - 1) + 2 * HALF_WINDOW + 2 + ORIGIN;
        Plan plan = new Plan(frames, lowLength, threads);
        try {
            return plan.run(magnitudes, iterations, seed, progress);
        } finally {
            plan.close();
        }
    }

    /** Low-rate index where frame t's window buffer starts. */
    private static int start(int t) {
        return (int) ((long) t * HOP_NUM / HOP_DEN) - HALF_WINDOW + ORIGIN;
    }

    private static int fraction(int t) {
        return (int) ((long) t * HOP_NUM % HOP_DEN);
    }

    /** The working state of one reconstruction. */
    private static final class Plan {
        final int frames;
        final int length;
        final int threads;
        final float[] signal;
        final float[] inverseNorm;
        final float[][] partial;
        final float[][] angles; // [frame][2k], [2k+1]: unit phase (re, im)
        final float[][] previous; // last rebuilt spectrum, for the momentum
        final ExecutorService pool;

        Plan(int frames, int length, int threads) {
            this.frames = frames;
            this.length = length;
            this.threads = Math.max(1, Math.min(threads, frames / 8 + 1));
            this.signal = new float[length];
            this.partial = new float[this.threads][length];
            this.angles = new float[frames][2 * K];
            this.previous = new float[frames][2 * K];
            this.inverseNorm = new float[length];
            float[] norm = new float[length];
            for (int t = 0; t < frames; t++) {
                float[] w = WINDOWS[fraction(t)];
                int s = start(t);
                for (int j = 0; j < w.length; j++) {
                    norm[s + j] += w[j] * w[j];
                }
            }
            for (int i = 0; i < length; i++) {
                inverseNorm[i] = norm[i] > 1e-6f ? 1f / norm[i] : 0f;
            }
            this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads, r -> {
                Thread th = new Thread(r, "riffcode-griffin-lim");
                th.setDaemon(true);
                return th;
            }) : null;
        }

        void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }

        float[] run(float[][] magnitudes, int iterations, long seed, DoubleConsumer progress) {
            float[][] mags = new float[frames][K];
            for (int t = 0; t < frames; t++) {
                int n = Math.min(K, magnitudes[t].length);
                for (int k = 0; k < n; k++) {
                    mags[t][k] = magnitudes[t][k] * LEVEL;
                }
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (int t = 0; t < frames; t++) {
                for (int k = 0; k < K; k++) {
                    double a = random.nextDouble() * 2 * Math.PI;
                    angles[t][2 * k] = (float) Math.cos(a);
                    angles[t][2 * k + 1] = (float) Math.sin(a);
                }
            }
            float keep = (float) (SpectrogramParams.MOMENTUM / (1 + SpectrogramParams.MOMENTUM));
            for (int it = 0; it < iterations; it++) {
                inverse(mags);
                final boolean first = it == 0;
                parallel((from, to, fft, buffer) -> {
                    for (int t = from; t < to; t++) {
                        forward(t, fft, buffer);
                        float[] a = angles[t];
                        float[] prev = previous[t];
                        for (int i = 0; i < 2 * K; i += 2) {
                            float re = buffer[i];
                            float im = buffer[i + 1];
                            if (i == 0) {
                                im = 0f; // buffer[1] holds the Nyquist bin, not DC's imaginary part
                            }
                            float ar = first ? re : re - keep * prev[i];
                            float ai = first ? im : im - keep * prev[i + 1];
                            prev[i] = re;
                            prev[i + 1] = im;
                            float mag = (float) Math.sqrt(ar * ar + ai * ai) + 1e-16f;
                            a[i] = ar / mag;
                            a[i + 1] = ai / mag;
                        }
                    }
                });
                if (progress != null) {
                    progress.accept((it + 1) / (double) (iterations + 1));
                }
            }
            inverse(mags);
            float[] out = toFullRate();
            if (progress != null) {
                progress.accept(1.0);
            }
            return out;
        }

        /** The windowed frame t of {@link #signal}, transformed, into {@code buffer}. */
        void forward(int t, FloatFFT_1D fft, float[] buffer) {
            float[] w = WINDOWS[fraction(t)];
            int s = start(t);
            for (int j = 0; j < w.length; j++) {
                buffer[j] = signal[s + j] * w[j];
            }
            java.util.Arrays.fill(buffer, w.length, N, 0f);
            fft.realForward(buffer);
        }

        /** {@link #signal} := least-squares overlap-add of the frames {@code mags * angles}. */
        void inverse(float[][] mags) {
            parallel((from, to, fft, buffer, part) -> {
                java.util.Arrays.fill(part, 0f);
                for (int t = from; t < to; t++) {
                    float[] a = angles[t];
                    float[] m = mags[t];
                    buffer[0] = m[0] * a[0];
                    buffer[1] = 0f; // Nyquist (20480/2 Hz) is far above 10 kHz
                    for (int k = 1; k < K; k++) {
                        buffer[2 * k] = m[k] * a[2 * k];
                        buffer[2 * k + 1] = m[k] * a[2 * k + 1];
                    }
                    java.util.Arrays.fill(buffer, 2 * K, N, 0f);
                    fft.realInverse(buffer, true);
                    float[] w = WINDOWS[fraction(t)];
                    int s = start(t);
                    for (int j = 0; j < w.length; j++) {
                        part[s + j] += buffer[j] * w[j];
                    }
                }
            });
            for (int i = 0; i < length; i++) {
                float sum = 0;
                for (float[] p : partial) {
                    sum += p[i];
                }
                signal[i] = sum * inverseNorm[i];
            }
        }

        /** {@link #signal} resampled to 44.1 kHz by zero-extending its spectrum, from frame 0's centre on. */
        float[] toFullRate() {
            int outLength = SpectrogramParams.samples(frames);
            int needed = length + 1024;
            int blocks = smooth((needed + 1023) / 1024);
            int lowN = blocks * 1024;
            int highN = blocks * 2205; // same duration at 44.1 kHz
            float[] low = new float[lowN];
            System.arraycopy(signal, 0, low, 0, length);
            new FloatFFT_1D(lowN).realForward(low);
            float[] high = new float[highN];
            high[0] = low[0];
            System.arraycopy(low, 2, high, 2, lowN - 2); // bins 1..lowN/2-1; the low Nyquist bin stays 0
            new FloatFFT_1D(highN).realInverse(high, true);
            float scale = (float) highN / lowN;
            int origin = ORIGIN / 1024 * 2205;
            float[] out = new float[outLength];
            for (int i = 0; i < outLength; i++) {
                out[i] = high[origin + i] * scale;
            }
            return out;
        }

        interface FrameWork {
            void frames(int from, int to, FloatFFT_1D fft, float[] buffer);
        }

        interface FrameWorkWithPart {
            void frames(int from, int to, FloatFFT_1D fft, float[] buffer, float[] part);
        }

        private final ThreadLocal<FloatFFT_1D> ffts = ThreadLocal.withInitial(() -> new FloatFFT_1D(N));
        private final ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[N]);

        void parallel(FrameWork work) {
            parallel((from, to, fft, buffer, part) -> work.frames(from, to, fft, buffer));
        }

        void parallel(FrameWorkWithPart work) {
            if (pool == null) {
                work.frames(0, frames, ffts.get(), buffers.get(), partial[0]);
                return;
            }
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int from = frames * i / threads;
                int to = frames * (i + 1) / threads;
                float[] part = partial[i];
                jobs.add(pool.submit(() -> work.frames(from, to, ffts.get(), buffers.get(), part)));
            }
            for (Future<?> f : jobs) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
    }

    /** The smallest number at least n whose only prime factors are 2, 3 and 5 (fast transform sizes). */
    static int smooth(int n) {
        for (int m = Math.max(1, n); ; m++) {
            int r = m;
            for (int p : new int[] {2, 3, 5}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return m;
            }
        }
    }
}
