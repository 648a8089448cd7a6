package dev.riffcode.engine.pipes;

import java.nio.FloatBuffer;
import java.util.List;
import org.jaudiolibs.audioservers.AudioConfiguration;
import org.jaudiolibs.pipes.Pipe;
import org.jaudiolibs.pipes.client.PipesAudioClient;

/**
 * Runs a JAudioLibs Pipes unit (or one per channel) on our blocks: a {@link PipesAudioClient}
 * with two inputs and two outputs is the way Pipes graphs are driven, so we feed it our stereo
 * buffers and read its outputs back, a fixed block at a time. Allocation-free after construction.
 */
final class PipesStereo {

    private final PipesAudioClient client;
    private final int block;
    private final float[] inL;
    private final float[] inR;
    private final float[] outL;
    private final float[] outR;
    private final List<FloatBuffer> inputs;
    private final List<FloatBuffer> outputs;
    private final long blockNanos;
    private long time;

    /** A stereo unit with two sources and two sinks (Freeverb). */
    static PipesStereo stereo(int sampleRate, int block, Pipe unit) {
        PipesStereo p = new PipesStereo(sampleRate, block);
        unit.addSource(p.client.getSource(0));
        unit.addSource(p.client.getSource(1));
        p.client.getSink(0).addSource(unit);
        p.client.getSink(1).addSource(unit);
        p.configure(sampleRate);
        return p;
    }

    /** Two mono units, one per channel (Delay, Overdrive, IIRFilter, Chorus). */
    static PipesStereo dualMono(int sampleRate, int block, Pipe left, Pipe right) {
        PipesStereo p = new PipesStereo(sampleRate, block);
        left.addSource(p.client.getSource(0));
        right.addSource(p.client.getSource(1));
        p.client.getSink(0).addSource(left);
        p.client.getSink(1).addSource(right);
        p.configure(sampleRate);
        return p;
    }

    private PipesStereo(int sampleRate, int block) {
        this.block = block;
        this.client = new PipesAudioClient(block, 2, 2);
        inL = new float[block];
        inR = new float[block];
        outL = new float[block];
        outR = new float[block];
        inputs = List.of(FloatBuffer.wrap(inL), FloatBuffer.wrap(inR));
        outputs = List.of(FloatBuffer.wrap(outL), FloatBuffer.wrap(outR));
        blockNanos = Math.round(block * 1e9 / sampleRate);
        time = blockNanos;
    }

    private void configure(int sampleRate) {
        try {
            client.configure(new AudioConfiguration(sampleRate, 2, 2, block, true));
        } catch (Exception e) {
            throw new IllegalStateException("could not configure the Pipes graph: " + e.getMessage(), e);
        }
    }

    /** Processes one block from {@code left/right} into {@link #left()}/{@link #right()}. */
    void process(float[] left, float[] right) {
        System.arraycopy(left, 0, inL, 0, block);
        System.arraycopy(right, 0, inR, 0, block);
        // Indexed, not for-each: a list's iterator is an allocation whenever the JIT does not inline it away.
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).clear();
        }
        for (int i = 0; i < outputs.size(); i++) {
            outputs.get(i).clear();
        }
        client.process(time, inputs, outputs, block);
        time += blockNanos;
    }

    float[] left() {
        return outL;
    }

    float[] right() {
        return outR;
    }
}
