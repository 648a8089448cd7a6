package dev.riffcode.llm.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.score.Score;
import dev.riffcode.testing.Scripts;
import org.junit.jupiter.api.Test;

/** Offline edits rewrite the right numbers and keep the script runnable. */
class OfflineEditorTest {

    private static final String SCRIPT = "use_bpm(100)\n\n@in_thread\ndef bass():\n    play('E2', synth='saw', cutoff=80, amp=0.5)\n    sleep(1)\n"
            + "play('E4', cutoff=100, amp=0.4)\nsleep(2)\n";
    private final OfflineEditor editor = new OfflineEditor();

    @Test
    void doubleTheTempoAndDarker() {
        OfflineEditor.Edit e = editor.apply(SCRIPT, "make the bass darker, double the tempo");
        assertTrue(e.code().contains("use_bpm(200)"), e.code());
        assertTrue(e.code().contains("cutoff=62") && e.code().contains("cutoff=82"), e.code());
        assertEquals(2, e.changes().size(), e.changes().toString());
        Score s = Scripts.score(e.code());
        assertEquals(0.6, s.lengthSeconds(), 1e-9, "two beats at 200 bpm");
    }

    @Test
    void explicitTempoLoudnessAndReverb() {
        OfflineEditor.Edit e = editor.apply(SCRIPT, "at 90 bpm, louder, with more reverb");
        assertTrue(e.code().contains("use_bpm(90)"), e.code());
        assertTrue(e.code().contains("amp=0.7") && e.code().contains("amp=0.56"), e.code());
        Score s = Scripts.score(e.code());
        assertEquals(1, s.fx().size());
        assertTrue(s.notes().stream().allMatch(n -> n.bus() == 1), "everything plays through the reverb");
    }

    @Test
    void whatItCannotDoItLeavesAlone() {
        assertFalse(editor.apply(SCRIPT, "add a saxophone solo").changed());
    }
}
