package dev.riffcode.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.testing.Scripts;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Timed port changes of the unit-generator level (gates, set, ramp; on levels, cutoffs, Q and
 * envelope times) take effect on their exact frame, like notes do (see
 * {@code RenderTest.notesStartOnTheirExactFrame}). Each script is
 * rendered with and without the change: the renders must agree sample for sample up to the
 * change's frame and differ on it. The change falls inside a block, at a different place for each
 * block size, so rounding it to the start of its block, or to the next block, shows.
 */
class UnitEventTimingTest {

    private static final int SR = 44_100;
    /** Seconds into the piece: frame 13230, which is 174 into a 256-frame block and 30 into a 100-frame one. */
    private static final double AT = 0.3;
    /** The default block size, and one that is no power of two. */
    private static final int[] BLOCKS = {RenderSettings.DEFAULT_BLOCK, 100};
    /** A 441 Hz sine is 100 frames a cycle, so at frame 13230 it is 0.3 of a cycle in, well away from zero. */
    private static final String SINE = "osc = SineOscillator(frequency=441, amplitude=%s)\n";
    private static final String SAW_INTO_LOWPASS = """
            saw = SawtoothOscillatorBL(frequency=110, amplitude=0.3)
            lp = FilterLowPass(frequency=200, Q=0.707)
            saw.output.connect(lp.input)
            out(lp)
            """;

    @Test
    void aGateOnStartsItsEnvelopeOnItsFrame() {
        assertFirstAffectedFrame(SINE.formatted(1) + """
                env = EnvelopeDAHDSR(attack=0.01, decay=0.1, sustain=0.8, release=0.1)
                vca = Multiply()
                osc.output.connect(vca.inputA)
                env.output.connect(vca.inputB)
                out(vca)
                """, "env.input.on()");
    }

    @Test
    void aGateOffStartsTheReleaseOnItsFrame() {
        assertFirstAffectedFrame(SINE.formatted(1) + """
                env = EnvelopeDAHDSR(attack=0.01, decay=0.05, sustain=0.8, release=0.1)
                vca = Multiply()
                osc.output.connect(vca.inputA)
                env.output.connect(vca.inputB)
                out(vca)
                env.input.on()
                """, "env.input.off()");
    }

    @Test
    void aSetChangesTheAmplitudeOnItsFrame() {
        assertFirstAffectedFrame(SINE.formatted(0) + "out(osc)\n", "osc.amplitude.set(0.5)");
    }

    @Test
    void aRampStartsMovingOnItsFrame() {
        assertFirstAffectedFrame(SINE.formatted(0.2) + "out(osc)\n", "osc.amplitude.ramp(1, 0.5)");
    }

    @Test
    void aSetOnAFilterFrequencyTakesEffectOnItsFrame() {
        assertFirstAffectedFrame(SAW_INTO_LOWPASS, "lp.frequency.set(3000)");
    }

    @Test
    void aSetOnAFilterQTakesEffectOnItsFrame() {
        assertFirstAffectedFrame(SAW_INTO_LOWPASS, "lp.Q.set(8)");
    }

    @Test
    void aSetOnAnEnvelopeTimeTakesEffectOnItsFrame() {
        // The gate opened at 0 with a 1 s attack; at 0.3 s the rest of the rise is made quicker.
        assertFirstAffectedFrame(SINE.formatted(1) + """
                env = EnvelopeDAHDSR(attack=1, sustain=0.8)
                vca = Multiply()
                osc.output.connect(vca.inputA)
                env.output.connect(vca.inputB)
                out(vca)
                env.input.on()
                """, "env.attack.set(0.4)");
    }

    @Test
    void aFilterSetHoldsAfterItsBlock() {
        // The same step in the cutoff, once as a set on the port and once as a signal into it,
        // must filter alike: the set must not fall back to the old cutoff when the next block starts.
        String stepBySet = SAW_INTO_LOWPASS + "sleep(" + AT + ")\nlp.frequency.set(8000)\nsleep(0.2)\n";
        String stepBySignal = SAW_INTO_LOWPASS + """
                cutoff = MultiplyAdd(inputA=0, inputB=0, inputC=200)
                cutoff.output.connect(lp.frequency)
                sleep(%s)
                cutoff.inputC.set(8000)
                sleep(0.2)
                """.formatted(AT);
        for (int block : BLOCKS) {
            float[] set = render(stepBySet, block);
            float[] signal = render(stepBySignal, block);
            // A port driven by a signal computes its coefficients with a fast tangent: the two
            // differ by far less than this, while a cutoff back at 200 Hz differs by tenths.
            for (int i = 0; i < set.length; i++) {
                assertEquals(signal[i], set[i], 1e-3, "frame " + i + " with " + block + "-frame blocks");
            }
        }
    }

    /**
     * Renders {@code setup}, then at {@link #AT} seconds either {@code change} or nothing, and checks
     * the first frame where the two differ is the change's own.
     */
    private static void assertFirstAffectedFrame(String setup, String change) {
        String head = setup + "sleep(" + AT + ")\n";
        String tail = "sleep(0.2)\n";
        String with = head + change + "\n" + tail;
        String without = head + tail;
        long expected = Math.round(AT * SR);
        for (int block : BLOCKS) {
            assertNotEquals(0, expected % block, "the change must fall inside a block to tell rounding apart");
            float[] changed = render(with, block);
            float[] unchanged = render(without, block);
            assertEquals(expected, firstDifference(changed, unchanged),
                    change + " at " + AT + " s (frame " + expected + ") with " + block + "-frame blocks");
        }
    }

    private static float[] render(String code, int block) {
        float[][] audio = new OfflineRender(new PipesBackend(), new RenderSettings(SR, block))
                .toArrays(Scripts.score(code), OptionalDouble.of(0.5));
        return new AudioClip(SR, audio).toMono();
    }

    /** The first frame at which the two renders differ, or -1 if they never do. */
    private static long firstDifference(float[] a, float[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return -1;
    }
}
