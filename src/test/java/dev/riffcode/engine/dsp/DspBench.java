package dev.riffcode.engine.dsp;

import java.util.Random;

/**
 * Benchmark for the DSP building blocks. Prints one figure per line as
 * {@code name: value unit}. Run after {@code mvn test-compile} with
 * {@code java -cp target/test-classes:target/classes dev.riffcode.engine.dsp.DspBench}.
 */
public final class DspBench {

    static final double SR = 44100;
    static final int BLOCK = 256;

    private DspBench() {
    }

    public static void main(String[] args) {
        long b0 = System.nanoTime();
        Wavetables.shared();
        print("wavetables_first_use_build", (System.nanoTime() - b0) / 1e6, "ms");
        // Warm up the JIT on every measured path before timing.
        for (int i = 0; i < 3; i++) {
            p2Seconds(5);
            oscNsPerSample(WavetableOscillator.Shape.SAW, 2_000_000);
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            best = Math.min(best, p2Seconds(60));
        }
        print("p2_64_saws_resonant_lp_rtf", 60.0 / best, "x");
        print("p2_render_time_60s", best * 1000, "ms");
        print("osc_saw_ns_per_sample", oscNsPerSample(WavetableOscillator.Shape.SAW, 20_000_000), "ns");
        print("osc_sine_ns_per_sample", oscNsPerSample(WavetableOscillator.Shape.SINE, 20_000_000), "ns");
        print("osc_pulse_ns_per_sample", oscNsPerSample(WavetableOscillator.Shape.PULSE, 20_000_000), "ns");
        print("osc_saw_modulated_ns_per_sample", modulatedNsPerSample(10_000_000), "ns");
        print("svf_ns_per_sample", svfNsPerSample(false, 20_000_000), "ns");
        print("svf_modulated_ns_per_sample", svfNsPerSample(true, 10_000_000), "ns");
        print("saw_3520hz_aliasing", WavetableOscillatorTest.sawAliasingDb(SR), "dB");
    }

    static void print(String name, double value, String unit) {
        System.out.printf("%s: %.3f %s%n", name, value, unit);
    }

    /** P2: 64 saws at fixed pseudo-random 100..1000 Hz, summed, one resonant low-pass at 2 kHz. */
    static double p2Seconds(double seconds) {
        Random rnd = new Random(42);
        WavetableOscillator[] osc = new WavetableOscillator[64];
        for (int i = 0; i < osc.length; i++) {
            osc[i] = new WavetableOscillator(SR, WavetableOscillator.Shape.SAW);
            osc[i].setFrequency(100 + 900 * rnd.nextDouble());
        }
        SvfFilter lp = new SvfFilter(SR);
        lp.setCutoff(2000);
        lp.setResonance(0.7);
        lp.reset();
        float[] bus = new float[BLOCK];
        long frames = (long) (seconds * SR);
        float gain = 1f / 64;
        double sink = 0;
        long t0 = System.nanoTime();
        for (long done = 0; done < frames; done += BLOCK) {
            java.util.Arrays.fill(bus, 0f);
            for (WavetableOscillator o : osc) {
                o.processAdd(bus, 0, BLOCK, gain);
            }
            lp.process(bus, 0, BLOCK);
            sink += bus[7];
        }
        long t1 = System.nanoTime();
        if (sink == 12345) {
            System.out.println();
        }
        return (t1 - t0) / 1e9;
    }

    static double oscNsPerSample(WavetableOscillator.Shape shape, int samples) {
        WavetableOscillator o = new WavetableOscillator(SR, shape);
        o.setFrequency(440);
        float[] buf = new float[BLOCK];
        long t0 = System.nanoTime();
        for (int done = 0; done < samples; done += BLOCK) {
            o.processAdd(buf, 0, BLOCK, 0.001f);
        }
        long t1 = System.nanoTime();
        if (buf[3] == 12345) {
            System.out.println();
        }
        return (t1 - t0) / (double) samples;
    }

    static double modulatedNsPerSample(int samples) {
        WavetableOscillator o = new WavetableOscillator(SR, WavetableOscillator.Shape.SAW);
        float[] buf = new float[BLOCK];
        float[] freq = new float[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            freq[i] = (float) (440 * Math.pow(2, Math.sin(i * 0.05)));
        }
        for (int warm = 0; warm < 2; warm++) {
            long t0 = System.nanoTime();
            for (int done = 0; done < samples; done += BLOCK) {
                o.processModulated(buf, 0, BLOCK, freq, 0);
            }
            long t1 = System.nanoTime();
            if (warm == 1) {
                return (t1 - t0) / (double) samples;
            }
        }
        return 0;
    }

    static double svfNsPerSample(boolean modulated, int samples) {
        SvfFilter f = new SvfFilter(SR);
        f.setResonance(0.5);
        float[] buf = new float[BLOCK];
        float[] cut = new float[BLOCK];
        Random rnd = new Random(1);
        for (int i = 0; i < BLOCK; i++) {
            cut[i] = 200 + 5000 * rnd.nextFloat();
        }
        for (int warm = 0; warm < 2; warm++) {
            long t0 = System.nanoTime();
            for (int done = 0; done < samples; done += BLOCK) {
                buf[0] = 1f;
                if (modulated) {
                    f.processModulated(buf, 0, BLOCK, cut, 0);
                } else {
                    f.process(buf, 0, BLOCK);
                }
            }
            long t1 = System.nanoTime();
            if (warm == 1) {
                return (t1 - t0) / (double) samples;
            }
        }
        return 0;
    }
}
