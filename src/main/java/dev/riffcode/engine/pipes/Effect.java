package dev.riffcode.engine.pipes;

import dev.riffcode.score.FxBus;
import org.jaudiolibs.pipes.units.Chorus;
import org.jaudiolibs.pipes.units.Delay;
import org.jaudiolibs.pipes.units.Freeverb;
import org.jaudiolibs.pipes.units.IIRFilter;
import org.jaudiolibs.pipes.units.Overdrive;

/**
 * One {@code with_fx} bus: a JAudioLibs Pipes unit with our dry/wet mix and output level around it. In live play an
 * effect that a new version keeps takes the new version's values by gliding to them (never a jump, so never a
 * click) while its state, such as a reverb's tail, carries on.
 */
final class Effect {

    /** How long a changed value takes to reach its new setting. */
    static final double GLIDE_SECONDS = 0.05;

    private final String kind;
    private final PipesStereo pipes;
    private final Pipes units;
    private final int glideBlocks;
    /** The effect's own values (mix, amp and the unit's), as now, as wanted, and the step per block towards it. */
    private final double[] now;
    private final double[] target;
    private final double[] step;
    private int glideLeft;
    private float dry;
    private float wet;
    private float amp;
    /** The gains the last block ended with: a glide ramps from them sample by sample, so a change never clicks. */
    private float lastDry = Float.NaN;
    private float lastWet;

    /** The Pipes unit(s) of one effect and how its values reach them. */
    private interface Pipes {
        /** Applies the values (index 0 mix, 1 amp, then the kind's own) to the units. */
        void apply(double[] values, Effect effect);
    }

    private Effect(String kind, PipesStereo pipes, Pipes units, double[] values, int sampleRate, int block) {
        this.kind = kind;
        this.pipes = pipes;
        this.units = units;
        this.now = values.clone();
        this.target = values.clone();
        this.step = new double[values.length];
        this.glideBlocks = (int) Math.max(1, Math.round(GLIDE_SECONDS * sampleRate / block));
        units.apply(now, this);
    }

    static Effect create(FxBus fx, int sampleRate, int block) {
        double[] v = valuesFor(fx, sampleRate);
        return switch (fx.kind()) {
            case "reverb" -> {
                Freeverb verb = new Freeverb();
                verb.width(1).wet(1).dry(0);
                yield new Effect(fx.kind(), PipesStereo.stereo(sampleRate, block, verb), (x, e) -> {
                    verb.roomSize(x[2]).damp(x[3]);
                    e.mix(1 - x[0], x[0], x[1]);
                }, v, sampleRate, block);
            }
            case "echo" -> {
                Delay left = new Delay().level(1).passthrough(false);
                Delay right = new Delay().level(1).passthrough(false);
                yield new Effect(fx.kind(), PipesStereo.dualMono(sampleRate, block, left, right), (x, e) -> {
                    double phase = x[2];
                    // Feedback that fades the repeats by 60 dB over `decay` seconds.
                    double feedback = x[3] <= 0 ? 0 : Math.min(0.95, Math.pow(0.001, phase / x[3]));
                    left.time(phase).feedback(feedback);
                    right.time(phase).feedback(feedback);
                    e.mix(1, x[0], x[1]);
                }, v, sampleRate, block);
            }
            case "lpf", "hpf" -> {
                IIRFilter.Type type = fx.kind().equals("lpf") ? IIRFilter.LP12 : IIRFilter.HP12;
                IIRFilter left = new IIRFilter().type(type);
                IIRFilter right = new IIRFilter().type(type);
                yield new Effect(fx.kind(), PipesStereo.dualMono(sampleRate, block, left, right), (x, e) -> {
                    left.frequency(x[2]).resonance(x[3]);
                    right.frequency(x[2]).resonance(x[3]);
                    e.mix(1 - x[0], x[0], x[1]);
                }, v, sampleRate, block);
            }
            case "distortion" -> {
                Overdrive left = new Overdrive();
                Overdrive right = new Overdrive();
                yield new Effect(fx.kind(), PipesStereo.dualMono(sampleRate, block, left, right), (x, e) -> {
                    left.drive(x[2]);
                    right.drive(x[2]);
                    e.mix(1 - x[0], x[0], x[1]);
                }, v, sampleRate, block);
            }
            case "chorus" -> {
                Chorus left = new Chorus().feedback(0);
                Chorus right = new Chorus().feedback(0);
                yield new Effect(fx.kind(), PipesStereo.dualMono(sampleRate, block, left, right), (x, e) -> {
                    left.rate(x[2]).depth(x[3]);
                    right.rate(x[2] * 1.1).depth(x[3]);
                    e.mix(1 - x[0], x[0], x[1]);
                }, v, sampleRate, block);
            }
            default -> throw new IllegalArgumentException("no effect named " + fx.kind());
        };
    }

    /**
     * The values an effect is driven by: mix, amp, then the kind's own two, in the units' terms. Worked out off the
     * audio thread, for {@link #create} and {@link #glideTo}.
     */
    static double[] valuesFor(FxBus fx, int sampleRate) {
        double mix = fx.param("mix", 1);
        double amp = fx.param("amp", 1);
        return switch (fx.kind()) {
            case "reverb" -> new double[] {mix, amp, fx.param("room", 0.6), fx.param("damp", 0.5)};
            case "echo" -> new double[] {mix, amp, Math.min(2, fx.param("phase", 0.25)), fx.param("decay", 2)};
            case "lpf", "hpf" -> new double[] {mix, amp, Math.min(fx.param("cutoff", 1000), 0.45 * sampleRate),
                fx.param("res", 0.1) * 20};
            case "distortion" -> new double[] {mix, amp, fx.param("distort", 0.5), 0};
            case "chorus" -> new double[] {mix, amp, fx.param("rate", 0.5), fx.param("depth", 0.4)};
            default -> throw new IllegalArgumentException("no effect named " + fx.kind());
        };
    }

    private void mix(double dryGain, double wetGain, double level) {
        dry = (float) dryGain;
        wet = (float) wetGain;
        amp = (float) level;
    }

    String kind() {
        return kind;
    }

    /**
     * Glides to another version's values of the same kind of effect; its state (a reverb's tail, an echo's
     * repeats) carries on. Called on the audio thread.
     */
    void glideTo(double[] values) {
        for (int i = 0; i < now.length; i++) {
            target[i] = values[i];
            step[i] = (values[i] - now[i]) / glideBlocks;
        }
        glideLeft = glideBlocks;
    }

    /** Processes a bus in place: {@code left/right} in, effect output (mixed, scaled) out. */
    void process(float[] left, float[] right, int n) {
        if (glideLeft > 0) {
            glideLeft--;
            for (int i = 0; i < now.length; i++) {
                now[i] = glideLeft == 0 ? target[i] : now[i] + step[i];
            }
            units.apply(now, this);
        }
        pipes.process(left, right);
        float[] wl = pipes.left();
        float[] wr = pipes.right();
        float d = dry * amp;
        float w = wet * amp;
        if (Float.isNaN(lastDry) || (lastDry == d && lastWet == w)) {
            for (int i = 0; i < n; i++) {
                left[i] = left[i] * d + wl[i] * w;
                right[i] = right[i] * d + wr[i] * w;
            }
        } else {
            float dStep = (d - lastDry) / n;
            float wStep = (w - lastWet) / n;
            for (int i = 0; i < n; i++) {
                float di = lastDry + dStep * (i + 1);
                float wi = lastWet + wStep * (i + 1);
                left[i] = left[i] * di + wl[i] * wi;
                right[i] = right[i] * di + wr[i] * wi;
            }
        }
        lastDry = d;
        lastWet = w;
    }
}
