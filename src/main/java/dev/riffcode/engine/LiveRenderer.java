package dev.riffcode.engine;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.PortEvent;
import dev.riffcode.score.SampleHit;
import dev.riffcode.score.UnitGraph;

/**
 * Music that arrives while it plays. It has two sides, each for exactly one thread:
 * <ul>
 * <li>the scheduler side (notes, effects, graphs, fades) prepares everything that costs memory or time, such as a
 * note's voice or an effect's units, and hands it over through a lock-free queue; it never waits for the audio;</li>
 * <li>the audio side ({@link #render}) starts what is due on its exact frame and renders one block. It allocates
 * nothing and never blocks.</li>
 * </ul>
 * Effects live in numbered slots; slot {@link #MAIN} is the main output. The scheduler decides which slot an effect
 * of a new version takes (its own, when it is the same effect in the same place).
 */
public interface LiveRenderer {

    /** The main output's slot. */
    int MAIN = 0;

    // ------------------------------------------------------------------ scheduler side

    /** Queues a note to start on {@code frame}, into the slot {@code note.bus()}. False when the queue is full. */
    default boolean note(NoteEvent note, long frame) {
        return note(note, frame, 0);
    }

    /**
     * Queues a note as {@link #note(NoteEvent, long)} does, tagged: {@link #cancel} with the same tag takes back the
     * tagged notes and port changes that have not started yet (a loop pass computed ahead, whose body changed).
     */
    boolean note(NoteEvent note, long frame, long tag);

    /**
     * Queues a sample to start on {@code frame}, into the slot {@code hit.bus()}, tagged as a note is. {@code audio} is
     * the sample decoded at the renderer's rate (decode it before: this only builds the voice). False when the queue
     * is full or the backend plays no samples.
     */
    default boolean sample(SampleHit hit, AudioClip audio, long frame, long tag) {
        return false;
    }

    /** Takes back every queued note and port change with this tag (non-zero) that has not started yet. */
    void cancel(long tag);

    /** Creates an effect that feeds {@code parentSlot} and returns its slot, or -1 when every slot is taken. */
    int addEffect(FxBus fx, int parentSlot);

    /** Another version's values for a playing effect of the same kind: it glides to them, its tail carries on. */
    void changeEffect(int slot, FxBus fx);

    /** No new notes will come to the effect: once its notes have ended and its tail is silent, the slot is freed. */
    void releaseEffect(int slot);

    /**
     * Starts a unit graph on {@code frame}, fading in over a few milliseconds; its routes name effect slots.
     * Returns a handle for {@link #portChange} and {@link #retireGraph}, or -1 when too many graphs play.
     */
    int addGraph(UnitGraph graph, long frame);

    /** A timed change of one of a graph's ports, on {@code frame}, tagged as for {@link #note(NoteEvent, long, long)}.
     * False when the queue is full or the graph has no such port. */
    boolean portChange(int graph, PortEvent change, long frame, long tag);

    /** Fades a graph out from {@code frame} (a few milliseconds) and forgets it. */
    void retireGraph(int graph, long frame);

    /** Fades everything out over {@code seconds}, from the next block on. */
    void fadeOut(double seconds);

    /**
     * Stop, for an editor's Stop button: notes not started yet are dropped at once, everything that sounds fades out
     * over {@code seconds} (no click), and then every voice, unit graph and effect is forgotten and the level is back
     * to full, so the renderer plays new music as if new. Its clock goes on. Until {@link #stopped()} is true again,
     * send nothing else: what arrives during the fade is forgotten with the rest. False when the queue to the audio
     * side is full (call again).
     */
    boolean stopAll(double seconds);

    /** False from a {@link #stopAll} until the audio side has carried it out. */
    boolean stopped();

    // ------------------------------------------------------------------ either side

    /** Frames rendered so far: the audio side's clock. */
    long position();

    /** Counters for the terminal and the benchmark. */
    Stats stats();

    /**
     * @param lateNotes    notes that arrived after their frame had been rendered (they start at once)
     * @param droppedNotes notes dropped because too many voices sounded at once
     * @param voices       voices sounding now
     * @param effects      effect slots in use (including ones whose tails are ringing out)
     * @param faded        true once a {@link #fadeOut} has reached silence
     */
    record Stats(long lateNotes, long droppedNotes, int voices, int effects, boolean faded) {
    }

    // ------------------------------------------------------------------ audio side

    /** Renders the next block (the block size given at creation) into {@code left} and {@code right}, raw. */
    void render(float[] left, float[] right);
}
