package dev.riffcode.engine.realtime;

/**
 * Sees every block exactly as the output gets it (after the master section), on the audio thread. An implementation
 * must return at once: no blocking, no locks, no allocation, no I/O.
 */
public interface AudioTap {

    void onBlock(float[] left, float[] right, int frames);
}
