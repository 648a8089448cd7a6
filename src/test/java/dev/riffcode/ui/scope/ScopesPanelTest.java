package dev.riffcode.ui.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import javax.swing.JComponent;
import org.junit.jupiter.api.Test;

/** The panel as a whole: its parts are laid out side by side, named, and a frame of display costs little memory. */
class ScopesPanelTest {

    private final FakeAudio audio = new FakeAudio();
    private final ScopesPanel panel = audio.panel();

    @Test
    void thePartsAreNamedAndLaidOutSideBySide() {
        Dimension preferred = panel.getPreferredSize();
        assertTrue(preferred.width >= 600 && preferred.height >= 140 && preferred.height <= 240, "" + preferred);
        assertEquals("Scopes", panel.getAccessibleContext().getAccessibleName());
        Pictures.paint(panel, 900, 200);
        int right = 0;
        for (String name : new String[] {"Waveform", "Spectrogram", "Level meter"}) {
            JComponent part = find(name);
            assertNotNull(part.getToolTipText(), name);
            assertTrue(part.getX() >= right && part.getHeight() > 150, name + " at " + part.getBounds());
            right = part.getX() + part.getWidth();
        }
        assertTrue(find("Spectrogram").getWidth() > find("Waveform").getWidth(), "the spectrogram gets the room");
    }

    @Test
    void aFrameOfDisplayAllocatesLittle() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                && mx.isThreadAllocatedMemorySupported());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        panel.setSize(900, 200);
        Pictures.layOut(panel);
        BufferedImage image = new BufferedImage(900, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        audio.stats = FakeAudio.stats(0.5f, 0);
        audio.play(panel, 2, FakeAudio.sine(440, 0.5)); // warm up
        int frames = 300;
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < frames; i++) {
            audio.write(FakeAudio.RATE / 30, FakeAudio.sine(440, 0.5));
            panel.tick();
            panel.paint(g);
        }
        long perFrame = (mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / frames;
        // The audio buffers alone are 3 x 16 KB and the spectrogram 300 KB: none of that may be made per frame.
        // What remains is Java2D's own small change (graphics copies, glyph lists for the labels).
        assertTrue(perFrame < 8_000, perFrame + " bytes per frame");
        g.dispose();
    }

    private JComponent find(String name) {
        for (Component c : panel.getComponents()) {
            if (c instanceof JComponent j && name.equals(j.getAccessibleContext().getAccessibleName())) {
                return j;
            }
        }
        throw new AssertionError("no part named " + name);
    }
}
