package dev.riffcode.ui;

import dev.riffcode.audio.Yin;
import java.awt.Component;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

/** What the window tests share: work on the EDT, bounded waits, screenshots and reading the scopes off the screen. */
final class Windows {

    private Windows() {
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static <T> T onEdt(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    result.set(work.call());
                } catch (Exception e) {
                    failure.set(e);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }

    /** Waits until the check passes; past the limit, fails with the window's status and a screenshot of it. */
    static void waitFor(MainWindow window, String what, Duration limit, Check check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                screenshot(window, "failed-" + what.replaceAll("\\W+", "-"));
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "; status: "
                        + onEdt(() -> window.status.text()));
            }
            Thread.sleep(50);
        }
    }

    /** The window as it looks now, to target/screenshots/NAME.png (a build artifact, and for the README). */
    static void screenshot(MainWindow window, String name) throws Exception {
        Rectangle bounds = onEdt(window::getBounds);
        screenshot(bounds, name);
    }

    /** That part of the screen (a window of another process) to target/screenshots/NAME.png. */
    static void screenshot(Rectangle bounds, String name) throws Exception {
        BufferedImage image = new java.awt.Robot().createScreenCapture(bounds);
        Path out = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(out.getParent());
        ImageIO.write(image, "png", out.toFile());
    }

    /**
     * How many rows of the spectrogram's newest column are bright, read from the real screen: 0 for silence, a few
     * for a pure tone (the column is a few pixels inside the right edge, clear of the border).
     */
    static int spectrogramBand(MainWindow window) throws Exception {
        Rectangle r = onEdt(() -> {
            for (Component c : window.scopes.getComponents()) {
                if (c instanceof JComponent j && "Spectrogram".equals(j.getAccessibleContext().getAccessibleName())) {
                    Point at = j.getLocationOnScreen();
                    return new Rectangle(at.x, at.y, j.getWidth(), j.getHeight());
                }
            }
            throw new AssertionError("no spectrogram in the scopes");
        });
        BufferedImage shot = new java.awt.Robot().createScreenCapture(r);
        int x = shot.getWidth() - 10;
        int bright = 0;
        for (int y = 8; y < shot.getHeight() - 8; y++) {
            int rgb = shot.getRGB(x, y);
            double luminance = 0.2126 * (rgb >> 16 & 0xff) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff);
            bright += luminance > 100 ? 1 : 0;
        }
        return bright;
    }

    /** The pitch of a stretch of sound in Hz, 0 when it has none. */
    static double pitch(float[] x, int sampleRate) {
        Yin.Pitch p = new Yin(sampleRate).detect(x, x.length / 4, Math.min(4096, x.length / 2));
        return p.isPeriodic() ? p.frequency() : 0;
    }
}
