package dev.riffcode.hearing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Riffcode heard in a piece of audio: the measures of {@link Hearing#analyze}. Numbers that
 * could not be measured (no beat, no pitched sound, silence) are null, so the JSON form
 * ({@link ReportJson}) never holds NaN or infinities.
 *
 * @param seconds length of the audio
 * @param tempoBpm tempo estimated from the onsets, or null when no steady beat was heard
 * @param tempoConfidence 0..1: how periodic the onsets are at that tempo
 * @param beatsPerBar 3 or 4 (duple and quadruple metres are both reported as 4), or null without a beat
 * @param pitchClasses the pitch classes played, by name (C, C#, ... B), each with at least
 *     {@value Hearing#PITCH_SHARE} of the pitched energy
 * @param pitchClassShares the energy share of each pitch class, index 0 = C
 * @param pitchSeconds how much of the audio the pitch analysis listened to (from the start)
 * @param key the most likely key ("A minor"), or null without pitched sound
 * @param keyCorrelation how well the key's profile fits the pitch classes, -1..1
 * @param integratedLufs EBU R 128 integrated loudness, or null for silence
 * @param truePeakDbtp 4x oversampled peak in dB true peak, or null for silence
 * @param samplePeakDbfs the largest sample, or null for silence
 * @param centroidHz brightness: the spectral centroid of the sounding frames, or null for silence
 * @param stereoWidth side energy over total energy: 0 mono, 0.5 unrelated channels, 1 opposite
 * @param stereoCorrelation correlation of left and right, -1..1, or null for mono or silence
 * @param onsets notes and hits detected
 * @param onsetsPerSecond onsets per second of sound (long silences not counted)
 * @param silences stretches of at least {@value Hearing#LONG_SILENCE_SECONDS} s below
 *     {@value Hearing#SILENCE_DBFS} dBFS
 * @param analysisMillis how long the analysis took
 */
@JsonPropertyOrder(alphabetic = false)
public record HearingReport(int format, double seconds, int sampleRate, int channels, Double tempoBpm,
        double tempoConfidence, Integer beatsPerBar, List<String> pitchClasses, double[] pitchClassShares,
        double pitchSeconds, String key, Double keyCorrelation, Double integratedLufs, Double truePeakDbtp,
        Double samplePeakDbfs, Double centroidHz, double stereoWidth, Double stereoCorrelation, int onsets,
        double onsetsPerSecond, List<Silence> silences, double analysisMillis) {

    /** Version of the report's layout in report.json. */
    public static final int FORMAT = 1;

    /** Below this centroid a piece is called dark; above {@link #BRIGHT_HZ}, bright. */
    public static final double DARK_HZ = 1200;
    public static final double BRIGHT_HZ = 2500;
    /** Below this tempo a piece is called slow; at or above {@link #FAST_BPM}, fast. */
    public static final double SLOW_BPM = 90;
    public static final double FAST_BPM = 125;
    /** Below this many onsets per second a piece is called sparse; above {@link #BUSY_ONSETS}, busy. */
    public static final double SPARSE_ONSETS = 2;
    public static final double BUSY_ONSETS = 5;

    /** A stretch of silence, in seconds from the start. */
    public record Silence(double start, double end) {
        public double length() {
            return end - start;
        }
    }

    public HearingReport {
        pitchClasses = pitchClasses == null ? List.of() : List.copyOf(pitchClasses);
        silences = silences == null ? List.of() : List.copyOf(silences);
        pitchClassShares = pitchClassShares == null ? new double[12] : pitchClassShares.clone();
    }

    @Override
    public double[] pitchClassShares() {
        return pitchClassShares.clone();
    }

    /** "dark", "bright" or "neither", from the centroid; null for silence. */
    @JsonIgnore
    public String brightness() {
        if (centroidHz == null) {
            return null;
        }
        return centroidHz < DARK_HZ ? "dark" : centroidHz > BRIGHT_HZ ? "bright" : "neither dark nor bright";
    }

    /** "slow", "fast" or "moderate"; null without a beat. */
    @JsonIgnore
    public String pace() {
        if (tempoBpm == null) {
            return null;
        }
        return tempoBpm < SLOW_BPM ? "slow" : tempoBpm >= FAST_BPM ? "fast" : "moderate";
    }

    /** "sparse", "busy" or "moderate". */
    @JsonIgnore
    public String density() {
        return onsetsPerSecond < SPARSE_ONSETS ? "sparse" : onsetsPerSecond > BUSY_ONSETS ? "busy" : "moderately busy";
    }

    /** The report as a few aligned lines for the terminal. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "length      %s", duration(seconds)));
        out.add("tempo       " + (tempoBpm == null ? "no steady beat heard"
                : String.format(Locale.ROOT, "%.1f bpm (%s), confidence %.2f%s", tempoBpm, pace(), tempoConfidence,
                        beatsPerBar == null ? "" : beatsPerBar == 3 ? ", in three" : ", in four")));
        out.add("notes       " + (pitchClasses.isEmpty() ? "no pitched notes heard"
                : String.join(" ", pitchClasses) + (key == null ? "" : String.format(Locale.ROOT,
                        "; most likely key %s (fit %.2f)", key, keyCorrelation))
                        + (pitchSeconds + 0.05 < seconds ? String.format(Locale.ROOT, " [first %.0f s]", pitchSeconds) : "")));
        out.add("loudness    " + (integratedLufs == null ? "silent (below the -70 LUFS gate)"
                : String.format(Locale.ROOT, "%.1f LUFS integrated, true peak %s dBTP", integratedLufs,
                        truePeakDbtp == null ? "-inf" : String.format(Locale.ROOT, "%.1f", truePeakDbtp))));
        out.add("brightness  " + (centroidHz == null ? "-"
                : String.format(Locale.ROOT, "spectral centroid %.0f Hz (%s)", centroidHz, brightness())));
        out.add("stereo      " + (channels < 2 ? "mono"
                : String.format(Locale.ROOT, "width %.2f%s", stereoWidth, stereoCorrelation == null ? ""
                        : String.format(Locale.ROOT, ", L/R correlation %.2f", stereoCorrelation))));
        out.add(String.format(Locale.ROOT, "onsets      %.1f per second (%s), %d in all", onsetsPerSecond, density(), onsets));
        if (silences.isEmpty()) {
            out.add("silences    none of " + (int) Hearing.LONG_SILENCE_SECONDS + " s or more");
        } else {
            List<String> s = new ArrayList<>();
            for (Silence gap : silences) {
                s.add(String.format(Locale.ROOT, "%.1f-%.1f s", gap.start(), gap.end()));
            }
            out.add("silences    " + String.join(", ", s));
        }
        return out;
    }

    private static String duration(double seconds) {
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%.1f s (%d:%04.1f)", seconds, (int) (seconds / 60), seconds % 60);
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
