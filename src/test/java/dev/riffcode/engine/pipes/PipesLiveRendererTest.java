package dev.riffcode.engine.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.Yin;
import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.dsp.Wavetables;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.OutputRoute;
import dev.riffcode.score.PortEvent;
import dev.riffcode.score.UnitGraph;
import dev.riffcode.score.UnitSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live renderer stepped block by block on the test's own thread, as the audio thread would step it. */
class PipesLiveRendererTest {

    private static final int SR = 44_100;
    private static final int BLOCK = 128;

    private final LiveRenderer live = new PipesLiveRenderer(new RenderSettings(SR, BLOCK), Wavetables.shared(), 7);

    private static NoteEvent note(String synth, double midi, double seconds, int slot) {
        return new NoteEvent(0, synth, midi, 1, 0, 0.001, 0, seconds, 1, 0.01, 0, 0.1, slot, Map.of());
    }

    /** Renders {@code seconds} of audio, mono. */
    private float[] play(double seconds) {
        return play(live, seconds);
    }

    private static float[] play(LiveRenderer live, double seconds) {
        int frames = (int) Math.round(seconds * SR / BLOCK) * BLOCK;
        float[] out = new float[frames];
        float[] l = new float[BLOCK];
        float[] r = new float[BLOCK];
        for (int at = 0; at < frames; at += BLOCK) {
            live.render(l, r);
            for (int i = 0; i < BLOCK; i++) {
                out[at + i] = (l[i] + r[i]) / 2;
            }
        }
        return out;
    }

    private static int firstSound(float[] x, int from) {
        int i = from;
        while (i < x.length && Math.abs(x[i]) < 1e-4f) {
            i++;
        }
        return i;
    }

    @Test
    void notesQueuedAheadStartOnTheirExactFrame() {
        long[] frames = {1000, 5_555, 12_345 + BLOCK * 3};
        for (long f : frames) {
            assertTrue(live.note(note("square", 69, 0.02, LiveRenderer.MAIN), f));
        }
        float[] out = play(0.5);
        int search = 0;
        for (long f : frames) {
            int first = firstSound(out, search);
            assertTrue(first >= f && first <= f + 2, "expected the note at frame " + f + ", it starts at " + first);
            search = (int) f + (int) (0.05 * SR);
        }
        assertEquals(0, live.stats().lateNotes());
    }

    @Test
    void portChangesQueuedAheadTakeEffectOnTheirExactFrame() {
        // A sine (440 Hz by default) that a live SET turns up on a frame inside a block, as a gate or set() in live code does.
        for (long f : new long[] {1000, 5_555 + 3L * BLOCK, 12_345 + 7L * BLOCK}) {
            LiveRenderer fresh = new PipesLiveRenderer(new RenderSettings(SR, BLOCK), Wavetables.shared(), 7);
            UnitGraph silentSine = new UnitGraph(
                    List.of(new UnitSpec(1, "SineOscillator", Map.of())),
                    List.of(), List.of(new OutputRoute(1, "output", 0, LiveRenderer.MAIN, 1, 0)), List.of());
            int graph = fresh.addGraph(silentSine, 0);
            assertTrue(graph >= 0, "a graph slot is free");
            // Live graphs get even their first values as changes, as LivePlayer sends them.
            assertTrue(fresh.portChange(graph, new PortEvent(0, 1, "amplitude", 0, PortEvent.Action.SET, 0, 0), 0, 1));
            assertTrue(fresh.portChange(graph, new PortEvent(0, 1, "amplitude", 0, PortEvent.Action.SET, 0.5, 0), f, 1));
            int first = firstSound(play(fresh, 0.5), 0);
            assertTrue(first >= f && first <= f + 2, "expected the sine turned up at frame " + f + ", it sounds from " + first);
        }
    }

    @Test
    void cancelTakesBackOnlyTheTaggedNotesThatHaveNotStarted() {
        live.note(note("square", 69, 0.02, LiveRenderer.MAIN), 1_000, 7);     // starts before the cancel
        live.note(note("square", 69, 0.15, LiveRenderer.MAIN), 20_000, 7);    // taken back
        live.note(note("square", 76, 0.15, LiveRenderer.MAIN), 20_000, 8);    // another pass: plays
        float[] first = play(0.1);
        live.cancel(7);
        float[] rest = play(0.5);
        assertTrue(firstSound(first, 0) <= 1_002, "the note that had started played");
        int second = firstSound(rest, 0) + first.length;
        assertEquals(20_000, second, 2, "a note plays at 20000");
        float[] at = java.util.Arrays.copyOfRange(rest, second - first.length, second - first.length + 6000);
        assertEquals(659.3, new Yin(SR).detect(at, 0, 4096).frequency(), 7, "and it is the other pass's E5 alone");
    }

    @Test
    void aNoteThatArrivesLateStartsAtOnceAndIsCounted() {
        play(0.1);
        long now = live.position();
        live.note(note("square", 69, 0.02, LiveRenderer.MAIN), now - 500);
        float[] out = play(0.05);
        assertTrue(firstSound(out, 0) < 4, "it starts in the first block");
        assertEquals(1, live.stats().lateNotes());
    }

    @Test
    void aChangedEffectGlidesWithoutAJump() {
        int slot = live.addEffect(new FxBus(1, "lpf", 0, Map.of("cutoff", 4000.0, "mix", 1.0, "amp", 1.0, "res", 0.1)),
                LiveRenderer.MAIN);
        assertTrue(slot > 0);
        live.note(note("sine", 45, 2.0, slot), 0);
        float[] before = play(0.5);
        live.changeEffect(slot, new FxBus(1, "lpf", 0, Map.of("cutoff", 2000.0, "mix", 1.0, "amp", 0.5, "res", 0.1)));
        float[] during = play(0.2);
        float[] after = play(0.5);
        // A sine moves smoothly: a gain that jumped would show as one sample step far larger than its own.
        double ownStep = largestStep(before, (int) (0.1 * SR));
        double acrossTheChange = largestStep(join(before, during), before.length - BLOCK);
        assertTrue(acrossTheChange <= ownStep * 1.05, "the change glides: largest sample step " + acrossTheChange
                + " vs " + ownStep + " before");
        assertEquals(0.5, rms(after, 0) / rms(before, before.length / 2), 0.03, "and reaches amp 0.5");
    }

    @Test
    void aChangedCutoffTakesEffectAndTheSoundGoesOn() {
        int slot = live.addEffect(new FxBus(1, "lpf", 0, Map.of("cutoff", 4000.0, "mix", 1.0, "amp", 1.0, "res", 0.1)),
                LiveRenderer.MAIN);
        live.note(note("saw", 45, 2.0, slot), 0);
        float[] before = play(0.5);
        live.changeEffect(slot, new FxBus(1, "lpf", 0, Map.of("cutoff", 300.0, "mix", 1.0, "amp", 1.0, "res", 0.1)));
        play(0.2);
        float[] after = play(0.5);
        double brightBefore = rms(diff(before), before.length / 2) / rms(before, before.length / 2);
        double brightAfter = rms(diff(after), 0) / rms(after, 0);
        assertTrue(brightAfter < brightBefore * 0.5, "the new cutoff took: brightness " + brightAfter + " vs "
                + brightBefore);
        assertTrue(rms(after, 0) > 0.02, "and the note still sounds");
    }

    @Test
    void aReleasedEffectRingsOutThenFreesItsSlot() {
        int slot = live.addEffect(new FxBus(1, "reverb", 0, Map.of("room", 0.9, "mix", 0.8, "amp", 1.0)),
                LiveRenderer.MAIN);
        live.note(note("saw", 57, 0.1, slot), 0);
        play(0.2);
        live.releaseEffect(slot);
        float[] tail = play(0.3);
        assertTrue(rms(tail, 0) > 1e-3, "the reverb tail goes on after the release");
        assertEquals(1, live.stats().effects());
        play(12);
        assertEquals(0, live.stats().effects(), "freed once silent");
        int again = live.addEffect(new FxBus(1, "echo", 0, Map.of()), LiveRenderer.MAIN);
        assertEquals(slot, again, "its slot is free again");
    }

    @Test
    void aFadeOutReachesSilenceInTheAskedTime() {
        live.note(note("sine", 57, 2, LiveRenderer.MAIN), 0);
        play(0.2);
        live.fadeOut(0.05);
        float[] out = play(0.1);
        assertTrue(rms(out, (int) (0.06 * SR)) == 0, "silent after 50 ms");
        assertTrue(live.stats().faded());
        // A 220 Hz sine at this level moves at most 2π·220/44100·0.35 ≈ 0.011 per sample.
        assertTrue(largestStep(out, 0) < 0.012, "no click on the way down: " + largestStep(out, 0));
    }

    @Test
    void stopAllFadesWithoutAClickForgetsEverythingAndPlaysAgainAfterwards() {
        int reverb = live.addEffect(new FxBus(1, "reverb", 0, Map.of("room", 0.9, "mix", 0.8, "amp", 1.0)),
                LiveRenderer.MAIN);
        live.note(note("sine", 57, 4, reverb), 0);
        live.note(note("sine", 57, 1, LiveRenderer.MAIN), SR);   // queued for 1 s: must never sound
        float[] before = play(0.3);
        double ownStep = largestStep(before, before.length / 2);
        assertTrue(live.stopped(), "nothing asked yet");
        assertTrue(live.stopAll(0.05));
        assertTrue(!live.stopped(), "asked, not yet carried out");
        float[] out = play(1.2);
        // Fading only scales the signal down: it never steps further than the signal itself did; a cut would.
        assertTrue(largestStep(out, 0) <= ownStep * 1.05, "no click on the way down: " + largestStep(out, 0)
                + " against " + ownStep);
        assertTrue(rms(out, (int) (0.06 * SR)) == 0, "silent after 50 ms: no reverb tail, no queued note");
        assertTrue(live.stopped());
        assertEquals(0, live.stats().voices());
        assertEquals(0, live.stats().effects(), "the reverb is gone, its slot freed");
        assertEquals(reverb, live.addEffect(new FxBus(1, "echo", 0, Map.of()), LiveRenderer.MAIN), "slot free again");
        live.note(note("tri", 57, 0.5, LiveRenderer.MAIN), live.position());
        float[] again = play(0.4);
        assertEquals(220, new Yin(SR).detect(again, (int) (0.1 * SR), 4096).frequency(), 2, "plays again at full level");
        assertTrue(rms(again, (int) (0.1 * SR)) > 0.1, "at full level: " + rms(again, (int) (0.1 * SR)));
    }

    @Test
    void theSameNoteSoundsAsInAnOfflineRender() {
        live.note(note("tri", 57, 0.5, LiveRenderer.MAIN), 0);
        float[] out = play(0.4);
        assertEquals(220, new Yin(SR).detect(out, (int) (0.1 * SR), 4096).frequency(), 2);
    }

    private static float[] join(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] diff(float[] x) {
        float[] d = new float[x.length];
        for (int i = 1; i < x.length; i++) {
            d[i] = x[i] - x[i - 1];
        }
        return d;
    }

    private static double largestStep(float[] x, int from) {
        double max = 0;
        for (int i = Math.max(1, from); i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - x[i - 1]));
        }
        return max;
    }

    private static double rms(float[] x, int from) {
        double sum = 0;
        for (int i = from; i < x.length; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / Math.max(1, x.length - from));
    }
}
