package dev.riffcode.audio;

/**
 * A block of audio in memory: a sample rate and one {@code float} array per channel, all of the
 * same length, full scale at &plusmn;1.0.
 *
 * <p>The arrays are shared, not copied: a clip is a view on its data, and equality is identity of
 * the arrays (as for any record holding arrays).
 *
 * @param sampleRate frames per second, positive
 * @param channels {@code channels[c][frame]}; at least one channel
 */
public record AudioClip(int sampleRate, float[][] channels) {

    /** Checks that the clip is well formed. */
    public AudioClip {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (channels == null || channels.length == 0) {
            throw new IllegalArgumentException("a clip needs at least one channel");
        }
        for (float[] ch : channels) {
            if (ch == null || ch.length != channels[0].length) {
                throw new IllegalArgumentException("all channels must have the same length");
            }
        }
    }

    /** A one-channel clip. */
    public static AudioClip mono(int sampleRate, float[] samples) {
        return new AudioClip(sampleRate, new float[][] {samples});
    }

    /** Number of channels. */
    public int channelCount() {
        return channels.length;
    }

    /** Number of frames (samples per channel). */
    public int frames() {
        return channels[0].length;
    }

    /** Length in seconds. */
    public double durationSeconds() {
        return frames() / (double) sampleRate;
    }

    /** The channels averaged into one (the array itself if the clip is mono). */
    public float[] toMono() {
        return Levels.mixToMono(this);
    }
}
