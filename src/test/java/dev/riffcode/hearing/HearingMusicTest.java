package dev.riffcode.hearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.score.Score;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.Scripts;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The hearing report of pieces the engine renders from scripts whose tempo, metre and notes are
 * known: the drum patterns the offline generator writes, a waltz, melodies in a known key.
 */
class HearingMusicTest {

    /**
     * A drum part (its own thread) from a 16-step pattern (x kick, s snare, h hat) at {@code bpm},
     * {@code bars} bars.
     */
    private static String drums(int bpm, String pattern, int bars) {
        return "use_bpm(" + bpm + ")\n"
                + "@in_thread\n"
                + "def drums():\n"
                + "    for bar in range(" + bars + "):\n"
                + "        for hit in \"" + pattern + "\":\n"
                + "            if hit == 'x':\n"
                + "                sample('bd_haus', amp=0.9)\n"
                + "            elif hit == 's':\n"
                + "                sample('sn_dolf', amp=0.7)\n"
                + "            elif hit == 'h':\n"
                + "                sample('hat', amp=0.4)\n"
                + "            sleep(" + (4.0 / pattern.length()) + ")\n";
    }

    private static HearingReport hear(String code) {
        Score score = Scripts.score(code);
        AudioClip mix = Render.score(score, OptionalDouble.empty(), 44_100);
        AudioClip pitched = score.pitchedOnly().notes().size() == score.notes().size() ? null
                : Render.score(score.pitchedOnly(), OptionalDouble.of(mix.durationSeconds()), 44_100);
        return Hearing.analyze(mix, pitched);
    }

    private static void assertTempo(double expected, HearingReport r, String what) {
        assertTrue(r.tempoBpm() != null, what + ": no beat heard");
        assertEquals(expected, r.tempoBpm(), expected * 0.01, what + ": " + r.lines());
    }

    @Test
    void technoKickOnEveryBeatWithASnareEveryOtherIsHeardAtItsTempo() {
        // The offline generator's techno pattern: the snare falls on a sixteenth before the beat.
        assertTempo(128, hear(drums(128, "x-h-x-hsx-h-x-hs", 8)), "techno at 128");
    }

    @Test
    void eighthNoteHatsDoNotDoubleTheTempo() {
        assertTempo(96, hear(drums(96, "x-h-s-h-x-h-s-h-", 6)), "rock beat at 96 with eighth hats");
        assertTempo(84, hear(drums(84, "x-h-s-h-x-hxs-h-", 6)), "hip hop at 84");
    }

    @Test
    void aWaltzIsInThreeAndAMarchInFour() {
        String waltz = "use_bpm(150)\n"
                + "for bar in range(12):\n"
                + "    sample('bd_haus', amp=1.0)\n"
                + "    play('C3', synth='pluck', amp=0.5, release=0.3)\n"
                + "    sleep(1)\n"
                + "    for _ in range(2):\n"
                + "        sample('hat', amp=0.3)\n"
                + "        play(['E4', 'G4'], synth='pluck', amp=0.2, release=0.2)\n"
                + "        sleep(1)\n";
        HearingReport three = hear(waltz);
        assertTempo(150, three, "waltz");
        assertEquals(3, three.beatsPerBar(), "waltz: " + three.lines());
        HearingReport four = hear(waltz.replace("range(2)", "range(3)"));
        assertTempo(150, four, "the same in four");
        assertEquals(4, four.beatsPerBar(), "four: " + four.lines());
    }

    @Test
    void aMelodyInAMinorIsHeardInAMinorWithItsNotes() {
        // A natural minor, the tonic and its triad stressed (long, and at the phrase ends).
        String code = "use_bpm(100)\n"
                + "tune = [('A3',2),('C4',1),('E4',1),('D4',0.5),('C4',0.5),('B3',1),('A3',2),('G3',1),('F3',1),\n"
                + "        ('E3',2),('A3',1),('C4',1),('B3',0.5),('D4',0.5),('E4',1),('A3',3)]\n"
                + "for n, d in tune:\n"
                + "    play(n, synth='tri', sustain=d * 0.5, release=d * 0.3)\n"
                + "    sleep(d * 0.6)\n";
        HearingReport r = hear(code);
        assertEquals("A minor", r.key(), r.lines().toString());
        assertEquals(List.of("C", "D", "E", "F", "G", "A", "B"), r.pitchClasses(), r.lines().toString());
    }

    @Test
    void aMelodyOverDrumsKeepsItsKeyAndTheDrumsTempo() {
        // D major over a drum loop (the notes and the key are heard in the pitched parts alone).
        String code = drums(110, "x-h-s-h-x-h-s-h-", 4) + "\n"
                + "@in_thread\n"
                + "def melody():\n"
                + "    for n in ['D4','F#4','A4','D5','C#5','A4','B4','G4','F#4','E4','D4','A3','D4','F#4','E4','D4']:\n"
                + "        play(n, synth='sine', sustain=0.3, release=0.2)\n"
                + "        sleep(0.5)\n";
        HearingReport r = hear(code);
        assertEquals("D major", r.key(), r.lines().toString());
        assertEquals(List.of("C#", "D", "E", "F#", "G", "A", "B"), r.pitchClasses(), r.lines().toString());
        assertTempo(110, r, "drums and melody");
    }
}
