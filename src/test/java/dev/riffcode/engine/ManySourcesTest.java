package dev.riffcode.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.testing.Difference;
import dev.riffcode.testing.Scripts;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * A graph with many sources runs them in groups, each adding into a copy of the input they feed, and the copies are
 * summed afterwards (so either core may run a group): the sum must be the one the sources make. 37 sines of
 * 1/37 each, all at one pitch and one phase, must sound like one sine at full level, before and after a pitch
 * change that reaches every source on its frame.
 */
class ManySourcesTest {

    private static final int SR = 44_100;
    private static final String MANY = """
            lp = FilterLowPass(frequency=8000, Q=0.707)
            oscs = []
            for i in range(37):
                o = SineOscillator(frequency=441, amplitude=1 / 37)
                o.output.connect(lp.input)
                oscs.append(o)
            out(lp, amp=0.5)
            sleep(0.3)
            for o in oscs:
                o.frequency.set(882)
            sleep(0.3)
            """;
    private static final String ONE = """
            lp = FilterLowPass(frequency=8000, Q=0.707)
            o = SineOscillator(frequency=441, amplitude=1)
            o.output.connect(lp.input)
            out(lp, amp=0.5)
            sleep(0.3)
            o.frequency.set(882)
            sleep(0.3)
            """;

    @Test
    void manySourcesSumToWhatOneAtTheirTotalLevelMakes() {
        float[] many = render(MANY, new OfflineRender(new PipesBackend(), RenderSettings.of(SR)));
        float[] one = render(ONE, new OfflineRender(new PipesBackend(), RenderSettings.of(SR)));
        assertTrue(Levels.rms(one) > 0.1, "the single sine is too quiet to compare: " + Levels.rms(one));
        double db = Difference.db(many, one);
        assertTrue(db < -90, "37 sources differ from their sum by " + db + " dB");
    }

    @Test
    void theSameWhicheverThreadRanEachGroup() {
        float[] shared = render(MANY, new OfflineRender(new PipesBackend(), RenderSettings.of(SR)));
        float[] alone = render(MANY, new OfflineRender(new PipesBackend(), RenderSettings.of(SR)).oneThread());
        assertArrayEquals(alone, shared);
    }

    private static float[] render(String code, OfflineRender render) {
        return new AudioClip(SR, render.toArrays(Scripts.score(code), OptionalDouble.of(0.6))).toMono();
    }
}
