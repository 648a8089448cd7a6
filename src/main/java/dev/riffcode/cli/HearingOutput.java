package dev.riffcode.cli;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.engine.OfflineRender;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.SynthBackend;
import dev.riffcode.hearing.Hearing;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.score.Score;
import java.util.OptionalDouble;

/** The hearing report after a render or a generate: made from the audio (and its score), printed short. */
final class HearingOutput {

    private HearingOutput() {
    }

    /**
     * Listens to {@code audio}. When the score has unpitched notes (drums), the notes and key come
     * from its pitched parts rendered alone, so drum sounds are not reported as notes.
     */
    static HearingReport analyze(AudioClip audio, Score score, SynthBackend backend) {
        AudioClip pitched = null;
        if (score != null && score.pitchedOnly().notes().size() != score.notes().size()) {
            Score tonal = score.pitchedOnly();
            double seconds = Math.min(Hearing.MAX_PITCH_SECONDS, Math.max(0.5, audio.durationSeconds()));
            pitched = new AudioClip(audio.sampleRate(), new OfflineRender(backend, RenderSettings.of(audio.sampleRate()))
                    .toArrays(tonal, OptionalDouble.of(seconds)));
        }
        return Hearing.analyze(audio, pitched);
    }

    static void print(Console console, HearingReport report) {
        console.info("Heard:");
        for (String line : report.lines()) {
            console.info("  " + line);
        }
    }
}
