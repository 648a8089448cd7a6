package dev.riffcode.engine.pipes;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.SampleSource;
import dev.riffcode.engine.ScoreRenderer;
import dev.riffcode.engine.WorkShare;
import dev.riffcode.engine.dsp.Wavetables;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.SampleHit;
import dev.riffcode.score.Score;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays one score: starts each note's and sample's voice on its exact frame, renders voices and the unit graph
 * into their buses, runs the effect buses innermost first into their parents, and hands out the
 * main bus.
 *
 * <p>For a stem it plays one part: the score is set up whole (every effect, every voice's seed, the whole unit graph),
 * and only the part's voices and graph outputs sound, so a stem is exactly what its part adds to the mix before the
 * effects (which are linear, apart from distortion).
 */
final class PipesScoreRenderer implements ScoreRenderer {

    private final int sampleRate;
    private final int block;
    private final Wavetables tables;
    private final long seed;
    private final NoteEvent[] notes;
    private final long[] startFrame;
    private final SampleHit[] hits;
    private final AudioClip[] hitAudio;
    private final long[] hitFrame;
    private int nextHit;
    private final float[][] busL;
    private final float[][] busR;
    private final Effect[] effects;
    private final int[] parent;
    private final GraphRenderer graph;
    private final List<Voice> active = new ArrayList<>();
    private final float[] scratch;
    private final long lastNoteEnd;
    /** The part that sounds, or null for all of them. */
    private final String strand;
    private int next;
    private long position;

    /**
     * @param samples the audio of the samples the score names; every one is fetched here, before rendering starts
     * @param strand  the part to play (a stem), or null for the whole score
     * @throws UncheckedIOException when a sample cannot be had (the studio checks them all before it renders)
     */
    PipesScoreRenderer(Score score, RenderSettings settings, Wavetables tables, long seed, SampleSource samples,
            String strand) {
        this.strand = strand;
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
        hits = score.samples().stream().sorted(Comparator.comparingDouble(SampleHit::time)).toArray(SampleHit[]::new);
        hitAudio = new AudioClip[hits.length];
        hitFrame = new long[hits.length];
        Map<String, AudioClip> byName = new HashMap<>();
        for (int i = 0; i < hits.length; i++) {
            SampleHit h = hits[i];
            AudioClip audio = byName.get(h.name());
            if (audio == null) {
                try {
                    audio = samples.audio(h.name(), sampleRate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                byName.put(h.name(), audio);
            }
            hitAudio[i] = audio;
            hitFrame[i] = Math.round(h.time() * sampleRate);
            end = Math.max(end, Math.round((h.time() + h.seconds(audio.durationSeconds())) * sampleRate));
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
                : new GraphRenderer(score.graph(), sampleRate, block, tables, seed, score.lengthSeconds(), strand);
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
            if (!sounds(notes[next].strand())) {
                next++;
                continue;
            }
            Voice v = Voices.create(notes[next], sampleRate, block, tables, seed * 31 + next);
            v.startOffset = (int) Math.max(0, startFrame[next] - position);
            active.add(v);
            next++;
        }
        while (nextHit < hits.length && hitFrame[nextHit] < blockEnd) {
            if (!sounds(hits[nextHit].strand())) {
                nextHit++;
                continue;
            }
            Voice v = new SampleVoice(hits[nextHit], hitAudio[nextHit], sampleRate);
            v.startOffset = (int) Math.max(0, hitFrame[nextHit] - position);
            active.add(v);
            nextHit++;
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
    public void shareWith(WorkShare share) {
        if (graph != null) {
            graph.shareWith(share);
        }
    }

    private boolean sounds(String part) {
        return strand == null || strand.equals(part);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public boolean scoreFinished() {
        return next >= notes.length && nextHit >= hits.length && active.isEmpty() && position >= lastNoteEnd
                && (graph == null || graph.finished(position));
    }
}
