package dev.riffcode.ui.scope;

import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * A scrolling spectrogram: time runs from right (now) to left, frequency upwards on a log axis from 30 Hz to 20 kHz,
 * level as colour from dark (-90 dBFS and below) through violet and orange to pale yellow (0 dBFS).
 *
 * <p>The picture is kept in an image exactly the size of the plot, one pixel per column and per row, used as a ring
 * of columns: a new column overwrites the oldest one and painting draws the ring in two pieces, so nothing is moved
 * or allocated per frame. A row shows the strongest FFT bin whose centre lies in its band (the nearest bin where
 * the band is narrower than a bin), so a sine lights its row at any height of the plot.
 */
final class SpectrogramView extends ScopeScreen {

    static final double MIN_HZ = 30;
    static final double MAX_HZ = 20_000;
    static final double FLOOR_DB = -90;
    private static final int[] GRID_HZ = {50, 100, 200, 500, 1000, 2000, 5000, 10_000};
    private static final String[] GRID_LABELS = {"50", "100", "200", "500", "1k", "2k", "5k", "10k"};
    /** Grid rows are this much lighter than the picture under them. */
    private static final double GRID_LIGHTEN = 0.11;
    private static final int PAD = 4;
    /** The colour map, darkest first: every step is brighter than the last, so brightness reads as level. */
    private static final int[] COLOURS = colourMap(0x0f1216, 0x2b1a6b, 0x9b2a7c, 0xf07a2a, 0xfff3b0);

    private BufferedImage image;
    private int[] pixels;
    /** The ring column written next, which is also the oldest one. */
    private int next;
    /** Per image row: the FFT bins it shows, or -1 above Nyquist. */
    private int[] binFrom = new int[0];
    private int[] binTo = new int[0];
    /**
     * Image rows on a labelled frequency. The grid is mixed into the pixels as columns are written, because a
     * translucent line drawn over the image makes Java2D allocate on every frame.
     */
    private boolean[] gridRow = new boolean[0];
    private int bins;
    private double binHz;
    private final Rectangle plot = new Rectangle();

    SpectrogramView() {
        super("Spectrogram", "Spectrogram: frequency upwards on a log scale (30 Hz to 20 kHz), time to the left, "
                + "brighter is louder", new Dimension(420, 150));
    }

    /** Tells the view what the magnitudes it will get mean: {@code bins} bins of {@code binHz} each. */
    void setBins(int bins, double binHz) {
        this.bins = bins;
        this.binHz = binHz;
        binFrom = new int[0]; // recomputed for the plot's height at the next column
        clear();
    }

    /** Blanks the picture: the floor colour, with the grid. */
    void clear() {
        if (pixels == null) {
            return;
        }
        int w = image.getWidth();
        for (int y = 0; y < image.getHeight(); y++) {
            boolean grid = y < gridRow.length && gridRow[y];
            Arrays.fill(pixels, y * w, (y + 1) * w, grid ? blend(COLOURS[0], 0xffffff, GRID_LIGHTEN) : COLOURS[0]);
        }
    }

    /** Height of the frequency axis from {@link #MIN_HZ} (0) to {@link #MAX_HZ} (1) where {@code hz} lies. */
    static double axisShare(double hz) {
        return Math.log(hz / MIN_HZ) / Math.log(MAX_HZ / MIN_HZ);
    }

    static double frequencyAt(double share) {
        return MIN_HZ * Math.pow(MAX_HZ / MIN_HZ, share);
    }

    /** Where the spectrogram is drawn, in this component's coordinates. */
    Rectangle plotBounds() {
        int left = PAD + getFontMetrics(labelFont).stringWidth("10k") + 6;
        plot.setBounds(left, PAD, Math.max(1, getWidth() - left - PAD), Math.max(1, getHeight() - 2 * PAD));
        return plot;
    }

    /**
     * Adds {@code count} columns on the right, all showing these magnitudes (linear, a full-scale sine's peak is 1):
     * one spectrum stands for all the time that passed since the last one.
     */
    void addColumns(double[] magnitudes, int count) {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return; // not laid out yet: there is no plot to fill
        }
        Rectangle p = plotBounds();
        fitImage(p.width, p.height);
        int w = image.getWidth();
        int h = image.getHeight();
        if (binFrom.length != h) {
            mapRows(h);
        }
        count = Math.min(count, w);
        for (int y = 0; y < h; y++) {
            int colour = COLOURS[0];
            if (binFrom[y] >= 0) {
                double strongest = 0;
                for (int k = binFrom[y]; k <= binTo[y]; k++) {
                    strongest = Math.max(strongest, magnitudes[k]);
                }
                colour = colourOf(strongest);
            }
            if (gridRow[y]) {
                colour = blend(colour, 0xffffff, GRID_LIGHTEN);
            }
            int row = y * w;
            for (int c = 0; c < count; c++) {
                pixels[row + (next + c) % w] = colour;
            }
        }
        next = (next + count) % w;
    }

    private static int colourOf(double magnitude) {
        double db = 20 * Math.log10(Math.max(magnitude, 1e-12));
        double share = Math.max(0, Math.min(1, (db - FLOOR_DB) / -FLOOR_DB));
        return COLOURS[(int) Math.round(share * (COLOURS.length - 1))];
    }

    /** Which bins each image row shows; row 0 is the top (highest frequency). */
    private void mapRows(int rows) {
        binFrom = new int[rows];
        binTo = new int[rows];
        gridRow = new boolean[rows];
        for (int hz : GRID_HZ) {
            gridRow[gridY(hz, 0, rows)] = true;
        }
        for (int y = 0; y < rows; y++) {
            double low = frequencyAt((double) (rows - 1 - y) / rows);
            double high = frequencyAt((double) (rows - y) / rows);
            int from = (int) Math.ceil(low / binHz);
            int to = (int) Math.ceil(high / binHz) - 1;
            if (to < from) {
                from = to = (int) Math.round(Math.sqrt(low * high) / binHz);
            }
            if (from >= bins) {
                from = to = -1;
            } else {
                to = Math.min(to, bins - 1);
            }
            binFrom[y] = from;
            binTo[y] = to;
        }
    }

    /** Keeps the image the size of the plot; on a resize the old picture is scaled into the new one. */
    private void fitImage(int w, int h) {
        if (image != null && image.getWidth() == w && image.getHeight() == h) {
            return;
        }
        BufferedImage old = image;
        image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        mapRows(h);
        clear();
        if (old != null) {
            Graphics2D g = image.createGraphics();
            drawRing(g, old, next, 0, 0, w, h);
            g.dispose();
        }
        next = 0;
    }

    /** Draws the ring oldest column first into the given rectangle. */
    private static void drawRing(Graphics2D g, BufferedImage ring, int oldest, int x, int y, int w, int h) {
        int cols = ring.getWidth();
        int rows = ring.getHeight();
        int split = x + (int) ((long) (cols - oldest) * w / cols);
        g.drawImage(ring, x, y, split, y + h, oldest, 0, cols, rows, null);
        g.drawImage(ring, split, y, x + w, y + h, 0, 0, oldest, rows, null);
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics;
        paintScreen(g);
        Rectangle p = plotBounds();
        if (image != null) {
            drawRing(g, image, next, p.x, p.y, p.width, p.height);
        }
        g.setFont(labelFont);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(LABEL);
        for (int i = 0; i < GRID_HZ.length; i++) {
            int y = gridY(GRID_HZ[i], p.y, p.height);
            g.drawLine(p.x - 3, y, p.x - 1, y);
            g.drawString(GRID_LABELS[i], p.x - 5 - fm.stringWidth(GRID_LABELS[i]), y + fm.getAscent() / 2 - 1);
        }
    }

    /** The row of a grid frequency in a plot {@code height} rows high starting at {@code top}. */
    private static int gridY(double hz, int top, int height) {
        return top + height - 1 - (int) Math.round(axisShare(hz) * (height - 1));
    }

    /** 256 colours blended evenly between the given ones. */
    private static int[] colourMap(int... stops) {
        int[] map = new int[256];
        for (int i = 0; i < map.length; i++) {
            double at = (double) i / (map.length - 1) * (stops.length - 1);
            int s = Math.min((int) at, stops.length - 2);
            double t = at - s;
            map[i] = blend(stops[s], stops[s + 1], t);
        }
        return map;
    }

    private static int blend(int a, int b, double t) {
        int r = (int) Math.round((a >> 16 & 0xff) * (1 - t) + (b >> 16 & 0xff) * t);
        int g = (int) Math.round((a >> 8 & 0xff) * (1 - t) + (b >> 8 & 0xff) * t);
        int bl = (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return r << 16 | g << 8 | bl;
    }
}
