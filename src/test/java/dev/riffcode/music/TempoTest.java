package dev.riffcode.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TempoTest {

    @ParameterizedTest(name = "{0} beats at {1} bpm = {2} s")
    @CsvSource({"1, 60, 1.0", "1, 120, 0.5", "4, 120, 2.0", "0.5, 90, 0.3333333333", "16, 128, 7.5", "0, 100, 0.0"})
    void beatsAndSeconds(double beats, double bpm, double seconds) {
        assertEquals(seconds, Tempo.beatsToSeconds(beats, bpm), 1e-9);
        assertEquals(beats, Tempo.secondsToBeats(seconds, bpm), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -60.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsBadBpm(double bpm) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tempo.beatsToSeconds(1, bpm));
        assertEquals("BPM must be a positive finite number, got " + bpm, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tempo.secondsToBeats(1, bpm));
    }

    @Test
    void rejectsNonFiniteDurations() {
        assertThrows(IllegalArgumentException.class, () -> Tempo.beatsToSeconds(Double.NaN, 120));
        assertThrows(IllegalArgumentException.class, () -> Tempo.secondsToBeats(Double.POSITIVE_INFINITY, 120));
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
        "a chill beat at 90 bpm | 90",
        "90bpm techno | 90",
        "90BPM | 90",
        "house, 124-bpm, four to the floor | 124",
        "tempo 120 | 120",
        "Tempo: 100 | 100",
        "tempo of 72.5 please | 72.5",
        "tempo = 140 | 140",
        "set the tempo to 95. | 95",
        "bpm: 128 | 128",
        "60 beats per minute | 60",
        "tempo around 100 with 3 synths | 100",
        "3 synths, tempo 110, then 90 bpm later | 110",
        "at 0 bpm, no wait, at 85 bpm | 85",
    })
    void findsExplicitBpm(String text, double bpm) {
        assertEquals(OptionalDouble.of(bpm), Tempo.findBpm(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "a slow pad",
        "fast drums",
        "play 4 bars in 7/8",
        "12000 bpm",
        "tempo fast",
        "version 2 of the song",
    })
    void noExplicitBpmMeansEmpty(String text) {
        assertEquals(OptionalDouble.empty(), Tempo.findBpm(text));
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
        "a slow pad | 70",
        "Fast drums | 140",
        "very slow drone | 60",
        "VERY   FAST breakbeat | 170",
        "an allegro melody | 130",
        "andante strings | 90",
        "fast hats over a slow bass | 140",
    })
    void findsTempoWords(String text, double bpm) {
        assertEquals(OptionalDouble.of(bpm), Tempo.findTempoWord(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"slowly fading", "breakfast beats", "at 90 bpm"})
    void tempoWordsMustBeWholeWords(String text) {
        assertEquals(OptionalDouble.empty(), Tempo.findTempoWord(text));
    }
}
