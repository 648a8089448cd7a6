package dev.riffcode.ui.scope;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;

/** An oscilloscope: the latest few tens of milliseconds of the mono mix, full scale from edge to edge. */
final class WaveformView extends ScopeScreen {

    private static final int PAD = 4;

    /** The samples on screen, starting just before the trigger point. */
    private float[] sweep = new float[0];
    private int count;
    /** Where the trigger point lies after sweep[0], in samples (0..1). */
    private double offset;
    /** Samples across the screen. */
    private int width = 1;
    /** Reused each frame: reset() keeps its arrays. Drawn in floating point, so the trace keeps its sub-pixel place. */
    private final Path2D.Float path = new Path2D.Float(Path2D.WIND_NON_ZERO, 4096);
    private final Rectangle plot = new Rectangle();

    WaveformView() {
        super("Waveform", "Waveform: the latest 30 ms, held still on a steady tone", new Dimension(220, 150));
    }

    /** Takes the sweep of {@code samplesAcross} samples to show from {@code signal[0..length)}. */
    void show(float[] signal, int length, int samplesAcross) {
        if (sweep.length < samplesAcross + 2) {
            // Grows only when the sample rate changes, not per frame.
            sweep = new float[samplesAcross + 2];
        }
        double start = Trigger.find(signal, length, samplesAcross);
        int first = (int) start;
        count = Math.min(samplesAcross + 2, length - first);
        System.arraycopy(signal, first, sweep, 0, count);
        offset = start - first;
        width = samplesAcross;
    }

    void clear() {
        count = 0;
    }

    /** Where the trace is drawn, in this component's coordinates. */
    Rectangle plotBounds() {
        plot.setBounds(PAD, PAD, Math.max(0, getWidth() - 2 * PAD), Math.max(0, getHeight() - 2 * PAD));
        return plot;
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics;
        paintScreen(g);
        Rectangle p = plotBounds();
        int mid = p.y + p.height / 2;
        double half = (p.height - 1) / 2.0;
        g.setColor(GRID);
        g.drawLine(p.x, mid, p.x + p.width - 1, mid);
        g.drawLine(p.x, (int) Math.round(mid - half / 2), p.x + p.width - 1, (int) Math.round(mid - half / 2));
        g.drawLine(p.x, (int) Math.round(mid + half / 2), p.x + p.width - 1, (int) Math.round(mid + half / 2));
        if (count < 2) {
            return;
        }
        double step = (double) p.width / width;
        path.reset();
        for (int k = 0; k < count; k++) {
            float x = (float) (p.x + (k - offset) * step);
            float y = (float) (mid + 0.5 - Math.max(-1f, Math.min(1f, sweep[k])) * half);
            if (k == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        g.clipRect(p.x, p.y, p.width, p.height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(TRACE);
        g.draw(path);
    }
}
