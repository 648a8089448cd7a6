package dev.riffcode.ui.scope;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;

/**
 * A stereo level meter on a dB scale: per channel a bar to the RMS level, a dimmer bar above it to the peak (which
 * falls back after a peak, so short hits stay readable), and one clip light for both.
 */
final class LevelMeter extends ScopeScreen {

    static final double MIN_DB = -60;
    private static final int[] LABELLED_DB = {0, -6, -12, -24, -36, -48};
    private static final String[] LABELS = {"0", "-6", "-12", "-24", "-36", "-48"};
    /** Zones: green for normal levels, yellow close to the top, red for the last few dB. */
    private static final double YELLOW_DB = -18;
    private static final double RED_DB = -6;
    private static final Color GREEN = new Color(0x3ddc84);
    private static final Color YELLOW = new Color(0xf4d03f);
    private static final Color RED = new Color(0xff5a4e);
    private static final Color GREEN_PEAK = GREEN.darker();
    private static final Color YELLOW_PEAK = YELLOW.darker();
    private static final Color RED_PEAK = RED.darker();
    private static final Color TRACK = new Color(0x1c2026);
    private static final Color CLIP_ON = new Color(0xff2d2d);
    private static final Color CLIP_OFF = new Color(0x3a1616);
    private static final int PAD = 4;
    private static final int GAP = 3;
    private static final int CLIP_HEIGHT = 10;

    private final float[] peak = new float[2];
    private final float[] rms = new float[2];
    private boolean clip;
    private final Rectangle bar = new Rectangle();
    private final Rectangle clipLight = new Rectangle();

    LevelMeter() {
        super("Level meter", "Level", new Dimension(76, 150));
    }

    /** Levels are linear (1 = full scale). */
    void show(float peakLeft, float peakRight, float rmsLeft, float rmsRight, boolean clipLit) {
        peak[0] = peakLeft;
        peak[1] = peakRight;
        rms[0] = rmsLeft;
        rms[1] = rmsRight;
        clip = clipLit;
    }

    boolean clipLit() {
        return clip;
    }

    float peak(int channel) {
        return peak[channel];
    }

    float rms(int channel) {
        return rms[channel];
    }

    /** Share of the scale a level fills: 0 at {@link #MIN_DB} and below, 1 at full scale. */
    static double fraction(double linear) {
        double db = 20 * Math.log10(Math.max(linear, 1e-9));
        return Math.max(0, Math.min(1, (db - MIN_DB) / -MIN_DB));
    }

    /** Channel 0 (left) or 1 (right)'s bar, in this component's coordinates. */
    Rectangle barBounds(int channel) {
        int labels = labelWidth();
        int top = PAD + CLIP_HEIGHT + GAP;
        int inner = Math.max(2, getWidth() - labels - 2 * PAD - GAP);
        int w = (inner - GAP) / 2;
        bar.setBounds(PAD + labels + channel * (w + GAP), top, Math.max(1, w), Math.max(1, getHeight() - top - PAD));
        return bar;
    }

    Rectangle clipLightBounds() {
        Rectangle left = barBounds(0);
        int x = left.x;
        Rectangle right = barBounds(1);
        clipLight.setBounds(x, PAD, right.x + right.width - x, CLIP_HEIGHT);
        return clipLight;
    }

    private int labelWidth() {
        return getFontMetrics(labelFont).stringWidth("-48") + 4;
    }

    @Override
    public String getToolTipText(MouseEvent event) {
        return String.format("Peak L %s, R %s · RMS L %s, R %s%s", db(peak[0]), db(peak[1]), db(rms[0]), db(rms[1]),
                clip ? " · clipped: a sample reached the master ceiling" : "");
    }

    private static String db(float linear) {
        return linear <= 1e-6 ? "-∞ dB" : String.format("%.1f dB", 20 * Math.log10(linear));
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics;
        paintScreen(g);
        g.setFont(labelFont);
        FontMetrics fm = g.getFontMetrics();
        Rectangle b = barBounds(0);
        g.setColor(LABEL);
        for (int i = 0; i < LABELLED_DB.length; i++) {
            int baseline = yOf(b, LABELLED_DB[i]) + fm.getAscent() / 2 - 1;
            g.drawString(LABELS[i], b.x - GAP - 1 - fm.stringWidth(LABELS[i]),
                    Math.max(b.y + fm.getAscent() - 2, baseline)); // "0" would stick out above the bar
        }
        for (int ch = 0; ch < 2; ch++) {
            b = barBounds(ch);
            double peakShare = fraction(peak[ch]);
            g.setColor(TRACK);
            g.fillRect(b.x, b.y, b.width, b.height);
            fillTo(g, b, peakShare, GREEN_PEAK, YELLOW_PEAK, RED_PEAK);
            fillTo(g, b, Math.min(fraction(rms[ch]), peakShare), GREEN, YELLOW, RED);
            if (peakShare > 0) {
                // A bright cap on the peak keeps it readable when the RMS bar is far below it.
                int y = b.y + b.height - (int) Math.round(peakShare * b.height);
                g.setColor(zone(peakShare, GREEN, YELLOW, RED));
                g.fillRect(b.x, Math.min(y, b.y + b.height - 2), b.width, 2);
            }
            g.setColor(BACKGROUND); // scale marks cut across the bar, like the segments of a hardware meter
            for (int db : LABELLED_DB) {
                if (db != 0) {
                    g.drawLine(b.x, yOf(b, db), b.x + b.width - 1, yOf(b, db));
                }
            }
        }
        Rectangle c = clipLightBounds();
        g.setColor(clip ? CLIP_ON : CLIP_OFF);
        g.fillRect(c.x, c.y, c.width, c.height);
    }

    private static int yOf(Rectangle bar, double db) {
        return bar.y + (int) Math.round((1 - (db - MIN_DB) / -MIN_DB) * (bar.height - 1));
    }

    /** Fills the bar from the bottom to {@code share} of its height, each zone in its colour. */
    private static void fillTo(Graphics2D g, Rectangle b, double share, Color low, Color mid, Color high) {
        int bottom = b.y + b.height;
        int level = bottom - (int) Math.round(share * b.height);
        int yellowAt = bottom - (int) Math.round((YELLOW_DB - MIN_DB) / -MIN_DB * b.height);
        int redAt = bottom - (int) Math.round((RED_DB - MIN_DB) / -MIN_DB * b.height);
        fillBand(g, b, Math.max(level, yellowAt), bottom, low);
        fillBand(g, b, Math.max(level, redAt), yellowAt, mid);
        fillBand(g, b, level, redAt, high);
    }

    private static void fillBand(Graphics2D g, Rectangle b, int from, int to, Color color) {
        if (to > from) {
            g.setColor(color);
            g.fillRect(b.x, from, b.width, to - from);
        }
    }

    private static Color zone(double share, Color low, Color mid, Color high) {
        double db = MIN_DB + share * -MIN_DB;
        return db >= RED_DB ? high : db >= YELLOW_DB ? mid : low;
    }
}
