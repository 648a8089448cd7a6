package dev.riffcode.samples;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.engine.SampleSource;
import dev.riffcode.score.SampleHit;
import dev.riffcode.score.Score;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Gets a score's samples ready before anything plays: every file it names is decoded (once each, into the library's
 * cache), so a file that is missing or does not decode is an error at the line that played it, not a render that
 * fails half way; and the score is made as long as its samples sound, which only the host can know.
 */
public final class ScoreSamples {

    private ScoreSamples() {
    }

    /**
     * The outcome: the score (with its length) or the first sample that cannot be played.
     *
     * @param failed  the hit that failed, or null
     * @param problem what is wrong with it, or null
     */
    public record Prepared(Score score, SampleHit failed, String problem) {
        public boolean ok() {
            return failed == null;
        }
    }

    public static Prepared prepare(SampleSource source, Score score, int sampleRate) {
        if (score.samples().isEmpty()) {
            return new Prepared(score, null, null);
        }
        Map<String, Double> seconds = new HashMap<>();
        double end = score.lengthSeconds();
        for (SampleHit hit : score.samples()) {
            Double length = seconds.get(hit.name());
            if (length == null) {
                try {
                    AudioClip audio = source.audio(hit.name(), sampleRate);
                    length = audio.durationSeconds();
                } catch (IOException e) {
                    return new Prepared(null, hit, e.getMessage());
                }
                seconds.put(hit.name(), length);
            }
            end = Math.max(end, hit.time() + hit.seconds(length));
        }
        // With live loops the piece is as long as they run; what sounds past that rings out like a note's release.
        return new Prepared(score.liveLoops().isEmpty() ? score.withLength(end) : score, null, null);
    }
}
