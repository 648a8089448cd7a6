package dev.riffcode.engine;

/**
 * Sample rate and block size for a render. Events are sample-accurate whatever the block size.
 */
public record RenderSettings(int sampleRate, int blockSize) {

    public static final int DEFAULT_BLOCK = 256;

    public RenderSettings {
        if (sampleRate != 44_100 && sampleRate != 48_000) {
            throw new IllegalArgumentException("sample rate must be 44100 or 48000, got " + sampleRate);
        }
        if (blockSize < 16 || blockSize > 8192) {
            throw new IllegalArgumentException("block size must be 16..8192, got " + blockSize);
        }
    }

    public static RenderSettings of(int sampleRate) {
        return new RenderSettings(sampleRate, DEFAULT_BLOCK);
    }

    public long frames(double seconds) {
        return Math.round(seconds * sampleRate);
    }
}
