package dev.riffcode.llm;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.hearing.Hearing;
import dev.riffcode.music.PromptLanguage;
import dev.riffcode.music.Tempo;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Dark techno at 128 bpm": when a prompt (English or Spanish) gives its tempo as a number, the
 * rendered mix is listened to and the tempo heard must be the one asked, within
 * {@value #TOLERANCE_PERCENT} %. A tempo heard at half or double the asked one is a match at
 * another level of the beat (from audio alone the level is ambiguous) and is labelled so.
 */
public final class TempoCheck {

    public static final double TOLERANCE = 0.03;
    static final int TOLERANCE_PERCENT = 3;
    private static final Pattern USE_BPM = Pattern.compile("use_bpm\\(\\s*([0-9]+(?:\\.[0-9]+)?)\\s*\\)");

    /** What was heard: the tempo (empty when no steady beat was heard), and whether it meets the ask. */
    public record Finding(double asked, OptionalDouble heard, String label) {
        public boolean ok() {
            return heard.isPresent() && matches(asked, heard.getAsDouble());
        }

        /** "heard 127.9 bpm", "heard 64.1 bpm (half time)", or "no steady beat heard". */
        public String heardText() {
            return heard.isEmpty() ? "no steady beat heard"
                    : String.format(Locale.ROOT, "heard %.1f bpm%s", heard.getAsDouble(), label);
        }

        /** Said plainly, for the model and the terminal: "plays at 90.0 bpm, not the 128 bpm asked". */
        public String problem() {
            return heard.isEmpty()
                    ? "has no steady beat to hear, and the request asks for " + fmt(asked) + " bpm"
                    : String.format(Locale.ROOT, "plays at %.1f bpm, not the %s bpm asked (±%d %%; half or double "
                            + "time would also do)", heard.getAsDouble(), fmt(asked), TOLERANCE_PERCENT);
        }
    }

    private TempoCheck() {
    }

    /** The tempo a prompt asks for as a number, in bpm, if it does. */
    public static OptionalDouble fromPrompt(String prompt) {
        return Tempo.findBpm(PromptLanguage.toEnglish(prompt));
    }

    /** One line for the model, stated up front. */
    public static String instruction(double bpm) {
        return "Play at " + fmt(bpm) + " bpm (use_bpm(" + fmt(bpm) + ")), with notes or drums on the beat so the "
                + "tempo can be heard.";
    }

    /** Listens to the mix for its tempo. */
    public static Finding check(double asked, AudioClip mix) {
        OptionalDouble heard = Hearing.tempoBpm(mix);
        return new Finding(asked, heard, heard.isEmpty() ? "" : label(asked, heard.getAsDouble()));
    }

    /** Whether a heard tempo is the asked one within the tolerance, at the same, half or double level. */
    public static boolean matches(double asked, double heard) {
        return Hearing.tempoLevel(asked, heard, TOLERANCE) != 0;
    }

    /** " (half time)" or " (double time)" when the heard tempo matches at another level, else "". */
    public static String label(double asked, double heard) {
        double level = Hearing.tempoLevel(asked, heard, TOLERANCE);
        return level == 0.5 ? " (half time)" : level == 2 ? " (double time)" : "";
    }

    /** The tempo the script sets with its first use_bpm(...), to point the model at the line to change. */
    public static Optional<String> scriptTempo(String code) {
        Matcher m = USE_BPM.matcher(code);
        return m.find() ? Optional.of(m.group(0)) : Optional.empty();
    }

    static String fmt(double bpm) {
        return bpm == Math.rint(bpm) ? String.valueOf((long) bpm) : String.valueOf(bpm);
    }
}
