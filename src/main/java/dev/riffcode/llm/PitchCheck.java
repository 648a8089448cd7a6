package dev.riffcode.llm;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.PitchClassAnalyzer;
import dev.riffcode.music.KeySpec;
import dev.riffcode.music.Notes;
import dev.riffcode.music.PromptLanguage;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seed's open problem: "write the notes for a folk song that only uses A, B, C#, F# and G".
 * When a prompt names its allowed notes or a key, the rendered audio of the pitched voices (all of
 * them, melody, bass and chords together) is analysed, and any other pitch class fails the check.
 * The score is read too, to tell the model exactly which notes were wrong.
 */
public final class PitchCheck {

    /** Share of the pitched energy above which a pitch class counts as played. */
    public static final double MIN_SHARE = 0.04;
    /** How far a note may be from a harmonic of a louder note struck with it and still be that note's partial. */
    static final double PARTIAL_CENTS = 15;
    private static final int MAX_HARMONIC = 16;
    private static final double SAME_ONSET_SECONDS = 0.001;

    /**
     * The pitch classes a prompt allows, and how the prompt put it.
     *
     * @param key the key the prompt named, e.g. "C major", or empty when it listed the notes
     */
    public record Constraint(Set<Integer> pitchClasses, Optional<String> key) {
        /** How the prompt put it: "the key of C major" or "the notes the request allows". */
        public String description() {
            return key.map(k -> "the key of " + k).orElse("the notes the request allows");
        }

        /** One line for the model: what every part must use. */
        public String instruction() {
            return "Use only these pitch classes, in any octave, in every part (melody, bass, chords): "
                    + names(pitchClasses) + " (" + description() + ").";
        }

        /**
         * What is wrong, said plainly: "plays C, which is not among the allowed notes (C#, F#, G, A,
         * B)" or "plays F# and G#, which are not in the key of C major (C, D, E, F, G, A, B)".
         */
        public String problem(Set<Integer> wrong) {
            String which = wrong.size() == 1 ? "which is not" : "which are not";
            String where = key.map(k -> "in the key of " + k).orElse("among the allowed notes");
            return "plays " + spoken(wrong) + ", " + which + " " + where + " (" + names(pitchClasses) + ")";
        }
    }

    /** What was heard and which of it is not allowed. */
    public record Finding(Set<Integer> heard, Set<Integer> wrong, List<String> wrongNotes) {
        public boolean ok() {
            return wrong.isEmpty();
        }
    }

    private PitchCheck() {
    }

    /** The constraint a prompt (English or Spanish) states, if any: an explicit note list wins over a key. */
    public static Optional<Constraint> fromPrompt(String prompt) {
        String english = PromptLanguage.toEnglish(prompt);
        Optional<Set<Integer>> notes = KeySpec.findAllowedNotes(english);
        if (notes.isPresent()) {
            return Optional.of(new Constraint(new TreeSet<>(notes.get()), Optional.empty()));
        }
        return KeySpec.find(english).map(k -> new Constraint(new TreeSet<>(k.pitchClasses()),
                Optional.of(Notes.pitchClassName(k.rootPc()) + " " + k.scaleName().replace('_', ' '))));
    }

    /**
     * Checks a score and the audio of its pitched voices ({@link Score#pitchedOnly()}).
     */
    public static Finding check(Constraint constraint, Score score, AudioClip pitchedAudio) {
        Set<Integer> heard = new TreeSet<>(new PitchClassAnalyzer().analyze(pitchedAudio).pitchClasses(MIN_SHARE));
        Set<Integer> wrong = new TreeSet<>(heard);
        wrong.removeAll(constraint.pitchClasses());
        Map<String, Integer> wrongNotes = new LinkedHashMap<>();
        List<NoteEvent> notes = score.pitchedOnly().notes();
        for (NoteEvent n : notes) {
            int pc = Math.floorMod((int) Math.round(n.note()), 12);
            if (!constraint.pitchClasses().contains(pc) && !isPartial(n, notes)) {
                wrong.add(pc);
                wrongNotes.merge(Notes.name((int) Math.round(n.note())) + " (" + n.synth() + ")", 1, Integer::sum);
            }
        }
        List<String> described = new ArrayList<>();
        wrongNotes.forEach((note, count) -> described.add(note + (count > 1 ? " ×" + count : "")));
        return new Finding(heard, wrong, described);
    }

    /**
     * Whether a note is a harmonic of another rather than a note of its own: additive synthesis
     * (templates/examples/02_additive_sine.py) writes a tone's partials as quieter notes struck with
     * it, on the same synth, at whole-number multiples of its frequency. They are heard as the
     * tone's timbre (the analyser hears one note), so their pitch classes are no wrong notes.
     * Within {@value #PARTIAL_CENTS} cents, so the 3rd, 5th, 9th and 15th harmonics rounded to the
     * nearest semitone still count; the 7th, 11th and 13th are too far from any semitone.
     */
    private static boolean isPartial(NoteEvent n, List<NoteEvent> notes) {
        for (NoteEvent tone : notes) {
            if (tone.amp() <= n.amp() || !tone.synth().equals(n.synth())
                    || Math.abs(tone.time() - n.time()) > SAME_ONSET_SECONDS) {
                continue;
            }
            double ratio = Math.pow(2, (n.note() - tone.note()) / 12);
            long harmonic = Math.round(ratio);
            if (harmonic >= 2 && harmonic <= MAX_HARMONIC
                    && Math.abs(1200 * Math.log(ratio / harmonic) / Math.log(2)) <= PARTIAL_CENTS) {
                return true;
            }
        }
        return false;
    }

    /** Names as a phrase: "C", "C and F#", "C, F# and G#". */
    private static String spoken(Set<Integer> pcs) {
        String all = names(pcs);
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " and " + all.substring(last + 2);
    }

    public static String names(Set<Integer> pcs) {
        List<String> out = new ArrayList<>();
        for (int pc : pcs) {
            out.add(Notes.pitchClassName(pc));
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }
}
