package dev.riffcode.engine.dsp;

import java.util.Random;

/**
 * Benchmark for the DSP building blocks. Prints one figure per line as
 * {@code name: value unit}. Run after {@code mvn test-compile} with
 * {@code java -cp target/test-classes:target/classes dev.riffcode.engine.dsp.DspBench}.
 *
 * <p>Timings are best-of-several, since the machine may be shared. Processors get a fresh copy
 * of a noise block each time (the copy costs under 0.1 ns per sample), so no benchmark feeds
 * on its own decaying output and ends up measuring denormals.
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

        for (int i = 0; i < 3; i++) {
            p2Seconds(5); // JIT warm-up
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            best = Math.min(best, p2Seconds(60));
        }
        print("p2_64_saws_resonant_lp_rtf", 60.0 / best, "x");
        print("p2_render_time_60s", best * 1000, "ms");

        float[] buf = new float[BLOCK];
        float[] right = new float[BLOCK];
        float[] src = new float[BLOCK];
        new Noise(Noise.Color.WHITE, 3).process(src, 0, BLOCK);

        for (WavetableOscillator.Shape shape : WavetableOscillator.Shape.values()) {
            WavetableOscillator osc = new WavetableOscillator(SR, shape);
            osc.setFrequency(440);
            print("osc_" + shape.name().toLowerCase() + "_ns_per_sample",
                    time(() -> osc.processAdd(buf, 0, BLOCK, 1e-3f)), "ns");
        }
        WavetableOscillator fm = new WavetableOscillator(SR, WavetableOscillator.Shape.SAW);
        float[] freq = new float[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            freq[i] = (float) (440 * Math.pow(2, Math.sin(i * 0.05)));
        }
        print("osc_saw_modulated_ns_per_sample",
                time(() -> fm.processModulatedAdd(buf, 0, BLOCK, freq, 0, 1e-3f)), "ns");

        SvfFilter svf = new SvfFilter(SR);
        svf.setResonance(0.5);
        print("svf_ns_per_sample", time(() -> {
            System.arraycopy(src, 0, buf, 0, BLOCK);
            svf.process(buf, 0, BLOCK);
        }), "ns");
        float[] cut = new float[BLOCK];
        Random rnd = new Random(1);
        for (int i = 0; i < BLOCK; i++) {
            cut[i] = 200 + 5000 * rnd.nextFloat();
        }
        print("svf_modulated_ns_per_sample", time(() -> {
            System.arraycopy(src, 0, buf, 0, BLOCK);
            svf.processModulated(buf, 0, BLOCK, cut, 0);
        }), "ns");

        Noise white = new Noise(Noise.Color.WHITE, 1);
        Noise pink = new Noise(Noise.Color.PINK, 1);
        print("noise_white_ns_per_sample", time(() -> white.process(buf, 0, BLOCK)), "ns");
        print("noise_pink_ns_per_sample", time(() -> pink.process(buf, 0, BLOCK)), "ns");

        Adsr adsr = new Adsr(SR);
        int[] adsrBlocks = {0};
        print("adsr_multiply_ns_per_sample", time(() -> {
            // Retrigger every 0.5 s so ramps and the flat sustain are both measured.
            if (adsrBlocks[0]++ % 86 == 0) {
                adsr.setParams(0.05, 0.1, 0.25, 0.1, 0.7);
                adsr.trigger();
            }
            System.arraycopy(src, 0, buf, 0, BLOCK);
            adsr.processMultiply(buf, 0, BLOCK);
        }), "ns");
        GateEnvelope gate = new GateEnvelope(SR);
        int[] gateBlocks = {0};
        print("gate_envelope_multiply_ns_per_sample", time(() -> {
            // Gate on for 1 s, off for 1 s: every stage gets measured.
            int b = gateBlocks[0]++;
            if (b % 172 == 0) {
                if ((b / 172) % 2 == 0) {
                    gate.gateOn();
                } else {
                    gate.gateOff();
                }
            }
            System.arraycopy(src, 0, buf, 0, BLOCK);
            gate.processMultiply(buf, 0, BLOCK);
        }), "ns");

        KarplusStrong ks = new KarplusStrong(SR, 40, 1);
        ks.setFrequency(110);
        ks.setDecay(60);
        ks.pluck(0.5f);
        print("karplus_strong_ns_per_sample", time(() -> ks.process(buf, 0, BLOCK)), "ns");
        DelayLine delay = new DelayLine(44100);
        print("delay_feedback_ns_per_sample", time(() -> {
            System.arraycopy(src, 0, buf, 0, BLOCK);
            delay.processFeedback(buf, 0, BLOCK, 13000.5f, 0.5f, 1f, 0.5f);
        }), "ns");
        OnePole onePole = new OnePole(SR, OnePole.Mode.LOWPASS, 50);
        print("one_pole_ns_per_sample", time(() -> {
            System.arraycopy(src, 0, buf, 0, BLOCK);
            onePole.process(buf, 0, BLOCK);
        }), "ns");
        DcBlocker dc = new DcBlocker(SR);
        print("dc_blocker_ns_per_sample", time(() -> {
            System.arraycopy(src, 0, buf, 0, BLOCK);
            dc.process(buf, 0, BLOCK);
        }), "ns");
        SafetyLimiter lim = new SafetyLimiter(SR);
        float[] loud = new float[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            loud[i] = 4 * src[i];
        }
        print("limiter_ns_per_stereo_frame", time(() -> {
            System.arraycopy(loud, 0, buf, 0, BLOCK);
            System.arraycopy(loud, 0, right, 0, BLOCK);
            lim.process(buf, right, 0, BLOCK);
        }), "ns");

        print("saw_3520hz_aliasing", WavetableOscillatorTest.sawAliasingDb(SR), "dB");
        print("saw_worst_aliasing_30hz_to_18khz", worstSawAliasingDb(), "dB");
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
            System.out.println(); // keeps the result alive
        }
        return (t1 - t0) / 1e9;
    }

    /** Best of five 2 M-sample passes after a 2 M-sample warm-up. */
    static double time(Runnable block) {
        int blocks = 2_000_000 / BLOCK;
        for (int i = 0; i < blocks; i++) {
            block.run();
        }
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 5; pass++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < blocks; i++) {
                block.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / (double) blocks / BLOCK);
        }
        return best;
    }

    /** Worst saw aliasing over exact-bin frequencies from 30 Hz to 18 kHz. */
    static double worstSawAliasingDb() {
        int n = WavetableOscillatorTest.N;
        double worst = -999;
        for (double fb = 45; fb < 27000; fb *= 1.11) {
            int bin = ((int) fb) | 1;
            WavetableOscillator osc = new WavetableOscillator(SR, WavetableOscillator.Shape.SAW);
            osc.setFrequency(SR * bin / n);
            float[] x = WavetableOscillatorTest.render(osc, n);
            worst = Math.max(worst, Analysis.aliasingDbExactBins(x, bin));
        }
        return worst;
    }
}
