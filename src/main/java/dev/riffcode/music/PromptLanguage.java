package dev.riffcode.music;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompts as musicians write them, in English or Spanish, brought to the one English form the
 * prompt readers ({@link KeySpec}, {@link Tempo}, the offline generator's features) understand.
 *
 * <p>Spanish is recognised by its words ("una", "con", "melodía", "menor"...). Its note names are
 * solfège: Do Re Mi Fa Sol La Si, with # / b or the words "sostenido" / "bemol" ("Fa# mayor",
 * "Si bemol menor"); "mayor" and "menor" are major and minor. Because "la", "mi" and "si" are also
 * everyday words (the, my, if), a solfège name counts as a note only when it is written with a
 * capital or followed by an accidental or a mode ("La menor", "solo use Re, Mi y Si"). Tempo, mood,
 * part, metre and length words are translated word by word. English text is returned unchanged,
 * apart from number words before a unit ("three hours" is "3 hours").
 */
public final class PromptLanguage {

    private static final Set<String> SPANISH_MARKERS = Set.of("una", "un", "con", "que", "en", "de", "melodía",
            "melodia", "menor", "mayor", "solo", "sólo", "ritmo", "lento", "lenta", "rápido", "rápida", "rapido",
            "triste", "alegre", "oscuro", "oscura", "batería", "bateria", "canción", "cancion", "notas", "use", "usa",
            "compás", "compases", "vals", "y", "muy", "para", "suave", "tranquila", "tranquilo", "pieza", "bajo",
            "segundos", "minutos", "horas");
    /** Two marker words make a prompt Spanish: one alone may be English ("use", "solo", "a piano en route"). */
    private static final int MIN_MARKERS = 2;

    private static final Map<String, String> SOLFEGE = Map.of(
            "do", "C", "re", "D", "mi", "E", "fa", "F", "sol", "G", "la", "A", "si", "B");
    private static final Pattern SOLFEGE_NOTE = Pattern.compile(
            "(?<![\\p{L}])(Do|Re|Mi|Fa|Sol|La|Si|do|re|mi|fa|sol|la|si)(#|♯|b|♭)?(?:\\s+(sostenido|bemol))?"
                    + "(?=$|[^\\p{L}])(\\s+(?:mayor|menor))?");

    /** Spanish phrases, longest first, and their English. Matched as whole words, ignoring case. */
    private static final Map<String, String> PHRASES = new LinkedHashMap<>();

    static {
        String[][] pairs = {
            {"solo de batería", "drum solo"}, {"solo de bateria", "drum solo"}, {"solo batería", "only drums"},
            {"solo bateria", "only drums"}, {"sólo batería", "only drums"},
            {"pulsos por minuto", "bpm"}, {"golpes por minuto", "bpm"}, {"ppm", "bpm"},
            {"muy lento", "very slow"}, {"muy lenta", "very slow"}, {"muy rápido", "very fast"},
            {"muy rápida", "very fast"}, {"tempo de", "tempo"}, {"a tempo", "tempo"},
            {"solo use", "only uses"}, {"sólo use", "only uses"}, {"solo usa", "only uses"}, {"sólo usa", "only uses"},
            {"solo con", "only with"}, {"solamente", "only"}, {"únicamente", "only"}, {"sólo", "only"},
            {"las notas", "the notes"}, {"notas", "notes"}, {"nota", "note"},
            {"en la tonalidad de", "in the key of"}, {"tonalidad", "key"},
            {"melodía", "melody"}, {"melodia", "melody"}, {"canción", "song"}, {"cancion", "song"},
            {"batería", "drums"}, {"bateria", "drums"}, {"percusión", "percussion"}, {"ritmo", "beat"},
            {"bajo", "bass"}, {"acordes", "chords"}, {"piano", "piano"}, {"guitarra", "guitar"}, {"flauta", "flute"},
            {"arpegio", "arpeggio"}, {"arpegios", "arpeggio"},
            {"lento", "slow"}, {"lenta", "slow"}, {"despacio", "slow"}, {"pausado", "slow"},
            {"rápido", "fast"}, {"rápida", "fast"}, {"rapido", "fast"}, {"rapida", "fast"}, {"veloz", "fast"},
            {"triste", "sad"}, {"melancólica", "sad"}, {"melancólico", "sad"},
            {"oscuro", "dark"}, {"oscura", "dark"}, {"sombrío", "dark"}, {"sombría", "dark"},
            {"alegre", "happy"}, {"feliz", "happy"}, {"brillante", "bright"}, {"luminosa", "bright"},
            {"luminoso", "bright"}, {"tranquila", "calm"}, {"tranquilo", "calm"}, {"suave", "gentle"},
            {"relajada", "calm"}, {"relajado", "calm"}, {"enérgica", "energetic"}, {"enérgico", "energetic"},
            {"escasa", "sparse"}, {"escaso", "sparse"}, {"minimalista", "sparse"}, {"densa", "busy"},
            {"denso", "busy"}, {"recargada", "busy"}, {"ajetreada", "busy"},
            {"vals", "waltz"}, {"compases", "bars"}, {"compás", "bar"}, {"segundos", "seconds"},
            {"segundo", "second"}, {"minutos", "minutes"}, {"minuto", "minute"}, {"horas", "hours"}, {"hora", "hour"},
            {"corta", "short"}, {"corto", "short"}, {"larga", "long"}, {"largo", "long"},
            {"solo", "only"}, {"en", "in"}, {"y", "and"}, {"o", "or"}, {"con", "with"},
        };
        for (String[] p : pairs) {
            PHRASES.put(p[0], p[1]);
        }
    }

    private static final Map<String, String> NUMBERS = new LinkedHashMap<>();

    static {
        String[] en = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
            "twenty", "thirty", "sixty"};
        String[] es = {"una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "doce",
            "veinte", "treinta", "sesenta"};
        int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 20, 30, 60};
        for (int i = 0; i < values.length; i++) {
            NUMBERS.put(en[i], Integer.toString(values[i]));
            NUMBERS.put(es[i], Integer.toString(values[i]));
        }
        NUMBERS.put("un", "1");
        NUMBERS.put("an", "1");
        NUMBERS.put("a", "1");
    }

    private static final Pattern NUMBER_BEFORE_UNIT = Pattern.compile(
            "(?i)(?<![\\p{L}])(\\p{L}+)(\\s+)(hours?|horas?|minutes?|minutos?|seconds?|segundos?|bars?|compases|compás)\\b");

    private PromptLanguage() {
    }

    /** Whether the text reads as Spanish. */
    public static boolean isSpanish(String text) {
        int markers = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (SPANISH_MARKERS.contains(word)) {
                markers++;
            }
        }
        return markers >= MIN_MARKERS;
    }

    /** The prompt in the English the readers understand (English text comes back as it was, numbers aside). */
    public static String toEnglish(String prompt) {
        if (prompt == null) {
            return null;
        }
        String text = numbers(prompt);
        if (!isSpanish(text)) {
            return text;
        }
        text = solfege(text);
        for (Map.Entry<String, String> e : PHRASES.entrySet()) {
            text = Pattern.compile("(?iu)(?<![\\p{L}])" + Pattern.quote(e.getKey()) + "(?![\\p{L}])")
                    .matcher(text).replaceAll(Matcher.quoteReplacement(e.getValue()));
        }
        return text;
    }

    private static String numbers(String text) {
        Matcher m = NUMBER_BEFORE_UNIT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String n = NUMBERS.get(m.group(1).toLowerCase(Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(n == null ? m.group() : n + m.group(2) + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Solfège names that are notes (see the class comment) as letters: "Fa# mayor" is "F# major". */
    private static String solfege(String text) {
        Matcher m = SOLFEGE_NOTE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String accidental = m.group(2);
            String word = m.group(3);
            String mode = m.group(4);
            boolean capital = Character.isUpperCase(name.charAt(0));
            if (!capital && accidental == null && word == null && mode == null) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String letter = SOLFEGE.get(name.toLowerCase(Locale.ROOT));
            String sign = word != null ? (word.equals("sostenido") ? "#" : "b")
                    : accidental == null ? "" : accidental.equals("♯") ? "#" : accidental.equals("♭") ? "b" : accidental;
            String scale = mode == null ? "" : mode.strip().equals("mayor") ? " major" : " minor";
            m.appendReplacement(out, Matcher.quoteReplacement(letter + sign + scale));
        }
        m.appendTail(out);
        return out.toString();
    }
}
