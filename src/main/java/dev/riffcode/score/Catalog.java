package dev.riffcode.score;

import static dev.riffcode.score.ParamSpec.beats;
import static dev.riffcode.score.ParamSpec.note;
import static dev.riffcode.score.ParamSpec.plain;
import static dev.riffcode.score.PortSpec.gate;
import static dev.riffcode.score.PortSpec.in;
import static dev.riffcode.score.PortSpec.out;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vocabulary of a score: every synth, effect and unit-generator type, with its options and
 * their documentation. The Python API checks scripts against it, every engine backend must
 * implement all of it, and the API reference is written from it.
 */
public final class Catalog {

    private Catalog() {
    }

    // ---------------------------------------------------------------- synths

    public static final List<SynthSpec> SYNTHS = List.of(
            new SynthSpec("sine", "A pure sine wave: soft, no harmonics. Good for bass and additive sounds.", 0, true, List.of()),
            new SynthSpec("saw", "Band-limited sawtooth: bright and buzzy, every harmonic. The classic subtractive source.", 100, true, List.of()),
            new SynthSpec("square", "Band-limited square: hollow, odd harmonics only (clarinet-like).", 100, true, List.of()),
            new SynthSpec("tri", "Band-limited triangle: mellow, weak odd harmonics.", 0, true, List.of()),
            new SynthSpec("noise", "White noise through the low-pass: wind, breath, risers. The note is ignored.", 110, false, List.of()),
            new SynthSpec("pluck", "Karplus-Strong plucked string: a noise burst in a tuned, damped delay line.", 0, true, List.of(
                    plain("coef", 0.3, 0, 1, "damping of the string: 0 bright and long, 1 dull and short"))),
            new SynthSpec("fm", "Two-operator FM: a sine carrier modulated by a sine at note/divisor. Bells, electric pianos.", 0, true, List.of(
                    plain("divisor", 2, 0.01, 100, "carrier frequency / modulator frequency"),
                    plain("depth", 1, 0, 100, "modulation index: 0 is a pure sine, higher is brighter"))),
            new SynthSpec("supersaw", "Seven detuned band-limited saws: huge, shimmering leads and chords.", 100, true, List.of(
                    plain("detune", 0.2, 0, 2, "spread of the seven saws in semitones"))),
            new SynthSpec("pad", "Warm pad: detuned saws and a triangle under a soft low-pass. Try a long attack and release.", 85, true, List.of(
                    plain("detune", 0.12, 0, 2, "spread of the saws in semitones"))),
            new SynthSpec("kick", "Kick drum: a sine that falls in pitch with a click. The note is ignored.", 0, false, List.of()),
            new SynthSpec("snare", "Snare drum: a noise burst with a short tone. The note is ignored.", 0, false, List.of()),
            new SynthSpec("hat", "Closed hi-hat: short high-passed noise. The note is ignored; a longer release opens it.", 0, false, List.of()));

    /** Other names people (and models that know Sonic Pi) use, mapped to ours. */
    public static final Map<String, String> SYNTH_ALIASES = Map.of(
            "beep", "sine",
            "triangle", "tri",
            "pulse", "square",
            "dsaw", "supersaw",
            "bass_drum", "kick",
            "bd", "kick",
            "hihat", "hat",
            "hi_hat", "hat");

    // ---------------------------------------------------------------- effects

    private static final ParamSpec FX_AMP = plain("amp", 1, 0, 5, "output level of the effect");
    private static final ParamSpec FX_MIX = plain("mix", 1, 0, 1, "0 only the dry sound, 1 only the effect");

    public static final List<FxSpec> FX = List.of(
            new FxSpec("reverb", "Freeverb room reverb (JAudioLibs).", List.of(
                    plain("room", 0.6, 0, 1, "room size: small 0 to huge 1"),
                    plain("damp", 0.5, 0, 1, "high-frequency damping of the tail"),
                    plain("mix", 0.4, 0, 1, "0 only the dry sound, 1 only the reverb"),
                    FX_AMP)),
            new FxSpec("echo", "Feedback delay: repeats that fade away (JAudioLibs).", List.of(
                    beats("phase", 0.25, 0.001, 2, "time between echoes in beats (at most 2 s)"),
                    beats("decay", 2, 0, 60, "how long the echoes take to fade, in beats"),
                    plain("mix", 0.5, 0, 1, "level of the echoes against the dry sound"),
                    FX_AMP)),
            new FxSpec("lpf", "Resonant low-pass filter: darker above the cutoff.", List.of(
                    note("cutoff", 100, "cutoff as a MIDI note (values above 131 are Hz)"),
                    plain("res", 0.1, 0, 1, "resonance at the cutoff"),
                    FX_MIX, FX_AMP)),
            new FxSpec("hpf", "Resonant high-pass filter: thinner below the cutoff.", List.of(
                    note("cutoff", 60, "cutoff as a MIDI note (values above 131 are Hz)"),
                    plain("res", 0.1, 0, 1, "resonance at the cutoff"),
                    FX_MIX, FX_AMP)),
            new FxSpec("distortion", "Overdrive: soft clipping that adds harmonics (JAudioLibs).", List.of(
                    plain("distort", 0.5, 0, 1, "amount of drive"),
                    FX_MIX, FX_AMP)),
            new FxSpec("chorus", "Chorus: slowly modulated copies for width and shimmer (JAudioLibs).", List.of(
                    plain("rate", 0.5, 0.01, 10, "modulation speed in Hz"),
                    plain("depth", 0.4, 0, 1, "modulation depth"),
                    plain("mix", 0.5, 0, 1, "0 only the dry sound, 1 only the chorus"),
                    FX_AMP)));

    // ---------------------------------------------------------------- unit generators

    private static final PortSpec FREQ = in("frequency", 440, "frequency in Hz");
    private static final PortSpec AMPLITUDE = in("amplitude", 1, "output gain");
    private static final PortSpec OUTPUT = out("output", "the signal");
    private static final PortSpec INPUT = in("input", 0, "the signal to process");

    private static UnitTypeSpec osc(String name, String doc) {
        return new UnitTypeSpec(name, doc, List.of(FREQ, AMPLITUDE, OUTPUT));
    }

    private static UnitTypeSpec filter(String name, String doc) {
        return new UnitTypeSpec(name, doc, List.of(INPUT, in("frequency", 1000, "cutoff or centre in Hz"),
                in("Q", 0.707, "resonance as Q: 0.707 flat .. 20 ringing"), AMPLITUDE, OUTPUT));
    }

    public static final List<UnitTypeSpec> UNITS = List.of(
            osc("SineOscillator", "Sine wave oscillator."),
            osc("SawtoothOscillatorBL", "Band-limited sawtooth oscillator (no aliasing)."),
            osc("SquareOscillatorBL", "Band-limited square oscillator."),
            osc("TriangleOscillator", "Band-limited triangle oscillator."),
            new UnitTypeSpec("WhiteNoise", "White noise.", List.of(AMPLITUDE, OUTPUT)),
            new UnitTypeSpec("PinkNoise", "Pink noise (-3 dB per octave): softer, like rain.", List.of(AMPLITUDE, OUTPUT)),
            filter("FilterLowPass", "Resonant low-pass filter (state-variable)."),
            filter("FilterHighPass", "Resonant high-pass filter (state-variable)."),
            filter("FilterBandPass", "Band-pass filter (state-variable): keeps a band around frequency."),
            new UnitTypeSpec("EnvelopeDAHDSR", "Gated envelope: delay, attack, hold, decay, sustain level, release. "
                    + "Open the gate with env.input.on() and close it with env.input.off(); connect output to an amplitude.",
                    List.of(gate("input", "the gate: on() starts the envelope, off() releases it"),
                            in("delay", 0, "seconds before the attack"),
                            in("attack", 0.01, "seconds to rise to full level"),
                            in("hold", 0, "seconds at full level"),
                            in("decay", 0.2, "seconds to fall to the sustain level"),
                            in("sustain", 0.5, "level held while the gate is on (0..1)"),
                            in("release", 0.3, "seconds to fall to 0 after off()"),
                            AMPLITUDE, OUTPUT)),
            new UnitTypeSpec("Add", "Adds two signals.", List.of(in("inputA", 0, "first"), in("inputB", 0, "second"), OUTPUT)),
            new UnitTypeSpec("Subtract", "inputA minus inputB.", List.of(in("inputA", 0, "first"), in("inputB", 0, "second"), OUTPUT)),
            new UnitTypeSpec("Multiply", "Multiplies two signals (ring modulation, VCA).", List.of(in("inputA", 1, "first"), in("inputB", 1, "second"), OUTPUT)),
            new UnitTypeSpec("MultiplyAdd", "inputA * inputB + inputC: scale and offset, e.g. an LFO into a frequency.",
                    List.of(in("inputA", 1, "signal"), in("inputB", 1, "scale"), in("inputC", 0, "offset"), OUTPUT)),
            new UnitTypeSpec("Pan", "Mono to stereo with an equal-power pan; output part 0 is left, 1 is right.",
                    List.of(INPUT, in("pan", 0, "-1 left .. 1 right"), out("output", "stereo signal").withParts(2))),
            new UnitTypeSpec("InterpolatingDelay", "Delay line of up to 4 s; delay can be modulated for flanging and vibrato.",
                    List.of(INPUT, in("delay", 0.25, "delay in seconds (0..4)"), OUTPUT)),
            new UnitTypeSpec("Reverb", "Freeverb stereo reverb (JAudioLibs Pipes); input and output have parts 0 (left) and 1 (right).",
                    List.of(INPUT.withParts(2), in("room", 0.6, "room size 0..1"), in("damp", 0.5, "damping 0..1"),
                            in("wet", 0.4, "reverb level 0..1"), in("dry", 0.6, "direct level 0..1"), OUTPUT.withParts(2))),
            new UnitTypeSpec("Overdrive", "Soft-clipping overdrive (JAudioLibs Pipes).",
                    List.of(INPUT, in("drive", 0.5, "amount 0..1"), OUTPUT)),
            new UnitTypeSpec("LineOut", "The main output: connect to input part 0 (left) and 1 (right). out(unit) is the short way.",
                    List.of(INPUT.withParts(2))));

    // ---------------------------------------------------------------- look-ups

    public static Optional<SynthSpec> synth(String name) {
        String key = SYNTH_ALIASES.getOrDefault(name, name);
        return SYNTHS.stream().filter(s -> s.name().equals(key)).findFirst();
    }

    public static Optional<FxSpec> fx(String name) {
        return FX.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public static Optional<UnitTypeSpec> unit(String name) {
        return UNITS.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public static List<String> synthNames() {
        return SYNTHS.stream().map(SynthSpec::name).toList();
    }

    public static List<String> fxNames() {
        return FX.stream().map(FxSpec::name).toList();
    }

    public static List<String> unitNames() {
        return UNITS.stream().map(UnitTypeSpec::name).toList();
    }
}
