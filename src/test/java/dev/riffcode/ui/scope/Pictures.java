package dev.riffcode.ui.scope;

import java.awt.Component;
import java.awt.Container;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

/** Paints components into images (no window, no display needed) and reads what was painted. */
final class Pictures {

    /** Above this luminance (0..255) a pixel counts as bright. */
    static final double BRIGHT = 100;

    private Pictures() {
    }

    /** Gives the component this size, lays it out and all inside it, and paints it. */
    static BufferedImage paint(JComponent c, int width, int height) {
        c.setSize(width, height);
        layOut(c);
        return paint(c);
    }

    /** Paints at the component's current size and layout. */
    static BufferedImage paint(JComponent c) {
        BufferedImage image = new BufferedImage(c.getWidth(), c.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        c.paint(g);
        g.dispose();
        return image;
    }

    /** validate() needs a window; doLayout() does the same work for a component that has none. */
    static void layOut(Component c) {
        if (c instanceof Container container) {
            container.doLayout();
            for (Component child : container.getComponents()) {
                layOut(child);
            }
        }
    }

    /** A rectangle of {@code inner}'s coordinates in {@code outer}'s. */
    static Rectangle in(JComponent outer, JComponent inner, Rectangle r) {
        return SwingUtilities.convertRectangle(inner, new Rectangle(r), outer);
    }

    static double luminance(int rgb) {
        return 0.2126 * (rgb >> 16 & 0xff) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff);
    }

    static double luminance(BufferedImage image, int x, int y) {
        return luminance(image.getRGB(x, y));
    }

    /** The brightest luminance in a rectangle of the image. */
    static double brightest(BufferedImage image, Rectangle r) {
        double best = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                best = Math.max(best, luminance(image, x, y));
            }
        }
        return best;
    }
}
