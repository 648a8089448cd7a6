package dev.riffcode.clip;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether {@code generate} should hand a prompt to a clip backend instead of writing synthesis code: when it asks for
 * a whole track, or for a sound synthesis cannot make (voices, real acoustic instruments, recorded textures), and a
 * backend is configured. {@code --clip} and {@code --code} force either way; editing a script always stays with code.
 * The rules are deliberately few and plain, so that the printed reason is the real one.
 */
public final class ClipRouting {

    /** The outcome and why, in words for the terminal and the session. */
    public record Decision(boolean clip, String reason) {
    }

    private record Rule(Pattern pattern, String what) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(words("whole track|full track|complete track|full song|whole song|an entire track"),
                    "it asks for a whole track"),
            new Rule(words("voices?|vocals?|vocalist|singing|singer|sung|sings|choir|choral|rap|rapper|rapping"
                    + "|lyrics|spoken|speech|humming|whisper(?:ed|ing)?"), "it asks for a voice"),
            new Rule(words("acoustic guitar|electric guitar|guitars?|violins?|cellos?|double bass|upright bass"
                    + "|saxophones?|sax|trumpets?|trombones?|flutes?|clarinets?|oboes?|harmonica|banjo|ukulele"
                    + "|accordion|bagpipes?|sitar|orchestra|orchestral|brass section|string section|live drums"
                    + "|drum kit"), "it asks for a real instrument"),
            new Rule(words("vinyl crackle|field recording|rain sounds?|crowd noise|birdsong|ocean waves"),
                    "it asks for a recorded texture"));

    private ClipRouting() {
    }

    private static Pattern words(String alternatives) {
        return Pattern.compile("\\b(?:" + alternatives + ")\\b", Pattern.CASE_INSENSITIVE);
    }

    /**
     * Decides.
     *
     * @param editing    true when an existing script is being changed
     * @param forceClip  {@code --clip}
     * @param forceCode  {@code --code}
     * @param configured a clip backend is configured
     */
    public static Decision decide(String prompt, boolean editing, boolean forceClip, boolean forceCode,
            boolean configured) {
        if (forceClip) {
            return new Decision(true, "--clip was given");
        }
        if (forceCode) {
            return new Decision(false, "--code was given");
        }
        if (editing) {
            return new Decision(false, "a script is being edited");
        }
        String match = whyClip(prompt);
        if (match == null) {
            return new Decision(false, "synthesis code can make this");
        }
        return configured ? new Decision(true, match)
                : new Decision(false, match + ", but no clip backend is configured");
    }

    /** The reason a prompt wants a clip ("it asks for a voice: \"choir\""), or null. */
    public static String whyClip(String prompt) {
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(prompt);
            if (m.find()) {
                return r.what() + " (\"" + m.group().toLowerCase(Locale.ROOT) + "\")";
            }
        }
        return null;
    }
}
