package dev.riffcode.engine.realtime;

/**
 * Where the audio thread's blocks go: a sound card, or a clock that stands in for one. {@link #write} blocks until
 * the output takes the block, and that wait is what paces the audio thread to real time.
 *
 * <p>{@link #write} is called by the audio thread only; the other methods may be called from any thread.
 */
public interface AudioOutput extends AutoCloseable {

    /** What plays the sound, for the terminal: a device's name, or "virtual clock". */
    String name();

    int sampleRate();

    /**
     * Plays {@code frames} frames of {@code left} and {@code right} (full scale ±1), blocking until the output has
     * taken them all. Allocates nothing.
     */
    void write(float[] left, float[] right, int frames);

    /** Blocks until everything written has been heard (about {@link #latencyFrames()} long); audio thread only. */
    void drain();

    /** Frames written but not yet heard: what sits in the device's buffer now. */
    int latencyFrames();

    /** Times the output ran dry, because a block came too late, since it was opened. */
    long underruns();

    @Override
    void close();
}
