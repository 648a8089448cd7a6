package dev.riffcode.engine.pipes;

import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.SampleSource;
import dev.riffcode.engine.ScoreRenderer;
import dev.riffcode.engine.SynthBackend;
import dev.riffcode.engine.dsp.Wavetables;
import dev.riffcode.score.Score;

/**
 * The first synthesis backend: JAudioLibs Pipes (from the PraxisLIVE live-coding IDE) for the
 * effects (Freeverb, Delay, IIRFilter, Overdrive, Chorus) driven through its PipesAudioClient,
 * and Riffcode's own DSP blocks for what Pipes lacks or does less well: band-limited wavetable
 * oscillators, state-variable filters, envelopes, noise, Karplus-Strong, drums.
 */
public final class PipesBackend implements SynthBackend {

    private final long seed;

    public PipesBackend() {
        this(0);
    }

    /** @param seed seeds every noise source and oscillator phase, so renders are repeatable */
    public PipesBackend(long seed) {
        this.seed = seed;
    }

    @Override
    public String name() {
        return "JAudioLibs Pipes 2.0.0 (effects, routing) + Riffcode DSP (band-limited oscillators, SVF, envelopes)";
    }

    @Override
    public ScoreRenderer open(Score score, RenderSettings settings, SampleSource samples) {
        return new PipesScoreRenderer(score, settings, Wavetables.shared(), seed, samples, null);
    }

    @Override
    public ScoreRenderer openPart(Score score, RenderSettings settings, SampleSource samples, String strand) {
        return new PipesScoreRenderer(score, settings, Wavetables.shared(), seed, samples, strand);
    }

    @Override
    public dev.riffcode.engine.LiveRenderer openLive(RenderSettings settings) {
        return new PipesLiveRenderer(settings, Wavetables.shared(), seed);
    }
}
