package dev.riffcode.engine.pipes;

import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.ScoreRenderer;
import dev.riffcode.engine.dsp.Wavetables;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.Score;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Plays one score: starts each note's voice on its exact frame, renders voices and the unit graph
 * into their buses, runs the effect buses innermost first into their parents, and hands out the
 * main bus.
 */
final class PipesScoreRenderer implements ScoreRenderer {

    private final int sampleRate;
    private final int block;
    private final Wavetables tables;
    private final long seed;
    private final NoteEvent[] notes;
    private final long[] startFrame;
    private final float[][] busL;
    private final float[][] busR;
    private final Effect[] effects;
    private final int[] parent;
    private final GraphRenderer graph;
    private final List<Voice> active = new ArrayList<>();
    private final float[] scratch;
    private final long lastNoteEnd;
    private int next;
    private long position;

    PipesScoreRenderer(Score score, RenderSettings settings, Wavetables tables, long seed) {
        this.sampleRate = settings.sampleRate();
        this.block = settings.blockSize();
        this.tables = tables;
        this.seed = seed;
        notes = score.notes().stream().sorted(Comparator.comparingDouble(NoteEvent::time)).toArray(NoteEvent[]::new);
        startFrame = new long[notes.length];
        long end = 0;
        for (int i = 0; i < notes.length; i++) {
            startFrame[i] = Math.round(notes[i].time() * sampleRate);
            end = Math.max(end, Math.round(notes[i].end() * sampleRate));
        }
        lastNoteEnd = end;
        int buses = score.fx().size() + 1;
        busL = new float[buses][block];
        busR = new float[buses][block];
        effects = new Effect[buses];
        parent = new int[buses];
        for (FxBus fx : score.fx()) {
            effects[fx.id()] = Effect.create(fx, sampleRate, block);
            parent[fx.id()] = fx.parent();
        }
        graph = score.graph().units().isEmpty() ? null
                : new GraphRenderer(score.graph(), sampleRate, block, tables, seed, score.lengthSeconds());
        scratch = new float[block];
    }

    @Override
    public void render(float[] left, float[] right) {
        for (int b = 0; b < busL.length; b++) {
            Arrays.fill(busL[b], 0f);
            Arrays.fill(busR[b], 0f);
        }
        long blockEnd = position + block;
        while (next < notes.length && startFrame[next] < blockEnd) {
            Voice v = Voices.create(notes[next], sampleRate, block, tables, seed * 31 + next);
            v.startOffset = (int) Math.max(0, startFrame[next] - position);
            active.add(v);
            next++;
        }
        for (int i = active.size() - 1; i >= 0; i--) {
            Voice v = active.get(i);
            if (!v.render(scratch, busL[v.bus], busR[v.bus], block)) {
                active.set(i, active.get(active.size() - 1));
                active.remove(active.size() - 1);
            }
        }
        if (graph != null) {
            graph.render(position, busL, busR, block);
        }
        // Effects were created parent-first, so higher ids are nested deeper: run them first.
        for (int b = effects.length - 1; b >= 1; b--) {
            effects[b].process(busL[b], busR[b], block);
            float[] pl = busL[parent[b]];
            float[] pr = busR[parent[b]];
            float[] l = busL[b];
            float[] r = busR[b];
            for (int i = 0; i < block; i++) {
                pl[i] += l[i];
                pr[i] += r[i];
            }
        }
        System.arraycopy(busL[0], 0, left, 0, block);
        System.arraycopy(busR[0], 0, right, 0, block);
        position = blockEnd;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public boolean scoreFinished() {
        return next >= notes.length && active.isEmpty() && position >= lastNoteEnd
                && (graph == null || graph.finished(position));
    }
}
