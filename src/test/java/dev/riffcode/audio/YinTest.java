package dev.riffcode.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YinTest {
    private final Yin yin = new Yin(Signals.RATE);

    @ParameterizedTest
    @ValueSource(doubles = {50, 55, 73.42, 110, 196, 261.63, 440, 523.25, 987.77, 1500, 2000})
    void sineFrequencyWithinHalfAPercent(double freq) {
        Yin.Pitch p = yin.detect(Signals.sine(freq, 0.5, 0.2), 500, 4096);
        assertEquals(freq, p.frequency(), freq * 0.005);
        assertTrue(p.isPeriodic(), "aperiodicity " + p.aperiodicity());
        System.out.printf("YIN sine %.2f Hz: error %+.4f%%%n", freq, 100 * (p.frequency() / freq - 1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {50, 55, 110, 220, 440, 1000, 2000})
    void richTonesAreNotTakenForTheirHarmonics(double freq) {
        Yin.Pitch saw = yin.detect(Signals.saw(freq, 0.3, 0.2), 500, 4096);
        Yin.Pitch square = yin.detect(Signals.square(freq, 0.3, 0.2), 500, 4096);
        assertEquals(freq, saw.frequency(), freq * 0.005);
        assertEquals(freq, square.frequency(), freq * 0.005);
        assertTrue(saw.isPeriodic() && square.isPeriodic());
    }

    @Test
    void otherSampleRate() {
        Yin yin48 = new Yin(48000, 50, 1000);
        Yin.Pitch p = yin48.detect(Signals.saw(123.47, 0.3, 0.2, 48000), 0, 4096);
        assertEquals(123.47, p.frequency(), 123.47 * 0.005);
    }

    @Test
    void noiseIsAperiodic() {
        Yin.Pitch p = yin.detect(Signals.noiseBurst(0.5, 0.2, 10, 7), 0, 4096);
        assertFalse(p.isPeriodic());
        assertTrue(p.aperiodicity() > 0.3, "aperiodicity " + p.aperiodicity());
    }

    @Test
    void silenceHasNoPitch() {
        Yin.Pitch p = yin.detect(new float[5000], 0, 4096);
        assertTrue(Double.isNaN(p.frequency()));
        assertFalse(p.isPeriodic());
    }

    @Test
    void rejectsSegmentsTooShortForTheLowestFrequency() {
        assertThrows(IllegalArgumentException.class, () -> yin.detect(new float[5000], 0, 1000));
        assertThrows(IllegalArgumentException.class, () -> yin.detect(new float[5000], 2000, 4096));
        assertThrows(IllegalArgumentException.class, () -> new Yin(44100, 100, 50));
    }
}
