package dev.riffcode.engine.pipes;

import dev.riffcode.engine.dsp.DelayLine;
import dev.riffcode.engine.dsp.GateEnvelope;
import dev.riffcode.engine.dsp.Noise;
import dev.riffcode.engine.dsp.SvfFilter;
import dev.riffcode.engine.dsp.WavetableOscillator;
import dev.riffcode.engine.dsp.WavetableOscillator.Shape;
import dev.riffcode.engine.dsp.Wavetables;
import dev.riffcode.score.UnitTypeSpec;
import org.jaudiolibs.pipes.units.Freeverb;
import org.jaudiolibs.pipes.units.Overdrive;

/** The unit generators of the catalogue, one small class each. */
final class GraphUnits {

    private GraphUnits() {
    }

    static GraphUnit create(int id, UnitTypeSpec type, int sampleRate, int block, Wavetables tables, long seed) {
        return switch (type.name()) {
            case "SineOscillator" -> new Osc(id, type, block, sampleRate, tables, Shape.SINE);
            case "SawtoothOscillatorBL" -> new Osc(id, type, block, sampleRate, tables, Shape.SAW);
            case "SquareOscillatorBL" -> new Osc(id, type, block, sampleRate, tables, Shape.SQUARE);
            case "TriangleOscillator" -> new Osc(id, type, block, sampleRate, tables, Shape.TRIANGLE);
            case "WhiteNoise" -> new NoiseUnit(id, type, block, new Noise(Noise.Color.WHITE, seed));
            case "PinkNoise" -> new NoiseUnit(id, type, block, new Noise(Noise.Color.PINK, seed));
            case "FilterLowPass" -> new Filter(id, type, block, sampleRate, SvfFilter.Mode.LOWPASS);
            case "FilterHighPass" -> new Filter(id, type, block, sampleRate, SvfFilter.Mode.HIGHPASS);
            case "FilterBandPass" -> new Filter(id, type, block, sampleRate, SvfFilter.Mode.BANDPASS);
            case "EnvelopeDAHDSR" -> new Envelope(id, type, block, sampleRate);
            case "Add", "Subtract", "Multiply" -> new Arithmetic(id, type, block);
            case "MultiplyAdd" -> new MultiplyAdd(id, type, block);
            case "Pan" -> new Pan(id, type, block);
            case "InterpolatingDelay" -> new Delay(id, type, block, sampleRate);
            case "Reverb" -> new Reverb(id, type, block, sampleRate);
            case "Overdrive" -> new Drive(id, type, block, sampleRate);
            case "LineOut" -> new LineOut(id, type, block);
            default -> throw new IllegalArgumentException("no unit generator " + type.name());
        };
    }

    static final class Osc extends GraphUnit {
        private final WavetableOscillator osc;
        private final InPort frequency;
        private final InPort amplitude;
        private final float[] out;
        /** What the output adds into, looked up once: a map look-up per block was 5% of an oscillator's time. */
        private final float[][] targets;

        Osc(int id, UnitTypeSpec type, int block, int sampleRate, Wavetables tables, Shape shape) {
            super(id, type, block);
            osc = new WavetableOscillator(tables, sampleRate, shape);
            frequency = in("frequency");
            amplitude = in("amplitude");
            out = out("output");
            targets = addTargets("output");
        }

        @Override
        void generate(int n) {
            float[] target = targets[0];
            if (target != null && !frequency.varying() && !amplitude.varying()) {
                // The common case (many oscillators into one filter): one pass, straight into the input.
                osc.setFrequency(frequency.constant());
                osc.processAdd(target, 0, n, amplitude.constant());
                return;
            }
            if (frequency.varying()) {
                osc.processModulated(out, 0, n, frequency.buffer(n), 0);
            } else {
                osc.setFrequency(frequency.constant());
                osc.process(out, 0, n);
            }
            applyAmplitude(out, amplitude, n);
            if (target != null) {
                for (int i = 0; i < n; i++) {
                    target[i] += out[i];
                }
            }
        }

        @Override
        void deliver(int n) {
            // generate() already added into the target
        }
    }

    static final class NoiseUnit extends GraphUnit {
        private final Noise noise;

        NoiseUnit(int id, UnitTypeSpec type, int block, Noise noise) {
            super(id, type, block);
            this.noise = noise;
        }

        @Override
        void generate(int n) {
            float[] out = out("output");
            noise.process(out, 0, n);
            applyAmplitude(out, in("amplitude"), n);
        }
    }

    static final class Filter extends GraphUnit {
        private final SvfFilter filter;

        Filter(int id, UnitTypeSpec type, int block, int sampleRate, SvfFilter.Mode mode) {
            super(id, type, block);
            filter = new SvfFilter(sampleRate);
            filter.setMode(mode);
        }

        @Override
        void generate(int n) {
            float[] out = out("output");
            System.arraycopy(in("input").buffer(n), 0, out, 0, n);
            InPort q = in("Q");
            InPort f = in("frequency");
            float[] cutoffs = f.varying() ? f.buffer(n) : null;
            if (cutoffs == null) {
                filter.setCutoff(f.constant());
            }
            if (!q.varying()) {
                filter.setResonance(qToResonance(q.constant()));
                filter(out, cutoffs, 0, n);
            } else {
                // The resonance is one per call, so the block is cut where Q changes.
                float[] qs = q.buffer(n);
                int from = 0;
                for (int i = 1; i <= n; i++) {
                    if (i == n || qs[i] != qs[from]) {
                        filter.setResonance(qToResonance(qs[from]));
                        filter(out, cutoffs, from, i - from);
                        from = i;
                    }
                }
            }
            applyAmplitude(out, in("amplitude"), n);
        }

        /** Filters frames [from, from + count) at a per-frame cutoff, or the one already set when null. */
        private void filter(float[] out, float[] cutoffs, int from, int count) {
            if (cutoffs != null) {
                filter.processModulated(out, from, count, cutoffs, from);
            } else {
                filter.process(out, from, count);
            }
        }

        /** Inverse of {@link SvfFilter#resonanceToQ(double)}: the unit speaks Q, like JSyn's filters. */
        static double qToResonance(double q) {
            double r = Math.log(Math.max(q, SvfFilter.MIN_Q) / SvfFilter.MIN_Q) / Math.log(SvfFilter.MAX_Q / SvfFilter.MIN_Q);
            return Math.max(0, Math.min(1, r));
        }
    }

    static final class Envelope extends GraphUnit {
        private final GateEnvelope env;
        /** delay, attack, hold, decay, sustain, release: the order of {@link GateEnvelope#setParams}. */
        private final InPort[] params;
        private boolean gate;

        Envelope(int id, UnitTypeSpec type, int block, int sampleRate) {
            super(id, type, block);
            env = new GateEnvelope(sampleRate);
            params = new InPort[] {in("delay"), in("attack"), in("hold"), in("decay"), in("sustain"), in("release")};
        }

        @Override
        void generate(int n) {
            float[] out = out("output");
            InPort g = in("input");
            boolean paramsVary = false;
            for (InPort p : params) {
                paramsVary |= p.varying();
            }
            setParams(0, n);
            int at = 0;
            if (!g.connected() && !paramsVary) {
                for (int e = 0; e < g.edgeCount(); e++) {
                    int i = g.edgeAt(e);
                    env.process(out, at, i - at);
                    at = i;
                    gate = g.edgeOn(e);
                    edge(gate);
                }
            } else {
                // Sample by sample: a gate signal opens above 0.5, and a changed time or level
                // applies from its own frame, so the envelope runs in pieces between the changes.
                float[] sig = g.connected() ? g.buffer(n) : null;
                int e = 0;
                for (int i = 0; i < n; i++) {
                    boolean paramChange = paramsVary && i > 0 && paramsChangeAt(i, n);
                    boolean gateChange = sig != null ? (sig[i] > 0.5f) != gate
                            : e < g.edgeCount() && g.edgeAt(e) == i;
                    if (!paramChange && !gateChange) {
                        continue;
                    }
                    env.process(out, at, i - at);
                    at = i;
                    if (paramChange) {
                        setParams(i, n);
                    }
                    if (sig != null) {
                        gate = !gate;
                        edge(gate);
                    }
                    for (; sig == null && e < g.edgeCount() && g.edgeAt(e) == i; e++) {
                        gate = g.edgeOn(e);
                        edge(gate);
                    }
                }
            }
            env.process(out, at, n - at);
            applyAmplitude(out, in("amplitude"), n);
        }

        private void setParams(int frame, int n) {
            env.setParams(value(params[0], frame, n), value(params[1], frame, n), value(params[2], frame, n),
                    value(params[3], frame, n), value(params[4], frame, n), value(params[5], frame, n));
        }

        private boolean paramsChangeAt(int frame, int n) {
            for (InPort p : params) {
                if (p.varying() && p.buffer(n)[frame] != p.buffer(n)[frame - 1]) {
                    return true;
                }
            }
            return false;
        }

        private static float value(InPort p, int frame, int n) {
            return p.varying() ? p.buffer(n)[frame] : p.constant();
        }

        private void edge(boolean on) {
            if (on) {
                env.gateOn();
            } else {
                env.gateOff();
            }
        }
    }

    static final class Arithmetic extends GraphUnit {
        private final char op;

        Arithmetic(int id, UnitTypeSpec type, int block) {
            super(id, type, block);
            op = switch (type.name()) {
                case "Add" -> '+';
                case "Subtract" -> '-';
                default -> '*';
            };
        }

        @Override
        void generate(int n) {
            float[] a = in("inputA").buffer(n);
            float[] b = in("inputB").buffer(n);
            float[] out = out("output");
            for (int i = 0; i < n; i++) {
                out[i] = op == '+' ? a[i] + b[i] : op == '-' ? a[i] - b[i] : a[i] * b[i];
            }
        }
    }

    static final class MultiplyAdd extends GraphUnit {
        MultiplyAdd(int id, UnitTypeSpec type, int block) {
            super(id, type, block);
        }

        @Override
        void generate(int n) {
            float[] a = in("inputA").buffer(n);
            float[] b = in("inputB").buffer(n);
            float[] c = in("inputC").buffer(n);
            float[] out = out("output");
            for (int i = 0; i < n; i++) {
                out[i] = a[i] * b[i] + c[i];
            }
        }
    }

    static final class Pan extends GraphUnit {
        Pan(int id, UnitTypeSpec type, int block) {
            super(id, type, block);
        }

        @Override
        void generate(int n) {
            float[] in = in("input").buffer(n);
            float[] pan = in("pan").buffer(n);
            float[] left = out("output", 0);
            float[] right = out("output", 1);
            for (int i = 0; i < n; i++) {
                double angle = (Math.max(-1, Math.min(1, pan[i])) + 1) * Math.PI / 4;
                left[i] = (float) (in[i] * Math.cos(angle));
                right[i] = (float) (in[i] * Math.sin(angle));
            }
        }
    }

    static final class Delay extends GraphUnit {
        static final double MAX_SECONDS = 4;
        private final DelayLine line;
        private final int sampleRate;

        Delay(int id, UnitTypeSpec type, int block, int sampleRate) {
            super(id, type, block);
            this.sampleRate = sampleRate;
            line = new DelayLine((int) (MAX_SECONDS * sampleRate) + 4);
        }

        @Override
        void generate(int n) {
            float[] in = in("input").buffer(n);
            float[] delay = in("delay").buffer(n);
            float[] out = out("output");
            for (int i = 0; i < n; i++) {
                line.write(in[i]);
                double d = Math.max(0, Math.min(MAX_SECONDS, delay[i])) * sampleRate;
                out[i] = line.read((float) d);
            }
        }
    }

    /** JAudioLibs Pipes' Freeverb as a unit. Pipes runs whole blocks, so its settings are read once a block. */
    static final class Reverb extends GraphUnit {
        private final Freeverb verb = new Freeverb();
        private final PipesStereo pipes;

        Reverb(int id, UnitTypeSpec type, int block, int sampleRate) {
            super(id, type, block);
            pipes = PipesStereo.stereo(sampleRate, block, verb);
        }

        @Override
        void generate(int n) {
            verb.roomSize(in("room").constant()).damp(in("damp").constant()).wet(in("wet").constant()).dry(in("dry").constant());
            pipes.process(in("input", 0).buffer(n), in("input", 1).buffer(n));
            System.arraycopy(pipes.left(), 0, out("output", 0), 0, n);
            System.arraycopy(pipes.right(), 0, out("output", 1), 0, n);
        }
    }

    /**
     * JAudioLibs Pipes' Overdrive as a unit (run on the left channel of a stereo pair). Pipes runs
     * whole blocks, so the drive is read once a block.
     */
    static final class Drive extends GraphUnit {
        private final Overdrive left = new Overdrive();
        private final PipesStereo pipes;
        private final float[] silence;

        Drive(int id, UnitTypeSpec type, int block, int sampleRate) {
            super(id, type, block);
            pipes = PipesStereo.dualMono(sampleRate, block, left, new Overdrive());
            silence = new float[block];
        }

        @Override
        void generate(int n) {
            left.drive(in("drive").constant());
            pipes.process(in("input").buffer(n), silence);
            System.arraycopy(pipes.left(), 0, out("output"), 0, n);
        }
    }

    /** The main output: what reaches input parts 0 and 1 is mixed into the main bus, left and right. */
    static final class LineOut extends GraphUnit {
        final float[][] mix;

        LineOut(int id, UnitTypeSpec type, int block) {
            super(id, type, block);
            mix = new float[2][block];
        }

        @Override
        void generate(int n) {
            System.arraycopy(in("input", 0).buffer(n), 0, mix[0], 0, n);
            System.arraycopy(in("input", 1).buffer(n), 0, mix[1], 0, n);
        }
    }
}
