package dev.riffcode.llm.offline;

import dev.riffcode.music.Tempo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits without a model: the changes that can be made safely by rewriting numbers and wrapping
 * the script in an effect. Tempo ("double the tempo", "at 90 bpm", "slower"), brightness
 * ("darker", "brighter"), level ("louder", "quieter") and space ("more reverb", "add echo").
 */
public final class OfflineEditor {

    private static final Pattern BPM_CALL = Pattern.compile("use_bpm\\(\\s*([0-9.]+)\\s*\\)");
    private static final Pattern CUTOFF = Pattern.compile("cutoff=([0-9.]+)");
    private static final Pattern AMP = Pattern.compile("amp=([0-9.]+)");

    /** The edited script and what was changed, or what could not be done. */
    public record Edit(String code, List<String> changes) {
        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    public Edit apply(String code, String request) {
        String t = request.toLowerCase(Locale.ROOT);
        List<String> changes = new ArrayList<>();
        String out = code;

        OptionalDouble bpm = Tempo.findBpm(request);
        DoubleUnaryOperator tempo = null;
        if (bpm.isPresent()) {
            double target = bpm.getAsDouble();
            tempo = x -> target;
            changes.add("tempo set to " + OfflineComposer.fmt(target) + " bpm");
        } else if (PromptFeatures.has(t, "double the tempo", "double tempo", "twice as fast", "double speed", "double-time")) {
            tempo = x -> x * 2;
            changes.add("tempo doubled");
        } else if (PromptFeatures.has(t, "half the tempo", "halve the tempo", "half tempo", "half speed", "half-time", "twice as slow")) {
            tempo = x -> x / 2;
            changes.add("tempo halved");
        } else if (PromptFeatures.has(t, "faster", "speed up", "quicker")) {
            tempo = x -> x * 1.25;
            changes.add("tempo up by a quarter");
        } else if (PromptFeatures.has(t, "slower", "slow down", "slow it down")) {
            tempo = x -> x * 0.8;
            changes.add("tempo down by a fifth");
        }
        if (tempo != null) {
            DoubleUnaryOperator f = tempo;
            if (BPM_CALL.matcher(out).find()) {
                out = replaceNumbers(out, BPM_CALL, x -> Math.max(20, Math.min(400, Math.round(f.applyAsDouble(x)))));
            } else {
                out = "use_bpm(" + OfflineComposer.fmt(Math.round(f.applyAsDouble(60))) + ")\n" + out;
            }
        }

        if (PromptFeatures.has(t, "darker", "dark", "duller", "muffle", "warmer", "less bright")) {
            out = brightness(out, -18, "darker", changes);
        } else if (PromptFeatures.has(t, "brighter", "bright", "sharper", "more open", "crisper")) {
            out = brightness(out, 15, "brighter", changes);
        }

        if (PromptFeatures.has(t, "louder", "more volume", "boost")) {
            out = replaceNumbers(out, AMP, x -> Math.min(1.5, x * 1.4));
            changes.add("louder (amp × 1.4)");
        } else if (PromptFeatures.has(t, "quieter", "softer", "less loud", "lower the volume")) {
            out = replaceNumbers(out, AMP, x -> x * 0.7);
            changes.add("quieter (amp × 0.7)");
        }

        if (PromptFeatures.has(t, "reverb", "spacious", "more space", "bigger room", "hall")) {
            out = wrap(out, "with with_fx(\"reverb\", room=0.85, mix=0.5):");
            changes.add("wrapped in a reverb");
        }
        if (PromptFeatures.has(t, "echo", "delay", "dub")) {
            out = wrap(out, "with with_fx(\"echo\", phase=0.75, decay=4, mix=0.4):");
            changes.add("wrapped in an echo");
        }
        return new Edit(out, changes);
    }

    private static String brightness(String code, double semitones, String word, List<String> changes) {
        if (CUTOFF.matcher(code).find()) {
            changes.add(word + " (every cutoff " + (semitones > 0 ? "+" : "") + OfflineComposer.fmt(semitones) + ")");
            return replaceNumbers(code, CUTOFF, x -> x > 131 ? x * Math.pow(2, semitones / 12) : Math.max(30, Math.min(130, x + semitones)));
        }
        changes.add(word + " (the whole script through a " + (semitones > 0 ? "high" : "low") + "-pass)");
        return semitones < 0 ? wrap(code, "with with_fx(\"lpf\", cutoff=75):") : wrap(code, "with with_fx(\"hpf\", cutoff=50):");
    }

    /** Puts the whole script inside an effect block, keeping use_bpm and imports at the top. */
    static String wrap(String code, String withLine) {
        List<String> head = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : code.split("\n", -1)) {
            boolean topLevel = body.isEmpty() && (line.startsWith("use_bpm(") || line.startsWith("use_random_seed(")
                    || line.startsWith("import ") || line.startsWith("from ") || line.startsWith("#") || line.isBlank());
            if (topLevel) {
                head.add(line);
            } else {
                body.add(line.isBlank() ? "" : "    " + line);
            }
        }
        StringBuilder out = new StringBuilder();
        head.forEach(l -> out.append(l).append('\n'));
        out.append(withLine).append('\n');
        body.forEach(l -> out.append(l).append('\n'));
        return out.toString().stripTrailing() + "\n";
    }

    private static String replaceNumbers(String code, Pattern p, DoubleUnaryOperator f) {
        Matcher m = p.matcher(code);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            double v = f.applyAsDouble(Double.parseDouble(m.group(1)));
            String number = OfflineComposer.fmt(Math.round(v * 100) / 100.0);
            String whole = m.group(0);
            m.appendReplacement(out, Matcher.quoteReplacement(whole.replace(m.group(1), number)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
