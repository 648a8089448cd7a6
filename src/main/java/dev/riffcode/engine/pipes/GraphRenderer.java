package dev.riffcode.engine.pipes;

import dev.riffcode.engine.WorkShare;
import dev.riffcode.engine.dsp.Wavetables;
import dev.riffcode.score.Catalog;
import dev.riffcode.score.Connection;
import dev.riffcode.score.OutputRoute;
import dev.riffcode.score.PortEvent;
import dev.riffcode.score.UnitGraph;
import dev.riffcode.score.UnitSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the unit-generator level of a score: units in dependency order, timed port changes on
 * their exact frames, and what the script sent out mixed into the buses. The graph sounds until
 * the score's end, then fades out in a few milliseconds so it never stops with a click.
 *
 * <p>In live play ({@link #live}) the port changes arrive while it plays, it fades in from its start frame, and it
 * fades out from the frame it is retired on.
 */
final class GraphRenderer {

    private static final double FADE_SECONDS = 0.01;
    /** Fewer sources than this are not worth a second core: a block of a few oscillators takes microseconds. */
    private static final int MIN_SHARED_SOURCES = 16;
    private static final int SOURCES_PER_GROUP = 8;
    private static final int MAX_GROUPS = 8;
    /** Port changes a live graph can hold before their frames come. */
    private static final int LIVE_QUEUE = 4096;

    private final GraphUnit[] units;
    private final GraphUnit[] order;
    private final InPort[][] portsOf;
    private final PortEvent[] events;
    private final long[] eventFrame;
    private final InPort[] eventPort;
    private final long[] rampFrames;
    private final List<Route> routes = new ArrayList<>();
    private long endFrame;
    private final float fadeStep;
    private float level = 1f;
    private int nextEvent;
    /** Live play: changes waiting for their frame (unsorted; the few due in a block are applied in time order). */
    private final InPort[] livePort;
    private final PortEvent.Action[] liveAction;
    private final double[] liveValue;
    private final long[] liveFrame;
    private final long[] liveRamp;
    private final long[] liveTag;
    private int liveCount;
    private long startFrame;
    /** The sources (units with no input connected) in groups that may run on either core; empty when few. */
    private final SourceGroup[] groups;
    /** By position in {@link #order}: run by a group. */
    private final boolean[] grouped;
    /** Where the groups may be taken by a thread that waits for this render; null: all run here. */
    private WorkShare share;

    private record Route(float[] source, int bus, float gainL, float gainR) {
    }

    /**
     * @param strand the part whose outputs are heard (a stem), or null for every output; the whole graph runs either
     *               way, so a part's output is exactly what it adds to the full mix
     */
    GraphRenderer(UnitGraph graph, int sampleRate, int block, Wavetables tables, long seed, double endSeconds,
            String strand) {
        this(graph, sampleRate, block, tables, seed, Math.round(endSeconds * sampleRate), 0, strand);
    }

    /** A graph for live play: it sounds from {@code start} (fading in) until it is retired; its changes come later. */
    static GraphRenderer live(UnitGraph graph, int sampleRate, int block, Wavetables tables, long seed, long start) {
        return new GraphRenderer(graph, sampleRate, block, tables, seed, Long.MAX_VALUE, LIVE_QUEUE, null).startingAt(start);
    }

    private GraphRenderer startingAt(long frame) {
        startFrame = frame;
        level = 0f;
        return this;
    }

    private GraphRenderer(UnitGraph graph, int sampleRate, int block, Wavetables tables, long seed, long end,
            int liveQueue, String strand) {
        units = new GraphUnit[graph.units().size()];
        for (UnitSpec spec : graph.units()) {
            units[spec.id() - 1] = GraphUnits.create(spec.id(), Catalog.unit(spec.type()).orElseThrow(), sampleRate, block,
                    tables, seed + spec.id());
        }
        for (Connection c : graph.connections()) {
            units[c.toUnit() - 1].in(c.toPort(), c.toPart()).connect(units[c.fromUnit() - 1].out(c.fromPort(), c.fromPart()));
        }
        accumulateWherePossible(units, graph);
        order = topologicalOrder(units, graph.connections());
        portsOf = new InPort[order.length][];
        for (int i = 0; i < order.length; i++) {
            List<InPort> ports = new ArrayList<>();
            order[i].allInputs().forEach(parts -> ports.addAll(List.of(parts)));
            portsOf[i] = ports.toArray(InPort[]::new);
        }
        grouped = new boolean[order.length];
        groups = groupSources(order, portsOf, grouped);
        events = graph.events().stream().sorted(Comparator.comparingDouble(PortEvent::time)).toArray(PortEvent[]::new);
        eventFrame = new long[events.length];
        eventPort = new InPort[events.length];
        rampFrames = new long[events.length];
        for (int i = 0; i < events.length; i++) {
            PortEvent e = events[i];
            eventFrame[i] = Math.round(e.time() * sampleRate);
            eventPort[i] = units[e.unit() - 1].in(e.port(), e.part());
            rampFrames[i] = Math.round(e.duration() * sampleRate);
        }
        for (OutputRoute r : graph.outputs()) {
            if (strand != null && !strand.equals(r.strand())) {
                continue;
            }
            double angle = (r.pan() + 1) * Math.PI / 4;
            routes.add(new Route(units[r.unit() - 1].out(r.port(), r.part()), r.bus(),
                    (float) (Math.cos(angle) * r.amp()), (float) (Math.sin(angle) * r.amp())));
        }
        for (GraphUnit u : units) {
            if (u instanceof GraphUnits.LineOut lineOut
                    && (strand == null || strand.equals(graph.units().get(lineOut.id - 1).strand()))) {
                routes.add(new Route(lineOut.mix[0], 0, 1f, 0f));
                routes.add(new Route(lineOut.mix[1], 0, 0f, 1f));
            }
        }
        endFrame = end;
        fadeStep = (float) (1.0 / Math.max(1, FADE_SECONDS * sampleRate));
        livePort = new InPort[liveQueue];
        liveAction = new PortEvent.Action[liveQueue];
        liveValue = new double[liveQueue];
        liveFrame = new long[liveQueue];
        liveRamp = new long[liveQueue];
        liveTag = new long[liveQueue];
    }

    /** Offline renders: the source groups may be run by a thread that waits for this render (see {@link WorkShare}). */
    void shareWith(WorkShare share) {
        this.share = share;
    }

    /** The input a change names, or null when the graph has no such unit or port (looked up off the audio thread). */
    InPort port(int unit, String port, int part) {
        if (unit < 1 || unit > units.length) {
            return null;
        }
        try {
            return units[unit - 1].in(port, part);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Live play, audio thread: a change to apply on {@code frame}. False when the queue is full. */
    boolean schedule(InPort port, PortEvent.Action action, double value, long frame, long ramp, long tag) {
        if (liveCount >= livePort.length) {
            return false;
        }
        liveTag[liveCount] = tag;
        livePort[liveCount] = port;
        liveAction[liveCount] = action;
        liveValue[liveCount] = value;
        liveFrame[liveCount] = frame;
        liveRamp[liveCount] = ramp;
        liveCount++;
        return true;
    }

    /** Live play, audio thread: drops the changes with this tag that are still to come. */
    void cancel(long tag) {
        for (int i = liveCount - 1; i >= 0; i--) {
            if (liveTag[i] == tag) {
                removeLive(i);
            }
        }
    }

    /** Live play, audio thread: fades out from {@code frame} on. */
    void retire(long frame) {
        endFrame = Math.min(endFrame, frame);
    }

    /**
     * An input whose sources feed nothing else (no other connection, no route to a bus) does not
     * need its sources' buffers gathered: the sources add straight into it as they run.
     */
    private static void accumulateWherePossible(GraphUnit[] units, UnitGraph graph) {
        Map<String, Integer> fanOut = new HashMap<>();
        for (Connection c : graph.connections()) {
            fanOut.merge(c.fromUnit() + "/" + c.fromPort() + "/" + c.fromPart(), 1, Integer::sum);
        }
        for (OutputRoute r : graph.outputs()) {
            fanOut.merge(r.unit() + "/" + r.port() + "/" + r.part(), 1, Integer::sum);
        }
        Map<String, List<Connection>> byInput = new HashMap<>();
        for (Connection c : graph.connections()) {
            byInput.computeIfAbsent(c.toUnit() + "/" + c.toPort() + "/" + c.toPart(), k -> new ArrayList<>()).add(c);
        }
        for (List<Connection> feeding : byInput.values()) {
            boolean exclusive = feeding.stream()
                    .allMatch(c -> fanOut.get(c.fromUnit() + "/" + c.fromPort() + "/" + c.fromPart()) == 1);
            if (exclusive) {
                Connection any = feeding.get(0);
                InPort input = units[any.toUnit() - 1].in(any.toPort(), any.toPart());
                input.accumulate();
                for (Connection c : feeding) {
                    units[c.fromUnit() - 1].addInto(c.fromPort(), c.fromPart(), input.accumulator());
                }
            }
        }
    }

    /**
     * Splits the sources into groups that each add into buffers of their own, summed group by group after they
     * have all run: the sum is the same whichever core ran which group.
     */
    private static SourceGroup[] groupSources(GraphUnit[] order, InPort[][] portsOf, boolean[] grouped) {
        List<Integer> sources = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            if (order[i].isSource()) {
                sources.add(i);
            }
        }
        if (sources.size() < MIN_SHARED_SOURCES) {
            return new SourceGroup[0];
        }
        int count = Math.min(MAX_GROUPS, sources.size() / SOURCES_PER_GROUP);
        SourceGroup[] groups = new SourceGroup[count];
        for (int g = 0; g < count; g++) {
            List<Integer> members = sources.subList(g * sources.size() / count, (g + 1) * sources.size() / count);
            groups[g] = new SourceGroup(order, portsOf, members);
            members.forEach(i -> grouped[i] = true);
        }
        return groups;
    }

    /** Some sources, run together; what they add into the graph's inputs goes into copies of those inputs. */
    private static final class SourceGroup {
        private final GraphUnit[] units;
        private final InPort[][] ports;
        private final List<float[]> inputs = new ArrayList<>();
        private final List<float[]> copies = new ArrayList<>();

        SourceGroup(GraphUnit[] order, InPort[][] portsOf, List<Integer> members) {
            units = new GraphUnit[members.size()];
            ports = new InPort[members.size()][];
            Map<float[], float[]> copyOf = new IdentityHashMap<>();
            for (int m = 0; m < units.length; m++) {
                units[m] = order[members.get(m)];
                ports[m] = portsOf[members.get(m)];
                units[m].redirectTargets(input -> copyOf.computeIfAbsent(input, k -> {
                    inputs.add(k);
                    copies.add(new float[k.length]);
                    return copies.get(copies.size() - 1);
                }));
            }
        }

        /** Any thread: runs the group's units for the block. */
        void run(int n) {
            for (float[] copy : copies) {
                Arrays.fill(copy, 0, n, 0f);
            }
            for (int m = 0; m < units.length; m++) {
                for (InPort p : ports[m]) {
                    p.endBlock(n);
                }
                units[m].generate(n);
                units[m].deliver(n);
            }
        }

        /** The caller, once every group has run: adds this group's part into the inputs. */
        void addIntoInputs(int n) {
            for (int c = 0; c < copies.size(); c++) {
                float[] input = inputs.get(c);
                float[] copy = copies.get(c);
                for (int i = 0; i < n; i++) {
                    input[i] += copy[i];
                }
            }
        }
    }

    private static GraphUnit[] topologicalOrder(GraphUnit[] units, List<Connection> connections) {
        int n = units.length;
        int[] indegree = new int[n];
        List<List<Integer>> next = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            next.add(new ArrayList<>());
        }
        for (Connection c : connections) {
            next.get(c.fromUnit() - 1).add(c.toUnit() - 1);
            indegree[c.toUnit() - 1]++;
        }
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        List<GraphUnit> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            int u = ready.poll();
            out.add(units[u]);
            for (int v : next.get(u)) {
                if (--indegree[v] == 0) {
                    ready.add(v);
                }
            }
        }
        if (out.size() != n) {
            throw new IllegalArgumentException("the unit graph has a feedback loop");
        }
        return out.toArray(GraphUnit[]::new);
    }

    void render(long blockStart, float[][] busL, float[][] busR, int n) {
        for (InPort[] ports : portsOf) {
            for (InPort p : ports) {
                p.beginBlock();
            }
        }
        long blockEnd = blockStart + n;
        while (nextEvent < events.length && eventFrame[nextEvent] < blockEnd) {
            PortEvent e = events[nextEvent];
            int at = (int) Math.max(0, eventFrame[nextEvent] - blockStart);
            eventPort[nextEvent].change(at, e.action(), e.value(), rampFrames[nextEvent]);
            nextEvent++;
        }
        applyLiveChanges(blockStart, blockEnd);
        if (groups.length > 0) {
            if (share != null) {
                share.runAll(groups.length, g -> groups[g].run(n));
            } else {
                WorkShare.runHere(groups.length, g -> groups[g].run(n));
            }
            for (SourceGroup g : groups) {
                g.addIntoInputs(n);
            }
        }
        for (int i = 0; i < order.length; i++) {
            if (grouped[i]) {
                continue;
            }
            for (InPort p : portsOf[i]) {
                p.endBlock(n);
            }
            order[i].generate(n);
            order[i].deliver(n);
        }
        for (Route r : routes) {
            float[] src = r.source();
            float[] l = busL[r.bus()];
            float[] rr = busR[r.bus()];
            float gl = r.gainL();
            float gr = r.gainR();
            float g = level;
            if (g == 1f && blockEnd <= endFrame) {
                // Fully faded in and not yet fading out (nearly every block): no per-frame level to follow.
                for (int i = 0; i < n; i++) {
                    l[i] += src[i] * gl;
                    rr[i] += src[i] * gr;
                }
                continue;
            }
            long frame = blockStart;
            for (int i = 0; i < n; i++, frame++) {
                if (frame >= endFrame) {
                    g = Math.max(0f, g - fadeStep);
                } else if (frame >= startFrame && g < 1f) {
                    g = Math.min(1f, g + fadeStep);
                }
                l[i] += src[i] * gl * g;
                rr[i] += src[i] * gr * g;
            }
        }
        level = levelAfter(blockStart, blockEnd);
    }

    /** The fade level at the end of a block: rising from the start frame, falling from the end frame. */
    private float levelAfter(long blockStart, long blockEnd) {
        float g = level;
        if (blockEnd > endFrame) {
            return Math.max(0f, g - fadeStep * (blockEnd - Math.max(blockStart, endFrame)));
        }
        if (blockEnd > startFrame && g < 1f) {
            return Math.min(1f, g + fadeStep * (blockEnd - Math.max(blockStart, startFrame)));
        }
        return g;
    }

    /** Applies the live changes due in this block, earliest first (a port takes its changes in time order). */
    private void applyLiveChanges(long blockStart, long blockEnd) {
        while (true) {
            int first = -1;
            for (int i = 0; i < liveCount; i++) {
                if (liveFrame[i] < blockEnd && (first < 0 || liveFrame[i] < liveFrame[first])) {
                    first = i;
                }
            }
            if (first < 0) {
                return;
            }
            int at = (int) Math.max(0, liveFrame[first] - blockStart);
            livePort[first].change(at, liveAction[first], liveValue[first], liveRamp[first]);
            removeLive(first);
        }
    }

    private void removeLive(int i) {
        liveCount--;
        livePort[i] = livePort[liveCount];
        liveAction[i] = liveAction[liveCount];
        liveValue[i] = liveValue[liveCount];
        liveFrame[i] = liveFrame[liveCount];
        liveRamp[i] = liveRamp[liveCount];
        liveTag[i] = liveTag[liveCount];
        livePort[liveCount] = null;
    }

    boolean finished(long position) {
        return position >= endFrame && level <= 0f;
    }
}
