package dev.riffcode.llm.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.hearing.Hearing;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.llm.Templates;
import dev.riffcode.picture.Picture;
import dev.riffcode.picture.PictureFeatures;
import dev.riffcode.picture.TestPictures;
import dev.riffcode.score.Score;
import dev.riffcode.testing.Render;
import dev.riffcode.testing.Scripts;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A picture read as music by the offline generator, and heard back: the mapping must show in the audio. */
class PictureMappingTest {

    private static final long SEED = 11;
    private final OfflineComposer composer = new OfflineComposer(new Templates(Path.of("templates")));

    private static PictureFeatures night() throws Exception {
        return Picture.of("night.png", TestPictures.encode(TestPictures.darkBlueSmooth(640, 480), "png")).features();
    }

    private static PictureFeatures field() throws Exception {
        return Picture.of("field.png", TestPictures.encode(TestPictures.brightYellowBusy(640, 480), "png")).features();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3})
    void aDarkBlueSmoothPictureSoundsSlowerMinorAndDarkerThanABrightYellowBusyOne(long seed) throws Exception {
        HearingReport dark = hear(PromptFeatures.read("", seed, night()));
        HearingReport bright = hear(PromptFeatures.read("", seed, field()));
        String both = "\ndark:   " + String.join("\n        ", dark.lines())
                + "\nbright: " + String.join("\n        ", bright.lines());
        System.out.println(both);
        assertTrue(dark.tempoBpm() != null && bright.tempoBpm() != null, both);
        assertTrue(dark.tempoBpm() * 1.5 < bright.tempoBpm(), "slower" + both);
        assertTrue(dark.key().endsWith("minor"), "minor" + both);
        assertTrue(bright.key().endsWith("major"), "major" + both);
        assertTrue(dark.centroidHz() * 2 < bright.centroidHz(), "darker" + both);
        assertTrue(dark.onsetsPerSecond() * 2 < bright.onsetsPerSecond(), "sparser" + both);
    }

    @Test
    void theMappingIsPrintedAndTheWordsWinWhereTheySayOtherwise() throws Exception {
        PromptFeatures alone = PromptFeatures.read("", SEED, night());
        assertEquals("harmonic_minor", alone.scaleName());
        assertEquals("dark", alone.colour());
        assertEquals("sparse", alone.density());
        assertEquals(-1, alone.register());
        assertTrue(alone.bpm() < 90, "slow: " + alone.bpm());
        List<String> lines = alone.pictureMapping();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("brightness 0\\.\\d\\d -> dark timbre, an octave lower"), lines.get(0));
        assertTrue(lines.get(2).matches("dominant hue 2\\d\\d\u00b0 \\(blue\\) -> harmonic_minor"), lines.get(2));
        assertTrue(composer.compose(alone).contains("# The picture, as read:\n#   brightness "));

        PromptFeatures told = PromptFeatures.read("a busy piece at 140 bpm in D major", SEED, night());
        assertEquals(140, told.bpm());
        assertEquals("major", told.scaleName());
        assertEquals("busy", told.density());
        assertEquals("dark", told.colour(), "what the words leave open still comes from the picture");
        assertTrue(told.pictureMapping().get(1).endsWith("(not used: the prompt sets 140 bpm)"), told.pictureMapping().toString());
        assertTrue(told.pictureMapping().get(2).endsWith("(not used: the prompt sets D major)"), told.pictureMapping().toString());
    }

    private HearingReport hear(PromptFeatures f) {
        String code = composer.compose(f);
        Score score = Scripts.score(code);
        double seconds = score.lengthSeconds();
        AudioClip mix = Render.score(score, OptionalDouble.of(seconds), 44_100);
        AudioClip pitched = Render.score(score.pitchedOnly(), OptionalDouble.of(seconds), 44_100);
        return Hearing.analyze(mix, pitched);
    }
}
