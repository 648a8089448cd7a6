package dev.riffcode.engine.pipes;

import dev.riffcode.score.PortEvent.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One part of a unit's input port, JSyn's way: it holds a constant until something is connected
 * to it, and then carries the sum of what is connected. Timed changes from the score (set, ramp,
 * gate on/off) land on their exact frame inside a block, so a port "varies" during a block when
 * a change falls inside it or a ramp is under way; otherwise units read one constant.
 */
final class InPort {

    private final float[] own;
    private final List<float[]> sources = new ArrayList<>();
    /** When set, the connected units add straight into this port's buffer (no gathering pass). */
    private boolean accumulate;
    private float[] values;
    private boolean varying;
    private float value;
    private int filledTo;
    // a ramp in progress
    private float rampStep;
    private long rampLeft;
    // gate edges inside the current block: frame offset and on/off
    private final int[] edgeAt = new int[64];
    private final boolean[] edgeOn = new boolean[64];
    private int edges;

    InPort(double initial, int block) {
        this.value = (float) initial;
        this.own = new float[block];
        this.values = own;
    }

    void connect(float[] sourceBuffer) {
        sources.add(sourceBuffer);
    }

    boolean connected() {
        return !sources.isEmpty();
    }

    /**
     * Switches to accumulation: every source adds its signal into {@link #accumulator()} as it
     * generates, which saves a pass per source. Only valid when no one else reads those sources.
     */
    void accumulate() {
        accumulate = true;
    }

    float[] accumulator() {
        return own;
    }

    /** Starts a block: no timed change yet. */
    void beginBlock() {
        edges = 0;
        filledTo = 0;
        values = own;
        varying = rampLeft > 0;
        if (accumulate) {
            Arrays.fill(own, 0f);
        }
    }

    /** Applies a timed change at frame {@code at} of the current block (changes arrive in time order). */
    void change(int at, Action action, double target, long rampFrames) {
        if (connected()) {
            return;
        }
        varying = true;
        advance(at);
        switch (action) {
            case SET -> {
                rampLeft = 0;
                value = (float) target;
            }
            case ON, OFF -> {
                rampLeft = 0;
                value = action == Action.ON ? 1f : 0f;
                if (edges < edgeAt.length) {
                    edgeAt[edges] = at;
                    edgeOn[edges] = action == Action.ON;
                    edges++;
                }
            }
            case RAMP -> {
                rampLeft = Math.max(0, rampFrames);
                if (rampLeft == 0) {
                    value = (float) target;
                } else {
                    rampStep = (float) ((target - value) / rampFrames);
                }
            }
        }
    }

    /** Finishes the block's values: sums connected sources (already generated) or fills what changed. */
    void endBlock(int n) {
        if (accumulate) {
            varying = true;
        } else if (connected()) {
            if (sources.size() == 1) {
                values = sources.get(0);
            } else {
                System.arraycopy(sources.get(0), 0, own, 0, n);
                for (int s = 1; s < sources.size(); s++) {
                    float[] src = sources.get(s);
                    for (int i = 0; i < n; i++) {
                        own[i] += src[i];
                    }
                }
            }
            varying = true;
        } else if (varying) {
            advance(n);
        }
    }

    private void advance(int to) {
        for (int i = filledTo; i < to; i++) {
            if (rampLeft > 0) {
                value += rampStep;
                rampLeft--;
            }
            own[i] = value;
        }
        filledTo = Math.max(filledTo, to);
    }

    boolean varying() {
        return varying;
    }

    /** The value when not varying this block. */
    float constant() {
        return value;
    }

    /** Per-frame values for this block (filled also when constant). */
    float[] buffer(int n) {
        if (!varying) {
            Arrays.fill(own, 0, n, value);
            return own;
        }
        return values;
    }

    int edgeCount() {
        return edges;
    }

    int edgeAt(int i) {
        return edgeAt[i];
    }

    boolean edgeOn(int i) {
        return edgeOn[i];
    }
}
