package dev.riffcode.engine;

import dev.riffcode.score.Score;

/** A synthesis engine that can play any score made from the {@link dev.riffcode.score.Catalog}. */
public interface SynthBackend {

    /** A human-readable name, e.g. for the README and {@code --version}. */
    String name();

    /** A renderer for a score that plays no sample files. */
    default ScoreRenderer open(Score score, RenderSettings settings) {
        return open(score, settings, SampleSource.NONE);
    }

    /** A renderer for a score, with the audio of the samples it names from {@code samples}. */
    ScoreRenderer open(Score score, RenderSettings settings, SampleSource samples);

    /**
     * A renderer for one part of a score (a stem): only what {@code strand} ("main", a live_loop's or an in_thread's
     * name) played sounds, set up exactly as in {@link #open} (the same seeds, every effect), so the parts' outputs
     * add up to the whole score's wherever the effects are linear.
     */
    ScoreRenderer openPart(Score score, RenderSettings settings, SampleSource samples, String strand);

    /** A renderer for live play: music arrives while it plays (see {@link LiveRenderer}). */
    LiveRenderer openLive(RenderSettings settings);
}
