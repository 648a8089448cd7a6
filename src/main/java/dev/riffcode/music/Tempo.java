package dev.riffcode.music;

import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tempo arithmetic (beats and seconds at a BPM) and finding a tempo in prompt text.
 */
public final class Tempo {

    /** Tempos found in text outside this range are ignored as implausible. */
    public static final double MIN_BPM = 1.0;
    public static final double MAX_BPM = 1000.0;

    private static final String NUMBER = "(?<![\\d.])(\\d{1,4}(?:\\.\\d+)?)";
    // "90 bpm", "90bpm", "90-bpm", "90 beats per minute".
    private static final Pattern NUMBER_THEN_UNIT = Pattern.compile(
            NUMBER + "\\s*-?\\s*(?:bpm|beats\\s+(?:per|a)\\s+minute)\\b", Pattern.CASE_INSENSITIVE);
    // "tempo 120", "tempo of 120", "tempo: 120", "tempo = 120", "bpm: 128", "tempo around 100".
    private static final Pattern UNIT_THEN_NUMBER = Pattern.compile(
            "\\b(?:tempo|bpm)\\b\\s*(?:(?:of|at|is|to|around|about|=|:|~)\\s*)*" + NUMBER + "(?!\\.?\\d)",
            Pattern.CASE_INSENSITIVE);

    /**
     * Tempo words and the BPM each stands for, longer phrases first so "very slow" wins over
     * "slow" at the same place. "slow" and "fast" are rough everyday readings; the Italian
     * terms sit inside their conventional ranges.
     */
    private static final List<TempoWord> TEMPO_WORDS = List.of(
            new TempoWord("very slow", 60.0),
            new TempoWord("very fast", 170.0),
            new TempoWord("slow", 70.0),
            new TempoWord("fast", 140.0),
            new TempoWord("largo", 50.0),
            new TempoWord("adagio", 70.0),
            new TempoWord("andante", 90.0),
            new TempoWord("moderato", 110.0),
            new TempoWord("allegro", 130.0),
            new TempoWord("presto", 180.0));

    private Tempo() {
    }

    /** Seconds taken by {@code beats} beats at {@code bpm} beats per minute. */
    public static double beatsToSeconds(double beats, double bpm) {
        checkFinite(beats, "beats");
        checkBpm(bpm);
        return beats * 60.0 / bpm;
    }

    /** Beats that fit in {@code seconds} at {@code bpm} beats per minute. */
    public static double secondsToBeats(double seconds, double bpm) {
        checkFinite(seconds, "seconds");
        checkBpm(bpm);
        return seconds * bpm / 60.0;
    }

    /**
     * The first explicit numeric tempo in the text: "at 90 bpm", "90bpm", "90 beats per minute",
     * "tempo 120", "tempo of 120", "bpm: 128". Only numbers tied to "bpm", "beats per minute" or
     * "tempo" count, and only within {@link #MIN_BPM}..{@link #MAX_BPM}. Words such as "slow"
     * are not read here; see {@link #findTempoWord(String)}.
     */
    public static OptionalDouble findBpm(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        int bestStart = Integer.MAX_VALUE;
        double best = Double.NaN;
        for (Pattern pattern : List.of(NUMBER_THEN_UNIT, UNIT_THEN_NUMBER)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                double bpm = Double.parseDouble(m.group(1));
                if (bpm >= MIN_BPM && bpm <= MAX_BPM) {
                    if (m.start() < bestStart) {
                        bestStart = m.start();
                        best = bpm;
                    }
                    break;
                }
            }
        }
        return Double.isNaN(best) ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    /**
     * A tempo from a descriptive word, as a fallback when {@link #findBpm(String)} finds nothing.
     * Kept separate because words like "slow" also describe sounds ("slow attack"), so the
     * caller decides whether to trust them. The table, matched as whole words, ignoring case,
     * first occurrence in the text winning (the longer phrase when two start together):
     * very slow 60, slow 70, fast 140, very fast 170, largo 50, adagio 70, andante 90,
     * moderato 110, allegro 130, presto 180.
     */
    public static OptionalDouble findTempoWord(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        int bestStart = Integer.MAX_VALUE;
        double best = Double.NaN;
        for (TempoWord word : TEMPO_WORDS) {
            Matcher m = word.pattern.matcher(text);
            // Strictly earlier only: at a tie the longer phrase, checked first, keeps its place.
            if (m.find() && m.start() < bestStart) {
                bestStart = m.start();
                best = word.bpm;
            }
        }
        return Double.isNaN(best) ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    private record TempoWord(Pattern pattern, double bpm) {
        TempoWord(String phrase, double bpm) {
            this(Pattern.compile("\\b" + phrase.replace(" ", "\\s+") + "\\b", Pattern.CASE_INSENSITIVE), bpm);
        }
    }

    private static void checkBpm(double bpm) {
        if (!(bpm > 0.0) || !Double.isFinite(bpm)) {
            throw new IllegalArgumentException("BPM must be a positive finite number, got " + bpm);
        }
    }

    private static void checkFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, got " + value);
        }
    }
}
