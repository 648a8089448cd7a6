package dev.riffcode.llm.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.llm.PitchCheck;
import dev.riffcode.llm.Templates;
import dev.riffcode.music.Scales;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.Score;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.Scripts;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The offline generator: it reads the prompt, its code runs, and it sounds like what was asked. */
class OfflineComposerTest {

    /** The promised output ceiling, -0.3 dBFS, worked out here rather than read from the limiter. */
    private static final double CEILING = Math.pow(10, -0.3 / 20);

    private final OfflineComposer composer = new OfflineComposer(new Templates(Path.of("templates")));

    @Test
    void sameSeedSameScriptAndItSaysItIsOffline() {
        String a = composer.compose("a dreamy melody", 5);
        assertEquals(a, composer.compose("a dreamy melody", 5));
        assertNotEquals(a, composer.compose("a dreamy melody", 6));
        assertTrue(a.startsWith("# Written by Riffcode's offline generator (no language model was used)."), a);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a folk tune that only uses A, B, C#, F# and G",
        "dark techno at 128 bpm with a driving bass",
        "an airy ambient pad in D dorian",
        "lo-fi hip hop beat with piano chords",
        "a bright arpeggio over chords in E major, short",
        "distorted lead riff and drums",
        "a gentle lullaby on bells",
        "dub reggae bassline with echo",
        "noise texture and a drone, 20 seconds",
        "something"})
    void everyPromptGivesAScriptThatRunsAndSounds(String prompt) {
        String code = composer.compose(prompt, 1);
        Score score = Scripts.score(code);
        assertFalse(score.isSilent(), prompt);
        AudioClip clip = Render.score(score, OptionalDouble.of(Math.min(12, score.lengthSeconds())), 44_100);
        assertTrue(Levels.rmsDbfs(clip) > -45, prompt + ": " + Levels.rmsDbfs(clip) + " dBFS\n" + code);
        assertTrue(Levels.peak(clip) <= CEILING, prompt + " peaks at " + Levels.peakDbfs(clip) + " dBFS");
    }

    @Test
    void allowedNotesAreTheOnlyNotesInEveryPart() {
        String prompt = "a folk song with bass and chords that only uses A, B, C#, F# and G";
        String code = composer.compose(prompt, 3);
        Score score = Scripts.score(code);
        Set<Integer> allowed = Set.of(9, 11, 1, 6, 7);
        for (NoteEvent n : score.pitchedOnly().notes()) {
            assertTrue(allowed.contains(Math.floorMod((int) Math.round(n.note()), 12)), "note " + n.note() + " in\n" + code);
        }
        PitchCheck.Constraint c = PitchCheck.fromPrompt(prompt).orElseThrow();
        AudioClip pitched = Render.score(score.pitchedOnly(), OptionalDouble.empty(), 44_100);
        PitchCheck.Finding f = PitchCheck.check(c, score, pitched);
        assertTrue(f.ok(), "heard " + f.heard() + ", wrong " + f.wrong());
        assertTrue(score.notes().stream().map(NoteEvent::synth).distinct().count() >= 2, "several voices");
    }

    @Test
    void aKeyInThePromptSetsTheNotes() {
        Score score = Scripts.score(composer.compose("a melody and bass in C# dorian", 2));
        Set<Integer> dorian = new TreeSet<>(Scales.pitchClasses(1, "dorian"));
        for (NoteEvent n : score.notes()) {
            assertTrue(dorian.contains(Math.floorMod((int) Math.round(n.note()), 12)), "note " + n.note());
        }
    }

    @Test
    void tempoLengthAndPartsFollowThePrompt() {
        String code = composer.compose("a 30 seconds song with drums and a bass at 90 bpm", 1);
        assertTrue(code.contains("use_bpm(90)"), code);
        assertTrue(code.contains("def drums():") && code.contains("def bass():"), code);
        Score score = Scripts.score(code);
        assertEquals(32, score.lengthSeconds(), 2.5, "30 s rounds up to whole bars at 90 bpm");
        assertTrue(score.notes().stream().anyMatch(n -> n.synth().equals("kick")));
    }

    @Test
    void moodsShapeTheSound() {
        String dark = composer.compose("a dark bass and melody", 4);
        String bright = composer.compose("a bright bass and melody", 4);
        assertTrue(dark.contains("cutoff=65") && bright.contains("cutoff=80"), dark + "\n" + bright);
        assertTrue(composer.compose("an airy melody", 4).contains("with_fx(\"reverb\""));
        assertTrue(composer.compose("a dub melody", 4).contains("with_fx(\"echo\""));
    }

    @Test
    void wordsInsideOtherWordsDoNotCount() {
        PromptFeatures f = PromptFeatures.read("a tune that goes somewhere", 1);
        assertFalse(f.parts().contains("drums"), "'hat' in 'that' is not a hi-hat: " + f.parts());
    }
}
