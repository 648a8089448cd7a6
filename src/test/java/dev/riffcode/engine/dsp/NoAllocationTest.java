package dev.riffcode.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-block methods must not allocate: checked with the JVM's per-thread byte counter. */
class NoAllocationTest {

    static final double SR = 44100;

    final float[] a = new float[256];
    final float[] b = new float[256];
    final float[] freq = new float[256];
    final float[] cut = new float[256];

    final WavetableOscillator saw = new WavetableOscillator(SR, WavetableOscillator.Shape.SAW);
    final WavetableOscillator pulse = new WavetableOscillator(SR, WavetableOscillator.Shape.PULSE);
    final Noise white = new Noise(Noise.Color.WHITE, 1);
    final Noise pink = new Noise(Noise.Color.PINK, 1);
    final Adsr adsr = new Adsr(SR);
    final GateEnvelope gate = new GateEnvelope(SR);
    final SvfFilter svf = new SvfFilter(SR);
    final OnePole onePole = new OnePole(SR, OnePole.Mode.HIGHPASS, 100);
    final DcBlocker dc = new DcBlocker(SR);
    final KarplusStrong ks = new KarplusStrong(SR, 40, 1);
    final DelayLine delay = new DelayLine(10000);
    final SafetyLimiter limiter = new SafetyLimiter(SR);

    void oneRound(int i) {
        java.util.Arrays.fill(freq, 100 + i % 5000);
        java.util.Arrays.fill(cut, 50 + i % 15000);
        saw.setFrequency(100 + i);
        saw.process(a, 0, 256);
        saw.processAdd(a, 0, 256, 0.5f);
        saw.processModulated(b, 0, 256, freq, 0);
        pulse.processAdd(a, 0, 256, 0.1f);
        a[0] += saw.next();
        white.processAdd(a, 0, 256, 0.1f);
        pink.process(b, 0, 256);
        if (i % 50 == 0) {
            adsr.setParams(0.01, 0.02, 0.03, 0.04, 0.5);
            adsr.trigger();
            gate.gateOn();
            ks.pluck(0.5f);
        }
        if (i % 50 == 25) {
            adsr.release();
            gate.gateOff();
        }
        adsr.processMultiply(a, 0, 256);
        gate.processMultiply(b, 0, 256);
        gate.next();
        svf.setCutoff(200 + i);
        svf.process(a, 0, 256);
        svf.processModulated(b, 0, 256, cut, 0);
        onePole.process(a, 0, 256);
        dc.process(b, 0, 256);
        ks.processAdd(a, 0, 256, 0.5f);
        delay.processFeedback(a, 0, 256, 3000.5f + i, 0.4f, 1f, 0.5f);
        delay.process(b, 0, 256, 12.5f);
        limiter.process(a, b, 0, 256);
        limiter.lastGainReductionDb();
    }

    @Test
    void perBlockMethodsDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        for (int i = 0; i < 20000; i++) {
            oneRound(i); // warm up so the JIT has settled
        }
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 2000; i++) {
            oneRound(i);
        }
        long after = mx.getThreadAllocatedBytes(id);
        assertEquals(0, after - before, "bytes allocated by per-block calls");
    }
}
