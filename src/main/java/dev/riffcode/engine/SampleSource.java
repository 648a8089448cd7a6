package dev.riffcode.engine;

import dev.riffcode.audio.AudioClip;
import java.io.IOException;

/**
 * Where the engine gets the audio of the samples a score names ({@link dev.riffcode.score.SampleHit}). The engine
 * never touches files: the host's sample library finds, decodes and caches them.
 */
public interface SampleSource {

    /** No samples: every name is unknown. */
    SampleSource NONE = (name, rate) -> {
        throw new IOException("no sample named '" + name + "' (no sample folders are set)");
    };

    /**
     * The named sample's audio at {@code sampleRate}, one or two channels. Decoding happens on first use, so call it
     * before the audio thread needs the result.
     *
     * @throws IOException with a message that names the sample and what is wrong
     */
    AudioClip audio(String name, int sampleRate) throws IOException;
}
