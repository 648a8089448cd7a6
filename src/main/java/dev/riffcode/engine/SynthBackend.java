package dev.riffcode.engine;

import dev.riffcode.score.Score;

/** A synthesis engine that can play any score made from the {@link dev.riffcode.score.Catalog}. */
public interface SynthBackend {

    /** A human-readable name, e.g. for the README and {@code --version}. */
    String name();

    ScoreRenderer open(Score score, RenderSettings settings);

    /** A renderer for live play: music arrives while it plays (see {@link LiveRenderer}). */
    LiveRenderer openLive(RenderSettings settings);
}
