package dev.riffcode.score;

/**
 * One named option of a synth or effect: its default, its allowed range and how a script's value
 * is read. {@code BEATS} values are converted to seconds at the tempo in force; {@code NOTE}
 * values are MIDI note numbers (as in Sonic Pi, cutoff 100 is about 2.6 kHz), and values above
 * 131 are taken as Hz, since that is what people who think in Hz write.
 */
public record ParamSpec(String name, double defaultValue, double min, double max, Unit unit, String doc) {

    public enum Unit { PLAIN, BEATS, NOTE }

    public static ParamSpec plain(String name, double def, double min, double max, String doc) {
        return new ParamSpec(name, def, min, max, Unit.PLAIN, doc);
    }

    public static ParamSpec beats(String name, double def, double min, double max, String doc) {
        return new ParamSpec(name, def, min, max, Unit.BEATS, doc);
    }

    public static ParamSpec note(String name, double def, String doc) {
        return new ParamSpec(name, def, 0, 20000, Unit.NOTE, doc);
    }

    /** MIDI note number → Hz for NOTE parameters; values above 131 are already Hz. */
    public static double noteToHz(double value) {
        return value > 131 ? value : 440.0 * Math.pow(2, (value - 69) / 12.0);
    }

    /**
     * Checks a script's value and returns an error message naming the problem, or null when it is fine.
     */
    public String check(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return name + " must be a finite number, got " + value;
        }
        if (value < min || value > max) {
            return name + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(value);
        }
        return null;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
