package dev.riffcode.samples;

import dev.riffcode.audio.AudioClip;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Riffcode's own teaching samples, {@code builtin/NAME}: a few drum hits, a pitched bell and a one-bar drum loop,
 * synthesized here (no third-party audio, no files), the same sound every time, directly at the rate asked for.
 * Scripts play them like files in a sample folder, so the examples and the offline templates work on any machine.
 */
public final class BuiltinSamples {

    /** The folder name built-in samples are played under: {@code sample("builtin/kick")}. */
    public static final String PREFIX = "builtin/";
    /** The bell's pitch: C4. */
    public static final double BELL_HZ = 261.6255653005986;
    /** The loop's tempo and length: one bar of 4/4 at 120 bpm. */
    public static final double LOOP_BPM = 120;
    public static final double LOOP_SECONDS = 2.0;
    /** Peak level every built-in sample is made to: -1 dBFS. */
    static final float PEAK = 0.891f;

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("kick", "bass drum, a sine falling from 160 to 50 Hz (0.45 s)");
        DESCRIPTIONS.put("snare", "snare drum, band-passed noise and a 185 Hz body (0.3 s)");
        DESCRIPTIONS.put("hat", "closed hi-hat, high-passed noise (0.12 s)");
        DESCRIPTIONS.put("clap", "hand clap, three quick bursts and a tail (0.35 s)");
        DESCRIPTIONS.put("bell_c4", "soft bell on C4, 261.6 Hz: rate=2 plays C5, rate=0.5 C3 (2 s)");
        DESCRIPTIONS.put("loop_beat", "one bar of drums at 120 bpm: kick on 1 and 3, snare on 2 and 4, eighth hats (2 s)");
    }

    private static final Map<String, AudioClip> MADE = new ConcurrentHashMap<>();

    private BuiltinSamples() {
    }

    /** The names, with the prefix ({@code builtin/kick}, ...), in a fixed order. */
    public static List<String> names() {
        return DESCRIPTIONS.keySet().stream().map(n -> PREFIX + n).toList();
    }

    /** What each one is, by full name. */
    public static Map<String, String> descriptions() {
        Map<String, String> out = new LinkedHashMap<>();
        DESCRIPTIONS.forEach((k, v) -> out.put(PREFIX + k, v));
        return out;
    }

    public static boolean has(String name) {
        return name != null && name.startsWith(PREFIX) && DESCRIPTIONS.containsKey(name.substring(PREFIX.length()));
    }

    /** The sample at {@code rate}, made on first use and kept (a few hundred kilobytes in all). */
    public static AudioClip audio(String name, int rate) {
        if (!has(name)) {
            throw new IllegalArgumentException("no built-in sample " + name);
        }
        return MADE.computeIfAbsent(name + "@" + rate, k -> make(name.substring(PREFIX.length()), rate));
    }

    private static AudioClip make(String name, int rate) {
        return switch (name) {
            case "kick" -> AudioClip.mono(rate, normalize(kick(rate)));
            case "snare" -> AudioClip.mono(rate, normalize(snare(rate)));
            case "hat" -> AudioClip.mono(rate, normalize(hat(rate)));
            case "clap" -> AudioClip.mono(rate, normalize(clap(rate)));
            case "bell_c4" -> AudioClip.mono(rate, normalize(bell(rate)));
            case "loop_beat" -> loop(rate);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static float[] kick(int rate) {
        float[] out = new float[frames(0.45, rate)];
        Noise noise = new Noise(1);
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) rate;
            double hz = 50 + 110 * Math.exp(-t / 0.035);
            phase += 2 * Math.PI * hz / rate;
            double body = Math.sin(phase) * Math.exp(-t / 0.16) * Math.min(1, t / 0.002);
            double click = t < 0.004 ? noise.next() * 0.25 * (1 - t / 0.004) : 0;
            out[i] = (float) (body + click);
        }
        return fadeEnd(out, rate);
    }

    static float[] snare(int rate) {
        float[] out = new float[frames(0.3, rate)];
        Noise noise = new Noise(2);
        BandPass band = new BandPass(1800, 0.8, rate);
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) rate;
            phase += 2 * Math.PI * 185 / rate;
            double attack = Math.min(1, t / 0.001);
            double rattle = band.next(noise.next()) * 2.2 * Math.exp(-t / 0.06);
            double body = Math.sin(phase) * 0.6 * Math.exp(-t / 0.045);
            out[i] = (float) ((rattle + body) * attack);
        }
        return fadeEnd(out, rate);
    }

    static float[] hat(int rate) {
        float[] out = new float[frames(0.12, rate)];
        Noise noise = new Noise(3);
        double x1 = 0;
        double x2 = 0;
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) rate;
            double x = noise.next();
            // A second difference: a gentle high-pass that leaves the sizzle.
            double high = (x - 2 * x1 + x2) / 4;
            x2 = x1;
            x1 = x;
            out[i] = (float) (high * Math.exp(-t / 0.022) * Math.min(1, t / 0.0005));
        }
        return fadeEnd(out, rate);
    }

    static float[] clap(int rate) {
        float[] out = new float[frames(0.35, rate)];
        Noise noise = new Noise(4);
        BandPass band = new BandPass(1200, 1.2, rate);
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) rate;
            double env = 0;
            for (double burst : new double[] {0, 0.011, 0.022}) {
                if (t >= burst) {
                    env = Math.max(env, Math.exp(-(t - burst) / 0.005));
                }
            }
            if (t >= 0.03) {
                env = Math.max(env, 0.7 * Math.exp(-(t - 0.03) / 0.07));
            }
            out[i] = (float) (band.next(noise.next()) * 3 * env * Math.min(1, t / 0.0005));
        }
        return fadeEnd(out, rate);
    }

    static float[] bell(int rate) {
        float[] out = new float[frames(2.0, rate)];
        double[] amps = {1, 0.45, 0.25, 0.12, 0.06};
        for (int k = 0; k < amps.length; k++) {
            double hz = BELL_HZ * (k + 1);
            double tau = 0.9 / Math.pow(k + 1, 0.7);
            double w = 2 * Math.PI * hz / rate;
            for (int i = 0; i < out.length; i++) {
                double t = i / (double) rate;
                out[i] += (float) (amps[k] * Math.sin(w * i) * Math.exp(-t / tau));
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] *= (float) Math.min(1, i / (0.004 * rate));
        }
        return fadeEnd(out, rate);
    }

    /** One bar at 120 bpm, stereo: the hats lean right. */
    static AudioClip loop(int rate) {
        int n = frames(LOOP_SECONDS, rate);
        float[] left = new float[n];
        float[] right = new float[n];
        float[] kick = normalize(kick(rate));
        float[] snare = normalize(snare(rate));
        float[] hat = normalize(hat(rate));
        double beat = 60 / LOOP_BPM;
        for (int b = 0; b < 4; b++) {
            add(b % 2 == 0 ? kick : snare, b * beat, rate, left, right, 0.8f, 0.8f);
        }
        for (int e = 0; e < 8; e++) {
            add(hat, e * beat / 2, rate, left, right, 0.25f, 0.4f);
        }
        float peak = Math.max(peak(left), peak(right));
        for (int i = 0; i < n; i++) {
            left[i] *= PEAK / peak;
            right[i] *= PEAK / peak;
        }
        return new AudioClip(rate, new float[][] {left, right});
    }

    private static void add(float[] hit, double at, int rate, float[] left, float[] right, float gl, float gr) {
        int start = (int) Math.round(at * rate);
        for (int i = 0; i < hit.length && start + i < left.length; i++) {
            left[start + i] += hit[i] * gl;
            right[start + i] += hit[i] * gr;
        }
    }

    private static int frames(double seconds, int rate) {
        return (int) Math.round(seconds * rate);
    }

    /** The last 5 ms fade to zero, so a sample never ends on a step. */
    private static float[] fadeEnd(float[] x, int rate) {
        int fade = Math.min(x.length, (int) (0.005 * rate));
        for (int i = 0; i < fade; i++) {
            x[x.length - 1 - i] *= i / (float) fade;
        }
        return x;
    }

    private static float[] normalize(float[] x) {
        float peak = peak(x);
        for (int i = 0; i < x.length; i++) {
            x[i] *= PEAK / peak;
        }
        return x;
    }

    private static float peak(float[] x) {
        float p = 1e-9f;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    /** White noise in -1..1 from a fixed seed (xorshift), so a sample sounds the same every time. */
    private static final class Noise {
        private long state;

        Noise(long seed) {
            state = seed * 0x9E3779B97F4A7C15L + 1;
        }

        double next() {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            return (state >>> 11) * 0x1.0p-53 * 2 - 1;
        }
    }

    /** A band-pass biquad (constant peak gain), RBJ's cookbook form. */
    private static final class BandPass {
        private final double b0;
        private final double b2;
        private final double a1;
        private final double a2;
        private double x1;
        private double x2;
        private double y1;
        private double y2;

        BandPass(double hz, double q, int rate) {
            double w = 2 * Math.PI * hz / rate;
            double alpha = Math.sin(w) / (2 * q);
            double a0 = 1 + alpha;
            b0 = alpha / a0;
            b2 = -alpha / a0;
            a1 = -2 * Math.cos(w) / a0;
            a2 = (1 - alpha) / a0;
        }

        double next(double x) {
            double y = b0 * x + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            return y;
        }
    }
}
