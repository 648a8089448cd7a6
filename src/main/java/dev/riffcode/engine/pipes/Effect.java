package dev.riffcode.engine.pipes;

import dev.riffcode.score.FxBus;
import org.jaudiolibs.pipes.units.Chorus;
import org.jaudiolibs.pipes.units.Delay;
import org.jaudiolibs.pipes.units.Freeverb;
import org.jaudiolibs.pipes.units.IIRFilter;
import org.jaudiolibs.pipes.units.Overdrive;

/**
 * One {@code with_fx} bus: a JAudioLibs Pipes unit with our dry/wet mix and output level around it.
 */
final class Effect {

    private final PipesStereo pipes;
    private final float dry;
    private final float wet;
    private final float amp;

    private Effect(PipesStereo pipes, double dry, double wet, double amp) {
        this.pipes = pipes;
        this.dry = (float) dry;
        this.wet = (float) wet;
        this.amp = (float) amp;
    }

    static Effect create(FxBus fx, int sampleRate, int block) {
        double amp = fx.param("amp", 1);
        double mix = fx.param("mix", 1);
        return switch (fx.kind()) {
            case "reverb" -> {
                Freeverb verb = new Freeverb();
                verb.roomSize(fx.param("room", 0.6)).damp(fx.param("damp", 0.5)).width(1).wet(1).dry(0);
                yield new Effect(PipesStereo.stereo(sampleRate, block, verb), 1 - mix, mix, amp);
            }
            case "echo" -> {
                double phase = Math.min(2, fx.param("phase", 0.25));
                double decay = fx.param("decay", 2);
                // Feedback that fades the repeats by 60 dB over `decay` seconds.
                double feedback = decay <= 0 ? 0 : Math.min(0.95, Math.pow(0.001, phase / decay));
                yield new Effect(PipesStereo.dualMono(sampleRate, block, echo(phase, feedback), echo(phase, feedback)),
                        1, mix, amp);
            }
            case "lpf", "hpf" -> {
                IIRFilter.Type type = fx.kind().equals("lpf") ? IIRFilter.LP12 : IIRFilter.HP12;
                double cutoff = Math.min(fx.param("cutoff", 1000), 0.45 * sampleRate);
                double res = fx.param("res", 0.1) * 20;
                yield new Effect(PipesStereo.dualMono(sampleRate, block, filter(type, cutoff, res), filter(type, cutoff, res)),
                        1 - mix, mix, amp);
            }
            case "distortion" -> {
                double drive = fx.param("distort", 0.5);
                yield new Effect(PipesStereo.dualMono(sampleRate, block, new Overdrive().drive(drive), new Overdrive().drive(drive)),
                        1 - mix, mix, amp);
            }
            case "chorus" -> {
                double rate = fx.param("rate", 0.5);
                double depth = fx.param("depth", 0.4);
                yield new Effect(PipesStereo.dualMono(sampleRate, block, chorus(rate, depth), chorus(rate * 1.1, depth)),
                        1 - mix, mix, amp);
            }
            default -> throw new IllegalArgumentException("no effect named " + fx.kind());
        };
    }

    private static Delay echo(double phase, double feedback) {
        return new Delay().time(phase).feedback(feedback).level(1).passthrough(false);
    }

    private static IIRFilter filter(IIRFilter.Type type, double cutoff, double res) {
        return new IIRFilter().type(type).frequency(cutoff).resonance(res);
    }

    private static Chorus chorus(double rate, double depth) {
        return new Chorus().rate(rate).depth(depth).feedback(0);
    }

    /** Processes a bus in place: {@code left/right} in, effect output (mixed, scaled) out. */
    void process(float[] left, float[] right, int n) {
        pipes.process(left, right);
        float[] wl = pipes.left();
        float[] wr = pipes.right();
        float d = dry * amp;
        float w = wet * amp;
        for (int i = 0; i < n; i++) {
            left[i] = left[i] * d + wl[i] * w;
            right[i] = right[i] * d + wr[i] * w;
        }
    }
}
