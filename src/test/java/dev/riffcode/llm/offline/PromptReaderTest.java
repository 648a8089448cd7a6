package dev.riffcode.llm.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.hearing.Hearing;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.llm.PitchCheck;
import dev.riffcode.llm.Templates;
import dev.riffcode.music.PromptLanguage;
import dev.riffcode.score.Score;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.Scripts;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The prompt reader in English and Spanish: the same request in both languages gives the same
 * constraints, and the offline generator's answer is checked by listening to it.
 */
class PromptReaderTest {

    private static final long SEED = 11;

    /** What must agree between the two languages: everything but the prompt text itself. */
    private static List<Object> constraints(PromptFeatures f) {
        return List.of(f.bpm(), f.rootPc(), f.scaleName(), f.pitchClasses(), f.notesGiven(), f.keyGiven(), f.parts(),
                f.moods(), f.bars(), f.beatsPerBar(), String.valueOf(f.askedBpm()), String.valueOf(f.askedSeconds()),
                String.valueOf(f.pace()), String.valueOf(f.colour()), String.valueOf(f.density()), f.unmet().size());
    }

    private static void assertSame(String english, String spanish) {
        PromptFeatures en = PromptFeatures.read(english, SEED);
        PromptFeatures es = PromptFeatures.read(spanish, SEED);
        assertEquals(constraints(en), constraints(es), "\"" + english + "\" and \"" + spanish + "\"");
        assertEquals(PitchCheck.fromPrompt(english).map(PitchCheck.Constraint::pitchClasses),
                PitchCheck.fromPrompt(spanish).map(PitchCheck.Constraint::pitchClasses), "the pitch check's notes");
    }

    private static Set<Integer> pcs(int... values) {
        Set<Integer> out = new TreeSet<>();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    @Test
    void theSameRequestInEnglishAndSpanishGivesTheSameConstraints() {
        assertSame("a melody that only uses D, E, F#, A and B", "una melodía que solo use Re, Mi, Fa#, La y Si");
        assertSame("a sad melody in A minor", "una melodía triste en La menor");
        assertSame("a happy song in F# major at 100 bpm", "una canción alegre en Fa sostenido mayor a 100 bpm");
        assertSame("a slow dark melody in B flat minor", "una melodía lenta y oscura en Si bemol menor");
        assertSame("a waltz in 3/4 in G major", "un vals en 3/4 en Sol mayor");
        assertSame("a fast melody with bass in 6/8", "una melodía rápida con bajo en 6/8");
        assertSame("a drum solo at 300 bpm", "un solo de batería a 300 bpm");
        assertSame("a calm piano piece for 3 hours", "una pieza de piano tranquila de tres horas");
    }

    @Test
    void whatEachRequestMeans() {
        PromptFeatures notes = PromptFeatures.read("una melodía que solo use Re, Mi, Fa#, La y Si", SEED);
        assertEquals(pcs(2, 4, 6, 9, 11), notes.pitchClasses(), "D E F# A B, no C or G");
        assertTrue(notes.notesGiven());
        PromptFeatures sad = PromptFeatures.read("una melodía triste en La menor", SEED);
        assertEquals(9, sad.rootPc());
        assertEquals("minor", sad.scaleName());
        assertEquals("dark", sad.colour());
        PromptFeatures sharp = PromptFeatures.read("Fa# mayor, por favor, con bajo y melodía", SEED);
        assertEquals(6, sharp.rootPc());
        assertEquals("major", sharp.scaleName());
        assertEquals(3, PromptFeatures.read("a waltz", SEED).beatsPerBar());
        assertEquals(3, PromptFeatures.read("something in 6/8", SEED).beatsPerBar());
        assertEquals(4, PromptFeatures.read("a march", SEED).beatsPerBar());
        assertEquals(List.of("drums"), PromptFeatures.read("only drums please", SEED).parts());
        assertEquals(List.of("drums"), PromptFeatures.read("solo batería, rápido", SEED).parts());
        assertEquals(List.of("bass"), PromptFeatures.read("just the bass", SEED).parts());
        assertEquals(List.of("chords"), PromptFeatures.read("a piano solo", SEED).parts());
        assertEquals("slow", PromptFeatures.read("algo muy lento", SEED).pace());
        assertEquals(60, PromptFeatures.read("algo muy lento", SEED).bpm());
    }

    @Test
    void spanishWordsThatAreNotNotesStayWords() {
        // "la" (the), "mi" (my), "si" (if) in lower case are words, not A, E and B.
        String english = PromptLanguage.toEnglish("si puedes, toca la melodía de mi canción");
        assertTrue(!english.contains(" A ") && !english.contains("B ") && !english.contains(" E "), english);
        assertEquals("a piano piece in C", PromptLanguage.toEnglish("a piano piece in C"), "English is left alone");
        assertTrue(PromptFeatures.read("do a waltz, re-do it", SEED).pitchClasses().size() >= 5,
                "English \"do\" and \"re\" are not notes");
    }

    @Test
    void anAskThatCannotBeHonouredIsSaidPlainly() {
        PromptFeatures fast = PromptFeatures.read("a drum solo at 300 bpm", SEED);
        assertEquals(List.of("drums"), fast.parts(), "a solo is one part");
        assertEquals(220, fast.bpm());
        assertEquals(1, fast.unmet().size());
        assertTrue(fast.unmet().get(0).contains("300 bpm is outside the offline generator's range (40 to 220 bpm)"),
                fast.unmet().toString());
        PromptFeatures long3h = PromptFeatures.read("una pieza de tres horas", SEED);
        assertEquals(10_800.0, long3h.askedSeconds());
        assertEquals(64, long3h.bars());
        assertTrue(long3h.unmet().get(0).startsWith("3 h is longer than the offline generator writes"), long3h.unmet().toString());
        assertTrue(PromptFeatures.read("a melody at 120 bpm for 20 seconds", SEED).unmet().isEmpty());
    }

    // ---- the offline generator's answers, heard -------------------------------------------------

    private static HearingReport hear(String prompt) {
        String code = new OfflineComposer(Templates.locate()).compose(prompt, SEED);
        Score score = Scripts.score(code);
        AudioClip mix = Render.score(score, OptionalDouble.empty(), 44_100);
        AudioClip pitched = score.pitchedOnly().notes().isEmpty() ? null
                : Render.score(score.pitchedOnly(), OptionalDouble.of(mix.durationSeconds()), 44_100);
        return Hearing.analyze(mix, pitched);
    }

    private static Set<Integer> heardPcs(HearingReport r) {
        Set<Integer> out = new TreeSet<>();
        for (String name : r.pitchClasses()) {
            out.add(dev.riffcode.music.Notes.pitchClass(name));
        }
        return out;
    }

    @Test
    void theOfflineAnswerToASpanishNoteListPlaysOnlyThoseNotes() {
        HearingReport r = hear("una melodía que solo use Re, Mi, Fa#, La y Si");
        assertTrue(pcs(2, 4, 6, 9, 11).containsAll(heardPcs(r)), "heard " + r.pitchClasses());
        assertTrue(heardPcs(r).size() >= 4, "the melody uses the notes: " + r.pitchClasses());
    }

    /** Every ask of the prompt, checked in the audio of the offline generator's answer, must be met. */
    private static List<AskCheck.Result> allMet(String prompt, int atLeast) {
        HearingReport r = hear(prompt);
        List<AskCheck.Result> asks = AskCheck.check(PromptFeatures.read(prompt, SEED), r);
        assertTrue(asks.size() >= atLeast, prompt + ": only " + asks);
        for (AskCheck.Result ask : asks) {
            assertTrue(ask.met(), prompt + ": " + ask.line() + "\n" + String.join("\n", r.lines()));
        }
        return asks;
    }

    @Test
    void theOfflineAnswerToLaMenorIsInAMinorAndDark() {
        allMet("una melodía triste en La menor", 2);
    }

    @Test
    void theOfflineWaltzIsInThreeAtItsTempo() {
        List<AskCheck.Result> asks = allMet("un vals con batería a 150 bpm", 2);
        assertTrue(asks.get(0).heard().matches("heard 1[45]\\d\\.\\d bpm"), "at the tempo itself: " + asks.get(0).line());
    }

    @Test
    void theOfflineDrumSoloIsDrumsAloneAtTheFastestItCanPlay() {
        PromptFeatures f = PromptFeatures.read("un solo de batería a 300 bpm", SEED);
        assertTrue(Scripts.score(new OfflineComposer(Templates.locate()).compose(f)).pitchedOnly().notes().isEmpty(),
                "drums only");
        assertTrue(PitchCheck.fromPrompt("un solo de batería a 300 bpm").isEmpty());
        allMet("un solo de batería a 300 bpm", 1);
    }

    @Test
    void aSlowShortSpanishRequestIsSlowAndKeepsItsLength() {
        allMet("una melodía muy lenta de 20 segundos en Re mayor", 3);
    }

    @Test
    void askCheckSaysWhatIsMissed() {
        HearingReport fast = dev.riffcode.hearing.Hearing.analyze(
                dev.riffcode.hearing.HearingTest.blips(10, 0.4, 4, 0));
        List<AskCheck.Result> asks = AskCheck.check(PromptFeatures.read("a slow waltz at 100 bpm", SEED), fast);
        assertEquals(List.of("✗ tempo 100 bpm: heard 150.0 bpm", "✗ slow: heard 150.0 bpm (fast)",
                "✗ a bar in three: heard in four"), asks.stream().map(AskCheck.Result::line).toList());
        assertTrue(AskCheck.tempoMatches(128, 64.5) && AskCheck.tempoMatches(128, 131)
                && !AskCheck.tempoMatches(128, 132.5) && !AskCheck.tempoMatches(128, 96));
    }
}
