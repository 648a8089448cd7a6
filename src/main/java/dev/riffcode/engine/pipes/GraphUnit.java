package dev.riffcode.engine.pipes;

import dev.riffcode.score.PortSpec;
import dev.riffcode.score.UnitTypeSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A unit generator in the JSyn style: named input and output ports, and one
 * {@link #generate(int)} that fills the outputs for a block from the inputs.
 */
abstract class GraphUnit {

    final int id;
    final UnitTypeSpec type;
    private final Map<String, InPort[]> inputs = new HashMap<>();
    private final Map<String, float[][]> outputs = new HashMap<>();
    /** Per output part, an input buffer this unit adds its signal into, or null. */
    private final Map<String, float[][]> addTargets = new HashMap<>();

    GraphUnit(int id, UnitTypeSpec type, int block) {
        this.id = id;
        this.type = type;
        for (PortSpec p : type.ports()) {
            if (p.isInput()) {
                InPort[] parts = new InPort[p.parts()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = new InPort(p.defaultValue(), block);
                }
                inputs.put(p.name(), parts);
            } else {
                outputs.put(p.name(), new float[p.parts()][block]);
                addTargets.put(p.name(), new float[p.parts()][]);
            }
        }
    }

    InPort in(String name) {
        return in(name, 0);
    }

    InPort in(String name, int part) {
        return inputs.get(name)[part];
    }

    float[] out(String name) {
        return out(name, 0);
    }

    float[] out(String name, int part) {
        return outputs.get(name)[part];
    }

    /** From now on this output part is also added into {@code target} (an accumulating input). */
    void addInto(String port, int part, float[] target) {
        addTargets.get(port)[part] = target;
    }

    /** Sends every output part that adds into an input into {@code redirect.apply(thatInput)} instead. */
    void redirectTargets(UnaryOperator<float[]> redirect) {
        for (float[][] targets : addTargets.values()) {
            for (int part = 0; part < targets.length; part++) {
                if (targets[part] != null) {
                    targets[part] = redirect.apply(targets[part]);
                }
            }
        }
    }

    /** True when nothing is connected to any input: what it makes depends on its own settings alone. */
    boolean isSource() {
        for (InPort[] parts : inputs.values()) {
            for (InPort p : parts) {
                if (p.connected()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Per part of an output, the input it adds into or null; the array is updated in place by {@link #addInto}. */
    float[][] addTargets(String port) {
        return addTargets.get(port);
    }

    float[] addTarget(String port, int part) {
        return addTargets.get(port)[part];
    }

    /**
     * Adds each output into its accumulating input. Units that write their targets themselves in
     * the same pass (oscillators) override this to do nothing.
     */
    void deliver(int n) {
        for (Map.Entry<String, float[][]> e : addTargets.entrySet()) {
            float[][] targets = e.getValue();
            for (int part = 0; part < targets.length; part++) {
                float[] target = targets[part];
                if (target != null) {
                    float[] src = outputs.get(e.getKey())[part];
                    for (int i = 0; i < n; i++) {
                        target[i] += src[i];
                    }
                }
            }
        }
    }

    Iterable<InPort[]> allInputs() {
        return inputs.values();
    }

    /** Fills the output ports for n frames. Inputs are ready: gathered, or constant, or changed in-block. */
    abstract void generate(int n);

    /** Scales {@code buf} by a port: a constant multiply or per frame. */
    static void applyAmplitude(float[] buf, InPort amplitude, int n) {
        if (!amplitude.varying()) {
            float a = amplitude.constant();
            if (a != 1f) {
                for (int i = 0; i < n; i++) {
                    buf[i] *= a;
                }
            }
        } else {
            float[] a = amplitude.buffer(n);
            for (int i = 0; i < n; i++) {
                buf[i] *= a[i];
            }
        }
    }
}
