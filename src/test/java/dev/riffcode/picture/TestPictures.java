package dev.riffcode.picture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Pictures the tests draw: one dark, blue and smooth, one bright, yellow and busy. */
public final class TestPictures {

    private TestPictures() {
    }

    /** A night sky: a smooth gradient from near-black navy at the top to a deep blue at the bottom. */
    public static BufferedImage darkBlueSmooth(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(8, 12, 45), 0, height, new Color(25, 45, 120)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** A sunflower field at noon: yellow, crossed by many short dark strokes (seeded, so always the same). */
    public static BufferedImage brightYellowBusy(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(255, 225, 40));
        g.fillRect(0, 0, width, height);
        Random random = new Random(7);
        float stroke = Math.max(1, width / 256f);
        g.setStroke(new BasicStroke(stroke));
        int strokes = width * height / 300;
        for (int i = 0; i < strokes; i++) {
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            int len = (int) (width / 40.0) + random.nextInt((int) (width / 40.0) + 1);
            double angle = random.nextDouble() * Math.PI;
            g.setColor(random.nextBoolean() ? new Color(120, 80, 10) : new Color(255, 250, 220));
            g.drawLine(x, y, x + (int) (len * Math.cos(angle)), y + (int) (len * Math.sin(angle)));
        }
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the picture as {@code name} (its extension names the format: png, jpg or gif). */
    public static Path write(Path dir, String name, BufferedImage image) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        try {
            return Files.write(dir.resolve(name), encode(image, ext.equals("jpg") ? "jpeg" : ext));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
