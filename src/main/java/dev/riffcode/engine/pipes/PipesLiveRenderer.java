package dev.riffcode.engine.pipes;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.dsp.Wavetables;
import dev.riffcode.engine.realtime.SpscRing;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.PortEvent;
import dev.riffcode.score.SampleHit;
import dev.riffcode.score.UnitGraph;
import java.util.Arrays;

/**
 * The Pipes backend's live renderer: the same voices, effects and unit graphs as an offline render, fed while they
 * play. The scheduler thread builds voices and effects and queues them; the audio thread starts them on their exact
 * frames and renders, touching only memory that was allocated up front.
 */
final class PipesLiveRenderer implements LiveRenderer {

    /** Effect slots, the main output included. */
    static final int SLOTS = 128;
    static final int MAX_VOICES = 512;
    static final int MAX_PENDING = 8192;
    static final int MAX_GRAPHS = 16;
    /** An effect whose notes have ended is freed once its output stays below this for {@link #TAIL_SILENT_SECONDS}. */
    private static final float TAIL_SILENCE = 1e-5f;
    private static final double TAIL_SILENT_SECONDS = 0.25;
    /** However long a tail rings, a released effect is freed after this. */
    private static final double MAX_TAIL_SECONDS = 12;

    private final int sampleRate;
    private final int block;
    private final Wavetables tables;
    private final long seed;

    // ---- scheduler side
    private final SpscRing<Object> commands = new SpscRing<>(16_384);
    private final SpscRing<Integer> freed = new SpscRing<>(SLOTS * 2);
    private final SpscRing<Integer> freedGraphs = new SpscRing<>(MAX_GRAPHS * 2);
    /** Scheduler side: the graphs it handed over, to look up the ports that changes name. */
    private final GraphRenderer[] graphsSent = new GraphRenderer[MAX_GRAPHS];
    private final boolean[] slotTaken = new boolean[SLOTS];
    private final boolean[] graphTaken = new boolean[MAX_GRAPHS];
    private long notesSent;

    // ---- audio side
    private final float[][] busL;
    private final float[][] busR;
    private final Effect[] effects = new Effect[SLOTS];
    private final int[] parent = new int[SLOTS];
    private final int[] depth = new int[SLOTS];
    private final boolean[] releasing = new boolean[SLOTS];
    private final long[] quietFrames = new long[SLOTS];
    private final long[] releasedFrames = new long[SLOTS];
    /** Voices sounding or waiting per slot: a slot is freed only when none is left. */
    private final int[] voicesIn = new int[SLOTS];
    /** Effect slots, deepest first, so each runs before the bus it feeds. */
    private final int[] order = new int[SLOTS];
    private final GraphRenderer[] graphs = new GraphRenderer[MAX_GRAPHS];
    private int orderCount;
    private final Voice[] active = new Voice[MAX_VOICES];
    private int activeCount;
    private final Voice[] pending = new Voice[MAX_PENDING];
    private final long[] pendingFrame = new long[MAX_PENDING];
    private final long[] pendingTag = new long[MAX_PENDING];
    private int pendingCount;
    private final float[] scratch;
    private final long tailSilentFrames;
    private final long maxTailFrames;
    private float fadeGain = 1f;
    private float fadeStep;
    /** A {@link StopAll} is fading: once silent, everything is forgotten. */
    private boolean stopping;
    /** Stops asked for (written by the scheduler side only) and carried out (the audio side only). */
    private volatile long stopsAsked;
    private volatile long stopsDone;
    private volatile long position;
    private volatile long lateNotes;
    private volatile long droppedNotes;
    private volatile int voiceCount;
    private volatile int effectCount;

    /** Commands from the scheduler to the audio thread. */
    private record StartNote(Voice voice, long frame, long tag) {
    }

    private record Cancel(long tag) {
    }

    private record AddEffect(int slot, Effect effect, int parent) {
    }

    private record ChangeEffect(int slot, double[] values) {
    }

    private record ReleaseEffect(int slot) {
    }

    private record FadeOut(int frames) {
    }

    private record StopAll(int frames) {
    }

    private record AddGraph(int handle, GraphRenderer graph) {
    }

    private record PortChange(int handle, InPort port, PortEvent.Action action, double value, long frame, long ramp,
            long tag) {
    }

    private record RetireGraph(int handle, long frame) {
    }

    PipesLiveRenderer(RenderSettings settings, Wavetables tables, long seed) {
        this.sampleRate = settings.sampleRate();
        this.block = settings.blockSize();
        this.tables = tables;
        this.seed = seed;
        busL = new float[SLOTS][block];
        busR = new float[SLOTS][block];
        scratch = new float[block];
        slotTaken[MAIN] = true;
        tailSilentFrames = Math.round(TAIL_SILENT_SECONDS * sampleRate);
        maxTailFrames = Math.round(MAX_TAIL_SECONDS * sampleRate);
    }

    // ------------------------------------------------------------------ scheduler side

    @Override
    public boolean note(NoteEvent note, long frame, long tag) {
        Voice voice = Voices.create(note, sampleRate, block, tables, seed * 31 + notesSent++);
        return commands.offer(new StartNote(voice, frame, tag));
    }

    @Override
    public boolean sample(SampleHit hit, AudioClip audio, long frame, long tag) {
        if (audio.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("a sample at " + audio.sampleRate() + " Hz for a renderer at "
                    + sampleRate + " Hz");
        }
        return commands.offer(new StartNote(new SampleVoice(hit, audio, sampleRate), frame, tag));
    }

    @Override
    public void cancel(long tag) {
        if (tag != 0) {
            commands.offer(new Cancel(tag));
        }
    }

    @Override
    public int addEffect(FxBus fx, int parentSlot) {
        collectFreed();
        for (int slot = 1; slot < SLOTS; slot++) {
            if (!slotTaken[slot]) {
                if (!commands.offer(new AddEffect(slot, Effect.create(fx, sampleRate, block), parentSlot))) {
                    return -1;
                }
                slotTaken[slot] = true;
                return slot;
            }
        }
        return -1;
    }

    @Override
    public void changeEffect(int slot, FxBus fx) {
        commands.offer(new ChangeEffect(slot, Effect.valuesFor(fx, sampleRate)));
    }

    @Override
    public void releaseEffect(int slot) {
        commands.offer(new ReleaseEffect(slot));
    }

    @Override
    public int addGraph(UnitGraph graph, long frame) {
        Integer back;
        while ((back = freedGraphs.poll()) != null) {
            graphTaken[back] = false;
            graphsSent[back] = null;
        }
        for (int h = 0; h < MAX_GRAPHS; h++) {
            if (!graphTaken[h]) {
                GraphRenderer g = GraphRenderer.live(graph, sampleRate, block, tables, seed + 7919L * h, frame);
                if (!commands.offer(new AddGraph(h, g))) {
                    return -1;
                }
                graphTaken[h] = true;
                graphsSent[h] = g;
                return h;
            }
        }
        return -1;
    }

    @Override
    public boolean portChange(int graph, PortEvent change, long frame, long tag) {
        GraphRenderer g = graph >= 0 && graph < MAX_GRAPHS ? graphsSent[graph] : null;
        InPort port = g == null ? null : g.port(change.unit(), change.port(), change.part());
        if (port == null) {
            return false;
        }
        return commands.offer(new PortChange(graph, port, change.action(), change.value(), frame,
                Math.round(change.duration() * sampleRate), tag));
    }

    @Override
    public void retireGraph(int graph, long frame) {
        commands.offer(new RetireGraph(graph, frame));
    }

    @Override
    public void fadeOut(double seconds) {
        commands.offer(new FadeOut((int) Math.max(1, Math.round(seconds * sampleRate))));
    }

    @Override
    public boolean stopAll(double seconds) {
        if (!commands.offer(new StopAll((int) Math.max(1, Math.round(seconds * sampleRate))))) {
            return false;
        }
        stopsAsked = stopsAsked + 1;   // this side is its only writer
        return true;
    }

    @Override
    public boolean stopped() {
        return stopsDone == stopsAsked;
    }

    private void collectFreed() {
        Integer slot;
        while ((slot = freed.poll()) != null) {
            slotTaken[slot] = false;
        }
    }

    // ------------------------------------------------------------------ either side

    @Override
    public long position() {
        return position;
    }

    @Override
    public Stats stats() {
        return new Stats(lateNotes, droppedNotes, voiceCount, effectCount, fadeGain <= 0f);
    }

    // ------------------------------------------------------------------ audio side

    @Override
    public void render(float[] left, float[] right) {
        long start = position;
        long end = start + block;
        takeCommands();
        startDueVoices(start, end);
        clearBuses();
        for (int i = activeCount - 1; i >= 0; i--) {
            Voice v = active[i];
            if (!v.render(scratch, busL[v.bus], busR[v.bus], block)) {
                voicesIn[v.bus]--;
                active[i] = active[--activeCount];
                active[activeCount] = null;
            }
        }
        renderGraphs(start);
        runEffects();
        float[] mainL = busL[MAIN];
        float[] mainR = busR[MAIN];
        if (fadeStep > 0 || fadeGain < 1f) {
            for (int i = 0; i < block; i++) {
                fadeGain = Math.max(0f, fadeGain - fadeStep);
                left[i] = mainL[i] * fadeGain;
                right[i] = mainR[i] * fadeGain;
            }
        } else {
            System.arraycopy(mainL, 0, left, 0, block);
            System.arraycopy(mainR, 0, right, 0, block);
        }
        if (stopping && fadeGain <= 0f) {
            forgetEverything();
        }
        voiceCount = activeCount;
        position = end;
    }

    /** The end of a {@link StopAll}: silent now, so dropping every voice, graph and effect cannot click. */
    private void forgetEverything() {
        for (int i = 0; i < activeCount; i++) {
            voicesIn[active[i].bus]--;
            active[i] = null;
        }
        activeCount = 0;
        dropPending();
        for (int h = 0; h < MAX_GRAPHS; h++) {
            // Each handle is in the ring at most once, and the ring holds them all: the offer cannot fail.
            if (graphs[h] != null && freedGraphs.offer(h)) {
                graphs[h] = null;
            }
        }
        for (int s = 1; s < SLOTS; s++) {
            if (effects[s] != null && freed.offer(s)) {
                effects[s] = null;
                releasing[s] = false;
            }
        }
        reorder();
        fadeGain = 1f;
        fadeStep = 0f;
        stopping = false;
        stopsDone = stopsDone + 1;   // this side is its only writer
    }

    private void dropPending() {
        for (int i = pendingCount - 1; i >= 0; i--) {
            voicesIn[pending[i].bus]--;
            removePending(i);
        }
    }

    private void takeCommands() {
        Object c;
        while ((c = commands.poll()) != null) {
            if (c instanceof StartNote s) {
                if (pendingCount < MAX_PENDING) {
                    pending[pendingCount] = s.voice();
                    pendingTag[pendingCount] = s.tag();
                    pendingFrame[pendingCount++] = s.frame();
                    voicesIn[s.voice().bus]++;
                } else {
                    droppedNotes++;
                }
            } else if (c instanceof AddEffect a) {
                effects[a.slot()] = a.effect();
                parent[a.slot()] = a.parent();
                releasing[a.slot()] = false;
                quietFrames[a.slot()] = 0;
                Arrays.fill(busL[a.slot()], 0f);
                Arrays.fill(busR[a.slot()], 0f);
                reorder();
            } else if (c instanceof ChangeEffect ch) {
                if (effects[ch.slot()] != null) {
                    effects[ch.slot()].glideTo(ch.values());
                }
            } else if (c instanceof ReleaseEffect r) {
                if (effects[r.slot()] != null) {
                    releasing[r.slot()] = true;
                    releasedFrames[r.slot()] = 0;
                }
            } else if (c instanceof FadeOut f) {
                fadeStep = 1f / f.frames();
            } else if (c instanceof StopAll f) {
                dropPending();   // not started: dropping them is silent
                fadeStep = 1f / f.frames();
                stopping = true;
            } else if (c instanceof AddGraph g) {
                graphs[g.handle()] = g.graph();
            } else if (c instanceof PortChange p) {
                GraphRenderer g = graphs[p.handle()];
                if (g != null && !g.schedule(p.port(), p.action(), p.value(), p.frame(), p.ramp(), p.tag())) {
                    droppedNotes++;
                }
            } else if (c instanceof Cancel x) {
                cancelPending(x.tag());
            } else if (c instanceof RetireGraph r) {
                if (graphs[r.handle()] != null) {
                    graphs[r.handle()].retire(r.frame());
                }
            }
        }
    }

    private void startDueVoices(long start, long end) {
        for (int i = pendingCount - 1; i >= 0; i--) {
            long frame = pendingFrame[i];
            if (frame >= end) {
                continue;
            }
            Voice v = pending[i];
            removePending(i);
            if (frame < start) {
                lateNotes++;
            }
            if (activeCount < MAX_VOICES && effectsAlive(v.bus)) {
                v.startOffset = (int) Math.max(0, frame - start);
                active[activeCount++] = v;
            } else {
                voicesIn[v.bus]--;
                droppedNotes++;
            }
        }
    }

    private void renderGraphs(long start) {
        for (int h = 0; h < MAX_GRAPHS; h++) {
            GraphRenderer g = graphs[h];
            if (g != null) {
                g.render(start, busL, busR, block);
                if (g.finished(start + block) && freedGraphs.offer(h)) {
                    graphs[h] = null;
                }
            }
        }
    }

    private void removePending(int i) {
        pendingCount--;
        pending[i] = pending[pendingCount];
        pendingFrame[i] = pendingFrame[pendingCount];
        pendingTag[i] = pendingTag[pendingCount];
        pending[pendingCount] = null;
    }

    /** Drops the tagged notes not started yet, and the graphs' tagged changes still to come. */
    private void cancelPending(long tag) {
        for (int i = pendingCount - 1; i >= 0; i--) {
            if (pendingTag[i] == tag) {
                voicesIn[pending[i].bus]--;
                removePending(i);
            }
        }
        for (GraphRenderer g : graphs) {
            if (g != null) {
                g.cancel(tag);
            }
        }
    }

    private boolean effectsAlive(int slot) {
        return slot == MAIN || effects[slot] != null;
    }

    private void clearBuses() {
        Arrays.fill(busL[MAIN], 0f);
        Arrays.fill(busR[MAIN], 0f);
        for (int k = 0; k < orderCount; k++) {
            int s = order[k];
            Arrays.fill(busL[s], 0f);
            Arrays.fill(busR[s], 0f);
        }
    }

    /** Effects deepest first, each into its parent; released ones are freed once silent. */
    private void runEffects() {
        boolean changed = false;
        for (int k = 0; k < orderCount; k++) {
            int s = order[k];
            Effect e = effects[s];
            float[] l = busL[s];
            float[] r = busR[s];
            e.process(l, r, block);
            float[] pl = busL[parent[s]];
            float[] pr = busR[parent[s]];
            float peak = 0;
            for (int i = 0; i < block; i++) {
                pl[i] += l[i];
                pr[i] += r[i];
                peak = Math.max(peak, Math.max(Math.abs(l[i]), Math.abs(r[i])));
            }
            if (releasing[s]) {
                releasedFrames[s] += block;
                quietFrames[s] = peak < TAIL_SILENCE ? quietFrames[s] + block : 0;
                boolean rangOut = voicesIn[s] == 0 && quietFrames[s] >= tailSilentFrames;
                if ((rangOut || releasedFrames[s] >= maxTailFrames) && !feedsAnother(s) && freed.offer(s)) {
                    effects[s] = null;
                    releasing[s] = false;
                    changed = true;
                }
            }
        }
        if (changed) {
            reorder();
        }
    }

    private boolean feedsAnother(int slot) {
        for (int k = 0; k < orderCount; k++) {
            int s = order[k];
            if (s != slot && effects[s] != null && parent[s] == slot) {
                return true;
            }
        }
        return false;
    }

    /** Recomputes the processing order (deepest first) in place: no allocation. */
    private void reorder() {
        orderCount = 0;
        int maxDepth = 0;
        for (int s = 1; s < SLOTS; s++) {
            if (effects[s] != null) {
                int d = 0;
                for (int p = s; p != MAIN && d < SLOTS; p = parent[p]) {
                    d++;
                }
                depth[s] = d;
                maxDepth = Math.max(maxDepth, d);
            }
        }
        for (int d = maxDepth; d >= 1; d--) {
            for (int s = 1; s < SLOTS; s++) {
                if (effects[s] != null && depth[s] == d) {
                    order[orderCount++] = s;
                }
            }
        }
        effectCount = orderCount;
    }
}
