package dev.riffcode.ui.scope;

/** Where the scopes get their sound: the live audio, or a render played back at the pace it would be heard. */
interface Feed {

    int sampleRate();

    /** The most frames one copy can fill. */
    int capacity();

    /**
     * Copies the latest frames into the arrays (oldest first, zeros before the sound began) and updates the meter
     * readings; returns the frame position just after the last frame copied.
     */
    long copyLatest(float[] left, float[] right, long nanoTime);

    /** Meter peaks as of the last copy, linear, falling back after a peak. */
    float peakLeft();

    float peakRight();

    /** Whether a sample reached the master ceiling between the last two copies. */
    boolean clipped();
}
