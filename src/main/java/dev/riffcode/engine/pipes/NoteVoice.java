package dev.riffcode.engine.pipes;

import dev.riffcode.engine.dsp.Adsr;
import dev.riffcode.engine.dsp.SvfFilter;
import dev.riffcode.score.NoteEvent;

/**
 * One sounding note: a mono source, an optional low-pass, Sonic Pi's ADSR, then amp and an
 * equal-power pan into its bus. Subclasses only say how the source sounds.
 */
abstract class NoteVoice extends Voice {

    /** Level of a voice at amp=1 before panning: leaves headroom for chords and layers. */
    static final float VOICE_GAIN = 0.35f;
    /** Shortest attack and release, so no note starts or stops with a click. */
    static final double MIN_ATTACK = 0.001;
    static final double MIN_RELEASE = 0.003;

    private final float gainL;
    private final float gainR;
    private final Adsr envelope;
    private final SvfFilter filter;

    NoteVoice(NoteEvent note, int sampleRate) {
        super(note.bus());
        double angle = (note.pan() + 1) * Math.PI / 4;
        float gain = (float) (note.amp() * VOICE_GAIN);
        gainL = (float) Math.cos(angle) * gain;
        gainR = (float) Math.sin(angle) * gain;
        envelope = new Adsr(sampleRate);
        envelope.setParams(Math.max(MIN_ATTACK, note.attack()), note.decay(), note.sustain(),
                Math.max(MIN_RELEASE, note.release()), note.sustainLevel());
        envelope.trigger();
        if (note.cutoffHz() > 0) {
            filter = new SvfFilter(sampleRate);
            filter.setMode(SvfFilter.Mode.LOWPASS);
            filter.setCutoff(note.cutoffHz());
            filter.setResonance(note.res());
        } else {
            filter = null;
        }
    }

    /** Writes n frames of the raw source into buf[off..off+n). */
    abstract void source(float[] buf, int off, int n);

    @Override
    final boolean render(float[] scratch, float[] busL, float[] busR, int blockSize) {
        int off = startOffset;
        startOffset = 0;
        int n = blockSize - off;
        source(scratch, off, n);
        if (filter != null) {
            filter.process(scratch, off, n);
        }
        envelope.processMultiply(scratch, off, n);
        float l = gainL;
        float r = gainR;
        for (int i = off; i < blockSize; i++) {
            float s = scratch[i];
            busL[i] += s * l;
            busR[i] += s * r;
        }
        return !envelope.isFinished();
    }

    static double hz(double midi) {
        return 440.0 * Math.pow(2, (midi - 69) / 12.0);
    }
}
