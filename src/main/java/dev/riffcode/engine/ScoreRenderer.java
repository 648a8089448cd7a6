package dev.riffcode.engine;

/**
 * Renders one score, block after block, on a single thread. Implementations allocate nothing per
 * block and never block: the same renderer can feed a real-time audio callback.
 */
public interface ScoreRenderer {

    /**
     * Writes the next {@code frames} frames (exactly the block size given at creation) into
     * {@code left} and {@code right}, replacing what was there. The output is raw: the caller
     * puts it through a {@link MasterSection}.
     */
    void render(float[] left, float[] right);

    /** Frames rendered so far. */
    long position();

    /** True when every note has finished and nothing more is scheduled (effect tails may still ring). */
    boolean scoreFinished();

    /**
     * From now on the renderer may hand some of a block's independent jobs to {@code share}, where a thread that
     * waits for its blocks can take them. Called before the first block; the output stays the same.
     */
    default void shareWith(WorkShare share) {
    }
}
