package dev.riffcode.engine.pipes;

/**
 * Something that sounds for a while in one effect bus: a note ({@link NoteVoice}) or a sample
 * ({@link SampleVoice}). Renderers start it on its exact frame and render it block after block.
 */
abstract class Voice {

    /** The effect bus it plays into (0 = main output). */
    final int bus;
    /** Frames to wait inside the first block, for a sample-accurate start. */
    int startOffset;

    Voice(int bus) {
        this.bus = bus;
    }

    /**
     * Adds this voice's next frames into the bus and says whether it is still sounding.
     * {@code scratch} is a block-sized buffer the voice may overwrite. Allocates nothing.
     */
    abstract boolean render(float[] scratch, float[] busL, float[] busR, int blockSize);
}
