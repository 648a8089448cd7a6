package dev.riffcode.engine.pipes;

import dev.riffcode.engine.dsp.KarplusStrong;
import dev.riffcode.engine.dsp.Noise;
import dev.riffcode.engine.dsp.SvfFilter;
import dev.riffcode.engine.dsp.WavetableOscillator;
import dev.riffcode.engine.dsp.WavetableOscillator.Shape;
import dev.riffcode.engine.dsp.Wavetables;
import dev.riffcode.score.NoteEvent;

/** The synths of the catalogue, built from the DSP blocks. One factory method per synth name. */
final class Voices {

    private Voices() {
    }

    static Voice create(NoteEvent note, int sampleRate, int block, Wavetables tables, long seed) {
        return switch (note.synth()) {
            case "sine" -> new Osc(note, sampleRate, tables, Shape.SINE);
            case "saw" -> new Osc(note, sampleRate, tables, Shape.SAW);
            case "square" -> new Osc(note, sampleRate, tables, Shape.SQUARE);
            case "tri" -> new Osc(note, sampleRate, tables, Shape.TRIANGLE);
            case "noise" -> new NoiseVoice(note, sampleRate, seed);
            case "pluck" -> new Pluck(note, sampleRate, seed);
            case "fm" -> new Fm(note, sampleRate, block, tables);
            case "supersaw" -> new Supersaw(note, sampleRate, tables, 7, note.extra("detune", 0.2), 0, seed);
            case "pad" -> new Supersaw(note, sampleRate, tables, 5, note.extra("detune", 0.12), 0.5f, seed);
            case "kick" -> new Kick(note, sampleRate, block, tables);
            case "snare" -> new Snare(note, sampleRate, block, tables, seed);
            case "hat" -> new Hat(note, sampleRate, seed);
            default -> throw new IllegalArgumentException("no synth named " + note.synth());
        };
    }

    /** A single band-limited oscillator. */
    static final class Osc extends NoteVoice {
        private final WavetableOscillator osc;

        Osc(NoteEvent note, int sampleRate, Wavetables tables, Shape shape) {
            super(note, sampleRate);
            osc = new WavetableOscillator(tables, sampleRate, shape);
            osc.setFrequency(hz(note.note()));
        }

        @Override
        void source(float[] buf, int off, int n) {
            osc.process(buf, off, n);
        }
    }

    /** Detuned band-limited saws spread evenly over ±detune semitones, plus an optional triangle body. */
    static final class Supersaw extends NoteVoice {
        private final WavetableOscillator[] saws;
        private final WavetableOscillator sub;
        private final float sawGain;
        private final float subGain;

        Supersaw(NoteEvent note, int sampleRate, Wavetables tables, int count, double detune, float subLevel, long seed) {
            super(note, sampleRate);
            saws = new WavetableOscillator[count];
            java.util.Random random = new java.util.Random(seed);
            for (int i = 0; i < count; i++) {
                double offset = count == 1 ? 0 : detune * (2.0 * i / (count - 1) - 1);
                saws[i] = new WavetableOscillator(tables, sampleRate, Shape.SAW);
                saws[i].setFrequency(hz(note.note() + offset));
                saws[i].setPhase(random.nextDouble());
            }
            sawGain = (float) (1 / Math.sqrt(count));
            if (subLevel > 0) {
                sub = new WavetableOscillator(tables, sampleRate, Shape.TRIANGLE);
                sub.setFrequency(hz(note.note()));
            } else {
                sub = null;
            }
            subGain = subLevel;
        }

        @Override
        void source(float[] buf, int off, int n) {
            java.util.Arrays.fill(buf, off, off + n, 0f);
            for (WavetableOscillator saw : saws) {
                saw.processAdd(buf, off, n, sawGain);
            }
            if (sub != null) {
                sub.processAdd(buf, off, n, subGain);
            }
        }
    }

    /** Two-operator FM: carrier frequency swings by depth × modulator frequency. */
    static final class Fm extends NoteVoice {
        private final WavetableOscillator carrier;
        private final WavetableOscillator modulator;
        private final float carrierHz;
        private final float swingHz;
        private final float[] freq;

        Fm(NoteEvent note, int sampleRate, int block, Wavetables tables) {
            super(note, sampleRate);
            double fc = hz(note.note());
            double fm = fc / note.extra("divisor", 2);
            carrier = new WavetableOscillator(tables, sampleRate, Shape.SINE);
            modulator = new WavetableOscillator(tables, sampleRate, Shape.SINE);
            modulator.setFrequency(fm);
            carrierHz = (float) fc;
            swingHz = (float) (note.extra("depth", 1) * fm);
            freq = new float[block];
        }

        @Override
        void source(float[] buf, int off, int n) {
            modulator.process(freq, off, n);
            for (int i = off; i < off + n; i++) {
                freq[i] = carrierHz + swingHz * freq[i];
            }
            carrier.processModulated(buf, off, n, freq, off);
        }
    }

    /** White noise (the note is ignored; the voice's low-pass shapes it). */
    static final class NoiseVoice extends NoteVoice {
        private final Noise noise;

        NoiseVoice(NoteEvent note, int sampleRate, long seed) {
            super(note, sampleRate);
            noise = new Noise(Noise.Color.WHITE, seed);
        }

        @Override
        void source(float[] buf, int off, int n) {
            noise.process(buf, off, n);
        }
    }

    /** Karplus-Strong string. */
    static final class Pluck extends NoteVoice {
        private static final float PLUCK_GAIN = 2.5f;
        private final KarplusStrong string;

        Pluck(NoteEvent note, int sampleRate, long seed) {
            super(note, sampleRate);
            string = new KarplusStrong(sampleRate, Math.min(40, hz(note.note())), seed);
            double coef = note.extra("coef", 0.3);
            string.setFrequency(hz(note.note()));
            string.setBrightness(1 - coef);
            // A damped string (high coef) also dies sooner, as in Sonic Pi's pluck.
            string.setDecay(0.5 + 5 * (1 - coef));
            string.pluck(1f);
        }

        @Override
        void source(float[] buf, int off, int n) {
            string.process(buf, off, n);
            // A decaying string carries less energy than a held oscillator: lift it to match.
            for (int i = off; i < off + n; i++) {
                buf[i] *= PLUCK_GAIN;
            }
        }
    }

    /** A sine that drops from 160 Hz to 45 Hz, with its own exponential decay and a click on top. */
    static final class Kick extends NoteVoice {
        private final WavetableOscillator body;
        private final float[] freq;
        private final double pitchFall;
        private final double ampFall;
        private final int clickFrames;
        private double pitch = 160;
        private double level = 1;
        private int age;

        Kick(NoteEvent note, int sampleRate, int block, Wavetables tables) {
            super(note, sampleRate);
            freq = new float[block];
            body = new WavetableOscillator(tables, sampleRate, Shape.SINE);
            pitchFall = Math.exp(-1.0 / (0.035 * sampleRate));
            ampFall = Math.exp(-1.0 / (0.18 * sampleRate * Math.max(0.2, note.release() / 0.3)));
            clickFrames = sampleRate / 1000;
        }

        @Override
        void source(float[] buf, int off, int n) {
            for (int i = off; i < off + n; i++) {
                freq[i] = (float) (45 + pitch);
                pitch *= pitchFall;
            }
            body.processModulated(buf, off, n, freq, off);
            for (int i = off; i < off + n; i++) {
                float click = age < clickFrames ? 0.5f * (1 - age / (float) clickFrames) : 0f;
                buf[i] = (float) ((buf[i] + click) * level * 1.6);
                level *= ampFall;
                age++;
            }
        }
    }

    /** Band-passed noise burst and a short 185 Hz tone. */
    static final class Snare extends NoteVoice {
        private final Noise noise;
        private final SvfFilter band;
        private final WavetableOscillator tone;
        private final float[] toneBuf;
        private final double noiseFall;
        private final double toneFall;
        private double noiseLevel = 1;
        private double toneLevel = 1;

        Snare(NoteEvent note, int sampleRate, int block, Wavetables tables, long seed) {
            super(note, sampleRate);
            toneBuf = new float[block];
            noise = new Noise(Noise.Color.WHITE, seed);
            band = new SvfFilter(sampleRate);
            band.setMode(SvfFilter.Mode.BANDPASS);
            band.setCutoff(2500);
            band.setResonance(0.1);
            tone = new WavetableOscillator(tables, sampleRate, Shape.TRIANGLE);
            tone.setFrequency(185);
            double scale = Math.max(0.2, note.release() / 0.3);
            noiseFall = Math.exp(-1.0 / (0.06 * sampleRate * scale));
            toneFall = Math.exp(-1.0 / (0.04 * sampleRate));
        }

        @Override
        void source(float[] buf, int off, int n) {
            noise.process(buf, off, n);
            band.process(buf, off, n);
            tone.process(toneBuf, off, n);
            for (int i = off; i < off + n; i++) {
                buf[i] = (float) (buf[i] * noiseLevel * 1.8 + toneBuf[i] * toneLevel * 0.6);
                noiseLevel *= noiseFall;
                toneLevel *= toneFall;
            }
        }
    }

    /** High-passed noise with a fast decay; a longer release opens the hat. */
    static final class Hat extends NoteVoice {
        private final Noise noise;
        private final SvfFilter high;
        private final double fall;
        private double level = 1;

        Hat(NoteEvent note, int sampleRate, long seed) {
            super(note, sampleRate);
            noise = new Noise(Noise.Color.WHITE, seed);
            high = new SvfFilter(sampleRate);
            high.setMode(SvfFilter.Mode.HIGHPASS);
            high.setCutoff(7000);
            high.setResonance(0.2);
            fall = Math.exp(-1.0 / (0.03 * sampleRate * Math.max(0.2, note.release() / 0.3)));
        }

        @Override
        void source(float[] buf, int off, int n) {
            noise.process(buf, off, n);
            high.process(buf, off, n);
            for (int i = off; i < off + n; i++) {
                buf[i] = (float) (buf[i] * level * 0.9);
                level *= fall;
            }
        }
    }
}
