package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing the API reference (the text the sandbox writes from the docstrings) into completions. */
class ApiCompletionsTest {

    static final String REFERENCE = """
            ### use_bpm(bpm)
            Set the tempo in beats per minute.

            ### play(note, amp=1, pan=0, attack=0.01, release=0.3, cutoff=None, synth=None, **synth_opts)
            Play a note now on the current synth (see use_synth). Time does not move on: sleep() does that.

            note: a MIDI number (60 is middle C), a name like "C#4". Or a list.
            amp: loudness (1 is normal, 0 silent). pan: -1 left .. 1 right.

            Example:
                play(60)

            ### with_fx(kind, mix=1, opts={"a": 1, "b": (2, 3)})
            Run the block through an effect.

            ### SineOscillator(**ports)
            A sine wave.
            """;

    @Test
    void everyHeadingIsAnEntryWithItsParametersAndDocumentation() {
        List<ApiCompletions.Entry> entries = ApiCompletions.parse(REFERENCE);
        assertEquals(List.of("use_bpm", "play", "with_fx", "SineOscillator"),
                entries.stream().map(ApiCompletions.Entry::name).toList());
        ApiCompletions.Entry play = entries.get(1);
        assertEquals(8, play.params().size(), play.params().toString());
        assertEquals("note", play.params().get(0));
        assertEquals("**synth_opts", play.params().get(7));
        assertTrue(play.doc().startsWith("Play a note now"), play.doc());
        assertTrue(play.doc().endsWith("play(60)"), "up to the next heading: " + play.doc());
        assertEquals("Set the tempo in beats per minute.", entries.get(0).doc());
    }

    @Test
    void commasInsideDefaultsDoNotSplitParameters() {
        assertEquals(List.of("kind", "mix=1", "opts={\"a\": 1, \"b\": (2, 3)}"),
                ApiCompletions.splitParams("kind, mix=1, opts={\"a\": 1, \"b\": (2, 3)}"));
        assertEquals(List.of("a", "s=\"x,y\""), ApiCompletions.splitParams("a, s=\"x,y\""));
        assertEquals(List.of(), ApiCompletions.splitParams(""));
    }

    @Test
    void aParameterIsDescribedByWhatTheDocstringSaysAfterItsName() {
        String doc = ApiCompletions.parse(REFERENCE).get(1).doc();
        assertEquals("a MIDI number (60 is middle C), a name like \"C#4\".", ApiCompletions.aboutParam(doc, "note"));
        assertEquals("loudness (1 is normal, 0 silent).", ApiCompletions.aboutParam(doc, "amp=1"));
        assertEquals("-1 left .. 1 right.", ApiCompletions.aboutParam(doc, "pan=0"));
        assertEquals("", ApiCompletions.aboutParam(doc, "release=0.3"));
    }
}
