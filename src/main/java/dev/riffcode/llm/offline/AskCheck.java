package dev.riffcode.llm.offline;

import dev.riffcode.hearing.HearingReport;
import dev.riffcode.llm.TempoCheck;
import dev.riffcode.music.Notes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every musical ask a prompt makes ({@link PromptFeatures}), checked against what was heard
 * ({@link HearingReport}): tempo within {@value #TEMPO_TOLERANCE} of the number asked, the notes
 * or the key, the length, dark or bright, slow or fast, sparse or busy, a bar in three.
 *
 * <p>A tempo heard at half or double the one asked counts as met, and says so: from the audio alone
 * the beat's level is ambiguous (a piece at 60 bpm in eighth notes is heard at 120 as often as not).
 */
public final class AskCheck {

    public static final double TEMPO_TOLERANCE = TempoCheck.TOLERANCE;
    /** A length asked for is met within this share (the ringing of the last notes adds a little). */
    static final double LENGTH_TOLERANCE = 0.25;

    /** One ask and whether the audio meets it. */
    public record Result(String ask, boolean met, String heard) {
        /** "✓ tempo 128 bpm: heard 127.9 bpm". */
        public String line() {
            return (met ? "✓ " : "✗ ") + ask + ": " + heard;
        }
    }

    private AskCheck() {
    }

    /** Whether a heard tempo is the asked one within the tolerance, at the same, half or double level. */
    public static boolean tempoMatches(double asked, double heard) {
        return TempoCheck.matches(asked, heard);
    }

    /** The asks of the offline generator's answer: a tempo beyond its range is checked at the tempo it plays (and said). */
    public static List<Result> check(PromptFeatures asks, HearingReport heard) {
        return check(asks, heard, true);
    }

    /**
     * @param asPlayed check the tempo the offline generator plays (its range clamps the asked one), not
     *     the number asked; false for a model's answer, which has no such range
     */
    public static List<Result> check(PromptFeatures asks, HearingReport heard, boolean asPlayed) {
        List<Result> out = new ArrayList<>();
        if (asks.askedBpm() != null) {
            double target = asPlayed ? asks.bpm() : asks.askedBpm();
            String ask = String.format(Locale.ROOT, "tempo %s bpm", OfflineComposer.fmt(target));
            if (heard.tempoBpm() == null) {
                out.add(new Result(ask, false, "no steady beat heard"));
            } else {
                double t = heard.tempoBpm();
                out.add(new Result(ask, tempoMatches(target, t),
                        String.format(Locale.ROOT, "heard %.1f bpm%s", t, TempoCheck.label(target, t))));
            }
        }
        if (asks.notesGiven() || asks.keyGiven()) {
            Set<Integer> heardPcs = new TreeSet<>();
            for (String name : heard.pitchClasses()) {
                heardPcs.add(Notes.pitchClass(name));
            }
            Set<Integer> wrong = new TreeSet<>(heardPcs);
            wrong.removeAll(asks.pitchClasses());
            String ask = asks.notesGiven() ? "only " + PromptFeatures.names(asks.pitchClasses())
                    : "in " + asks.keyDescription();
            String what = heardPcs.isEmpty() ? "no pitched notes heard" : "heard " + PromptFeatures.names(heardPcs)
                    + (wrong.isEmpty() ? "" : "; not asked: " + PromptFeatures.names(wrong))
                    + (heard.key() == null ? "" : "; sounds like " + heard.key());
            out.add(new Result(ask, wrong.isEmpty() && !heardPcs.isEmpty(), what));
        }
        if (asks.askedSeconds() != null) {
            double made = Math.min(asks.askedSeconds(), asks.bars() * asks.beatsPerBar() * 60 / asks.bpm());
            boolean ok = Math.abs(heard.seconds() - asks.askedSeconds()) <= LENGTH_TOLERANCE * asks.askedSeconds();
            out.add(new Result(String.format(Locale.ROOT, "length %s s", OfflineComposer.fmt(asks.askedSeconds())), ok,
                    String.format(Locale.ROOT, "%.1f s%s", heard.seconds(),
                            made < asks.askedSeconds() - 1 ? " (the longest the offline generator writes)" : "")));
        }
        if (asks.colour() != null && heard.brightness() != null) {
            boolean ok = asks.colour().equals("dark") ? heard.centroidHz() < HearingReport.DARK_HZ
                    : heard.centroidHz() > HearingReport.DARK_HZ;
            out.add(new Result(asks.colour(), ok, String.format(Locale.ROOT, "spectral centroid %.0f Hz (%s)",
                    heard.centroidHz(), heard.brightness())));
        }
        if (asks.pace() != null) {
            boolean slow = asks.pace().equals("slow");
            Double t = heard.tempoBpm();
            // Heard at the level asked, or at half or double the slow or fast tempo the reader chose.
            boolean ok = t != null && (slow ? t < HearingReport.SLOW_BPM
                    || asks.bpm() < HearingReport.SLOW_BPM && tempoMatches(asks.bpm(), t)
                    : t >= HearingReport.FAST_BPM || asks.bpm() >= HearingReport.FAST_BPM && tempoMatches(asks.bpm(), t));
            out.add(new Result(asks.pace(), ok, heard.tempoBpm() == null ? "no steady beat heard"
                    : String.format(Locale.ROOT, "heard %.1f bpm (%s)", heard.tempoBpm(), heard.pace())));
        }
        if (asks.density() != null) {
            boolean ok = asks.density().equals("sparse") ? heard.onsetsPerSecond() < HearingReport.SPARSE_ONSETS
                    : heard.onsetsPerSecond() > HearingReport.BUSY_ONSETS;
            out.add(new Result(asks.density(), ok, String.format(Locale.ROOT, "%.1f onsets per second",
                    heard.onsetsPerSecond())));
        }
        if (asks.beatsPerBar() == 3) {
            out.add(new Result("a bar in three", Integer.valueOf(3).equals(heard.beatsPerBar()),
                    heard.beatsPerBar() == null ? "no steady beat heard" : "heard in " + (heard.beatsPerBar() == 3 ? "three" : "four")));
        }
        return out;
    }
}
