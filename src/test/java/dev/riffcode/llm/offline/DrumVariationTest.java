package dev.riffcode.llm.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Onsets;
import dev.riffcode.hearing.Hearing;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.llm.Templates;
import dev.riffcode.score.Score;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.Scripts;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The offline drum solo changes with the seed, and keeps what was asked: its tempo, one part. */
class DrumVariationTest {

    private static final String PROMPT = "a drum solo at 140 bpm";
    private final OfflineComposer composer = new OfflineComposer(new Templates(Path.of("templates")));

    @Test
    void twoSeedsPlayDifferentOnsetsAtTheAskedTempo() {
        Heard a = hear(1);
        Heard b = hear(2);
        String both = "\nseed 1: " + a.steps() + " " + a.report().tempoBpm() + " bpm\nseed 2: " + b.steps() + " "
                + b.report().tempoBpm() + " bpm";
        System.out.println(both);
        for (Heard h : List.of(a, b)) {
            assertEquals(140, h.report().tempoBpm(), 140 * 0.03, "the asked tempo" + both);
        }
        Set<Integer> onlyOne = new TreeSet<>(a.steps());
        onlyOne.addAll(b.steps());
        Set<Integer> shared = new TreeSet<>(a.steps());
        shared.retainAll(b.steps());
        onlyOne.removeAll(shared);
        // Over four bars (64 sixteenths), at least eight steps sound in one solo and not in the other.
        assertTrue(onlyOne.size() >= 8, "different onsets: " + onlyOne + both);
    }

    @Test
    void theGrooveStaysAndOnlyFreeStepsGetHits() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 200; i++) {
            String groove = "x-h-s-h-x-x-s-h-";
            String varied = OfflineComposer.varied(groove, random);
            for (int step = 0; step < groove.length(); step++) {
                char was = groove.charAt(step);
                if (was != '-' && was != 'h') {
                    assertEquals(was, varied.charAt(step), "the kick and backbeat stay: " + varied);
                }
            }
        }
    }

    /** The sixteenth steps of the first four bars with an onset heard, and the whole report. */
    private record Heard(Set<Integer> steps, HearingReport report) {
    }

    private Heard hear(long seed) {
        PromptFeatures f = PromptFeatures.read(PROMPT, seed);
        assertEquals(List.of("drums"), f.parts());
        Score score = Scripts.score(composer.compose(f));
        AudioClip mix = Render.score(score, OptionalDouble.of(score.lengthSeconds()), 44_100);
        double sixteenth = 60 / 140.0 / 4;
        Set<Integer> steps = new TreeSet<>();
        for (double t : Onsets.detect(mix)) {
            long step = Math.round(t / sixteenth);
            if (step < 64 && Math.abs(t - step * sixteenth) < sixteenth / 3) {
                steps.add((int) step);
            }
        }
        return new Heard(steps, Hearing.analyze(mix));
    }
}
