package dev.riffcode.engine.pipes;

import dev.riffcode.engine.dsp.Wavetables;
import dev.riffcode.score.Catalog;
import dev.riffcode.score.Connection;
import dev.riffcode.score.OutputRoute;
import dev.riffcode.score.PortEvent;
import dev.riffcode.score.UnitGraph;
import dev.riffcode.score.UnitSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the unit-generator level of a score: units in dependency order, timed port changes on
 * their exact frames, and what the script sent out mixed into the buses. The graph sounds until
 * the score's end, then fades out in a few milliseconds so it never stops with a click.
 */
final class GraphRenderer {

    private static final double FADE_SECONDS = 0.01;

    private final GraphUnit[] order;
    private final InPort[][] portsOf;
    private final PortEvent[] events;
    private final long[] eventFrame;
    private final InPort[] eventPort;
    private final long[] rampFrames;
    private final List<Route> routes = new ArrayList<>();
    private final long endFrame;
    private final float fadeStep;
    private float level = 1f;
    private int nextEvent;

    private record Route(float[] source, int bus, float gainL, float gainR) {
    }

    GraphRenderer(UnitGraph graph, int sampleRate, int block, Wavetables tables, long seed, double endSeconds) {
        GraphUnit[] units = new GraphUnit[graph.units().size()];
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
            double angle = (r.pan() + 1) * Math.PI / 4;
            routes.add(new Route(units[r.unit() - 1].out(r.port(), r.part()), r.bus(),
                    (float) (Math.cos(angle) * r.amp()), (float) (Math.sin(angle) * r.amp())));
        }
        for (GraphUnit u : units) {
            if (u instanceof GraphUnits.LineOut lineOut) {
                routes.add(new Route(lineOut.mix[0], 0, 1f, 0f));
                routes.add(new Route(lineOut.mix[1], 0, 0f, 1f));
            }
        }
        endFrame = Math.round(endSeconds * sampleRate);
        fadeStep = (float) (1.0 / Math.max(1, FADE_SECONDS * sampleRate));
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
        for (int i = 0; i < order.length; i++) {
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
            long frame = blockStart;
            for (int i = 0; i < n; i++, frame++) {
                if (frame >= endFrame) {
                    g = Math.max(0f, g - fadeStep);
                }
                l[i] += src[i] * gl * g;
                rr[i] += src[i] * gr * g;
            }
        }
        if (blockEnd > endFrame) {
            level = Math.max(0f, level - fadeStep * (blockEnd - Math.max(blockStart, endFrame)));
        }
    }

    boolean finished(long position) {
        return position >= endFrame && level <= 0f;
    }
}
