package dev.riffcode.session;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes things that look like API keys or passwords from text before it is recorded. Sessions
 * are handed in and shared, so a key pasted into a prompt, echoed by a model or put in an endpoint
 * URL must never reach the disk.
 *
 * <p>It is a net, not a proof: it knows the usual key shapes ({@code sk-...}, {@code AIza...},
 * {@code hf_...} and the like), {@code Bearer} tokens, passwords in URLs and labelled values such
 * as {@code api_key=...}. The label is kept and the secret becomes {@value #REDACTED}.
 */
public final class Secrets {

    /** What a secret is replaced with. */
    public static final String REDACTED = "[redacted]";

    /** Key shapes of common providers; the look-arounds keep them from matching inside words. */
    private static final List<Pattern> KEYS = List.of(
            // OpenAI, Anthropic, OpenRouter, DeepSeek...: sk-... with at least one digit somewhere
            Pattern.compile("(?<![A-Za-z0-9_-])sk-(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{16,}"),
            Pattern.compile("(?<![A-Za-z0-9_-])(?:gsk|hf|ghp|gho|ghu|ghs|github_pat|glpat|xai|r8|pplx)[-_]"
                    + "[A-Za-z0-9_-]{16,}"),
            Pattern.compile("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{30,}"),
            Pattern.compile("(?<![A-Za-z0-9])AKIA[0-9A-Z]{16}(?![A-Za-z0-9])"));

    /**
     * Secrets after a label; group 1 is the label and separator, which stay. Labels have no word
     * boundary in front so that OPENAI_API_KEY=... is caught too.
     */
    private static final List<Pattern> LABELLED = List.of(
            Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("(?i)((?:x-)?api[_-]?key[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"'&,;}]+"),
            Pattern.compile("(?i)((?:access|auth|refresh|secret)[_-]?(?:token|key)[\"']?\\s*[:=]\\s*[\"']?)"
                    + "[^\\s\"'&,;}]+"),
            Pattern.compile("(?i)((?:client[_-]?secret|password|passwd)[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"'&,;}]+"),
            // query parameters such as ?key=... or &token=... in endpoint URLs
            Pattern.compile("(?i)([?&](?:key|token|auth|sig|signature)=)[^&#\\s]+"),
            // user:password@ in URLs
            Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]{0,30}://)[^/\\s:@]+:[^/\\s@]+(?=@)"));

    private Secrets() {
    }

    /** The text with anything that looks like a secret replaced; null stays null. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Pattern p : KEYS) {
            out = p.matcher(out).replaceAll(REDACTED);
        }
        for (Pattern p : LABELLED) {
            out = p.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        }
        return out;
    }
}
