package dev.riffcode.clip;

import dev.riffcode.audio.SingleThreadedFft;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Audio from the magnitudes of Riffusion's spectrum: fast Griffin-Lim (momentum 0.99, as torchaudio's) on a
 * band-limited grid.
 *
 * <p>Riffusion's spectra are zero above 10 kHz (no mel filter reaches higher), so the signal the iterations look for
 * is band-limited, and it can be held at a lower sample rate without losing anything. The iterations run at
 * {@value #LOW_RATE} Hz, where Riffusion's 100 ms window is 2048 samples; the 10 ms hop is then 204.8 samples, so
 * frames sit at fractional positions, and each of the five fractions gets its own Hann window sampled at the right
 * offsets. Only bins up to 10 kHz are touched. The result is brought to 44.1 kHz by one exact band-limited (FFT)
 * resampling.
 *
 * <p>The transform is {@value #N} points (5 Hz bins), not the 8192 that Riffusion's 2.5 Hz bins would need at this
 * rate: a frame has at most 2048 non-zero samples, so its squared magnitude is the transform of an autocorrelation
 * only 4095 samples long, which 4096 points sample completely. The magnitudes on the 5 Hz bins (Riffusion's even
 * bins) therefore fix those on the 2.5 Hz bins, and a signal matches the one set exactly when it matches the other;
 * the iterations cost less than half.
 *
 * <p>Frames are processed in fixed blocks of {@value #BLOCK} that the threads take in turn (so a core that another
 * program holds just takes fewer), and the blocks' overlap-adds are summed in block order: the result does not depend
 * on the number of threads.
 *
 * <p>Magnitudes are per 44.1 kHz frame of {@link SpectrogramParams} (bins 0..{@code TOP_BIN}, 2.5 Hz apart), in the
 * units of a 17640-point transform of the signal; the returned audio has the level those magnitudes describe.
 */
public final class GriffinLim {

    /** Sample rate of the iterations. */
    static final int LOW_RATE = 20_480;
    /** Transform length at {@link #LOW_RATE}: 5 Hz bins, every other one of Riffusion's. */
    static final int N = 4_096;
    /** Riffusion's bins per bin here. */
    private static final int STRIDE = 2;
    /** Half the Hann window at {@link #LOW_RATE} (50 ms). */
    static final int HALF_WINDOW = 1_024;
    /** Hop at {@link #LOW_RATE} is 1024/5 samples: five fractional offsets. */
    private static final int HOP_NUM = 1_024;
    private static final int HOP_DEN = 5;
    /** Low-rate index of frame 0's centre; a multiple of 1024 so that it is a whole sample at 44.1 kHz too. */
    private static final int ORIGIN = 2_048;
    /** Riffusion's bins used: 0..10 kHz. */
    static final int K = SpectrogramParams.TOP_BIN + 1;
    /** Bins used here: 0..10 kHz. */
    private static final int KL = (K - 1) / STRIDE + 1;
    /** Frames per block of work. */
    static final int BLOCK = 16;
    /** Entries of the table of starting phases. */
    private static final int PHASES = 4_096;
    /** Length of a frame's window buffer. */
    private static final int SPAN = 2 * HALF_WINDOW + 1;

    private static final float[][] WINDOWS = new float[HOP_DEN][SPAN];
    /** Magnitude at {@link #LOW_RATE} of a signal whose 44.1 kHz magnitude is 1. */
    private static final float LEVEL = (float) LOW_RATE / SpectrogramParams.SAMPLE_RATE;

    static {
        SingleThreadedFft.upTo(SpectrogramParams.N_FFT); // the frames are already spread over the cores
        for (int d = 0; d < HOP_DEN; d++) {
            double delta = d / (double) HOP_DEN;
            for (int j = 0; j < SPAN; j++) {
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
     * @param threads    threads to use, this one included (the result is the same for any number)
     * @param progress   told the fraction done, from 0 to 1, or null
     * @return {@code (frames - 1) * 441} samples
     */
    public static float[] reconstruct(float[][] magnitudes, int iterations, long seed, int threads,
            DoubleConsumer progress) {
        int frames = magnitudes.length;
        if (frames < 2) {
            return new float[0];
        }
        int lowLength = start(frames - 1) + SPAN + 1 + ORIGIN;
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
        final int blocks;
        final float[] signal;
        final float[] inverseNorm;
        /** Each block's overlap-add, from {@code start(first frame)} on. */
        final float[][] partial;
        /** The target magnitudes at their latest phases: [frame][2k], [2k+1] (re, im). */
        final float[][] spectra;
        final float[][] previous; // last rebuilt spectrum, for the momentum
        final ExecutorService pool;
        final int helpers;

        Plan(int frames, int length, int threads) {
            this.frames = frames;
            this.length = length;
            this.blocks = (frames + BLOCK - 1) / BLOCK;
            this.helpers = Math.max(0, Math.min(threads, blocks) - 1);
            this.signal = new float[length];
            this.partial = new float[blocks][];
            for (int b = 0; b < blocks; b++) {
                int last = Math.min(frames, (b + 1) * BLOCK) - 1;
                partial[b] = new float[start(last) - start(b * BLOCK) + SPAN];
            }
            this.spectra = new float[frames][2 * KL];
            this.previous = new float[frames][2 * KL];
            this.inverseNorm = new float[length];
            float[] norm = new float[length];
            for (int t = 0; t < frames; t++) {
                float[] w = WINDOWS[fraction(t)];
                int s = start(t);
                for (int j = 0; j < SPAN; j++) {
                    norm[s + j] += w[j] * w[j];
                }
            }
            // Where fewer windows overlap (the first and last half window) dividing by their small sum
            // made a spike that set the clip's level; there the sound fades in and out instead.
            float full = 0;
            for (float n : norm) {
                full = Math.max(full, n);
            }
            for (int i = 0; i < length; i++) {
                inverseNorm[i] = full > 0 ? 1f / Math.max(norm[i], full / 2) : 0f;
            }
            this.pool = helpers > 0 ? Executors.newFixedThreadPool(helpers, r -> {
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
            float[][] mags = new float[frames][KL];
            for (int t = 0; t < frames; t++) {
                int n = Math.min(KL, (magnitudes[t].length + STRIDE - 1) / STRIDE);
                for (int k = 0; k < n; k++) {
                    mags[t][k] = magnitudes[t][STRIDE * k] * LEVEL;
                }
            }
            // Random starting phases, from a table of 4096 evenly spaced ones (their precision does not matter).
            float[] cos = new float[PHASES];
            float[] sin = new float[PHASES];
            for (int p = 0; p < PHASES; p++) {
                cos[p] = (float) Math.cos(2 * Math.PI * p / PHASES);
                sin[p] = (float) Math.sin(2 * Math.PI * p / PHASES);
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (int t = 0; t < frames; t++) {
                float[] m = mags[t];
                float[] s = spectra[t];
                for (int k = 0; k < KL; k++) {
                    int p = random.nextInt(PHASES);
                    s[2 * k] = m[k] * cos[p];
                    s[2 * k + 1] = m[k] * sin[p];
                }
            }
            float keep = (float) (SpectrogramParams.MOMENTUM / (1 + SpectrogramParams.MOMENTUM));
            for (int it = 0; it < iterations; it++) {
                inverse();
                final boolean first = it == 0;
                inBlocks((b, fft, buffer) -> {
                    for (int t = b * BLOCK; t < Math.min(frames, (b + 1) * BLOCK); t++) {
                        forward(t, fft, buffer);
                        float[] m = mags[t];
                        float[] s = spectra[t];
                        float[] prev = previous[t];
                        buffer[1] = 0f; // the Nyquist bin, not DC's imaginary part
                        if (first) {
                            for (int k = 0, i = 0; k < KL; k++, i += 2) {
                                float re = buffer[i];
                                float im = buffer[i + 1];
                                prev[i] = re;
                                prev[i + 1] = im;
                                float g = m[k] / ((float) Math.sqrt(re * re + im * im) + 1e-16f);
                                s[i] = re * g;
                                s[i + 1] = im * g;
                            }
                        } else {
                            for (int k = 0, i = 0; k < KL; k++, i += 2) {
                                float re = buffer[i];
                                float im = buffer[i + 1];
                                float ar = re - keep * prev[i];
                                float ai = im - keep * prev[i + 1];
                                prev[i] = re;
                                prev[i + 1] = im;
                                float g = m[k] / ((float) Math.sqrt(ar * ar + ai * ai) + 1e-16f);
                                s[i] = ar * g;
                                s[i + 1] = ai * g;
                            }
                        }
                    }
                });
                if (progress != null) {
                    progress.accept((it + 1) / (double) (iterations + 1));
                }
            }
            inverse();
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
            for (int j = 0; j < SPAN; j++) {
                buffer[j] = signal[s + j] * w[j];
            }
            Arrays.fill(buffer, SPAN, N, 0f);
            fft.realForward(buffer);
        }

        /** {@link #signal} := least-squares overlap-add of the frames {@link #spectra}. */
        void inverse() {
            inBlocks((b, fft, buffer) -> {
                float[] part = partial[b];
                Arrays.fill(part, 0f);
                int origin = start(b * BLOCK);
                for (int t = b * BLOCK; t < Math.min(frames, (b + 1) * BLOCK); t++) {
                    System.arraycopy(spectra[t], 0, buffer, 0, 2 * KL);
                    buffer[1] = 0f; // the Nyquist bin (10240 Hz) is above 10 kHz
                    Arrays.fill(buffer, 2 * KL, N, 0f);
                    fft.realInverse(buffer, true);
                    float[] w = WINDOWS[fraction(t)];
                    int s = start(t) - origin;
                    for (int j = 0; j < SPAN; j++) {
                        part[s + j] += buffer[j] * w[j];
                    }
                }
            });
            Arrays.fill(signal, 0f);
            for (int b = 0; b < blocks; b++) { // in block order, whichever thread did the block
                float[] part = partial[b];
                int origin = start(b * BLOCK);
                for (int j = 0; j < part.length; j++) {
                    signal[origin + j] += part[j];
                }
            }
            for (int i = 0; i < length; i++) {
                signal[i] *= inverseNorm[i];
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

        interface BlockWork {
            void block(int b, FloatFFT_1D fft, float[] buffer);
        }

        private final ThreadLocal<FloatFFT_1D> ffts = ThreadLocal.withInitial(() -> new FloatFFT_1D(N));
        private final ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[N]);

        /** Runs {@code work} on every block, on this thread and the helpers, each taking the next block free. */
        void inBlocks(BlockWork work) {
            AtomicInteger next = new AtomicInteger();
            Runnable loop = () -> {
                FloatFFT_1D fft = ffts.get();
                float[] buffer = buffers.get();
                for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                    work.block(b, fft, buffer);
                }
            };
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < helpers; i++) {
                jobs.add(pool.submit(loop));
            }
            loop.run();
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
