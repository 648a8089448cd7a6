package dev.riffcode.ui.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Without a sound device the scopes play rendered audio as if it were playing now. */
class RenderedAudioTest {

    private static final int RATE = 48_000;

    private long nanos = 5_000_000_000L;
    private final ScopesPanel panel = new ScopesPanel(null, null, RATE, () -> nanos);

    @BeforeEach
    void layOut() {
        panel.setSize(900, 300);
        Pictures.layOut(panel);
    }

    @Test
    void theScopesGoThroughTheRenderInRealTime() {
        // One second of 440 Hz, then one of 3 kHz.
        float[] mono = new float[2 * RATE];
        for (int i = 0; i < mono.length; i++) {
            double hz = i < RATE ? 440 : 3000;
            mono[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        panel.showRendered(new float[][] {mono}, RATE);

        BufferedImage early = runFor(0.6);
        Rectangle plot = plot();
        Rectangle recent = new Rectangle(plot.x + plot.width - 10, plot.y, 10, plot.height);
        assertNear(440, SpectrogramTest.frequencyOfRow(plot, SpectrogramTest.brightestRow(early, plot, recent)));
        assertTrue(Pictures.brightest(early, band(plot, 3000)) < 40, "0.6 s in, the 3 kHz second is still to come");

        BufferedImage later = runFor(1.0);
        assertNear(3000, SpectrogramTest.frequencyOfRow(plot, SpectrogramTest.brightestRow(later, plot, recent)));
        Rectangle second = new Rectangle(plot.x + plot.width - 60, plot.y, 10, plot.height);
        assertNear(440, SpectrogramTest.frequencyOfRow(plot, SpectrogramTest.brightestRow(later, plot, second)));
    }

    @Test
    void aFullScaleRenderLightsTheClipLightAndAQuietOneDoesNot() {
        assertTrue(clipLitAfterPlaying(0.966f), "a render at the master ceiling");
        assertFalse(clipLitAfterPlaying(0.01f), "a render at -40 dBFS");
    }

    @Test
    void afterTheEndThePeakFallsBackAt20dBASecond() {
        float[] sine = new float[RATE / 2];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / RATE));
        }
        panel.showRendered(new float[][] {sine, sine}, RATE);
        runFor(0.5);
        float atEnd = panel.meter().peak(0);
        runFor(1.0);
        float second = panel.meter().peak(0);
        assertEquals(-6.0, 20 * Math.log10(atEnd), 0.2);
        assertEquals(-20, 20 * Math.log10(second / atEnd), 1.0, "one second after the end");
        assertEquals(0, panel.meter().rms(0), 1e-6, "past the end is silence");
    }

    @Test
    void renderedAudioMustBeOneOrTwoChannelsOfOneLength() {
        assertThrows(IllegalArgumentException.class,
                () -> panel.showRendered(new float[][] {new float[10], new float[11]}, RATE));
        assertThrows(IllegalArgumentException.class, () -> panel.showRendered(new float[0][], RATE));
        assertThrows(IllegalStateException.class, panel::showLive, "there is no live tap to go back to");
    }

    private boolean clipLitAfterPlaying(float amplitude) {
        float[] sine = new float[RATE];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (float) (amplitude * Math.sin(2 * Math.PI * 1000 * i / RATE));
        }
        panel.showRendered(new float[][] {sine, sine}, RATE);
        BufferedImage image = runFor(0.3);
        LevelMeter meter = panel.meter();
        Rectangle light = Pictures.in(panel, meter, meter.clipLightBounds());
        int rgb = image.getRGB(light.x + light.width / 2, light.y + light.height / 2);
        return (rgb >> 16 & 0xff) > 200 && (rgb >> 8 & 0xff) < 100;
    }

    /** Ticks 30 times a second of the fake clock, then paints. */
    private BufferedImage runFor(double seconds) {
        for (int t = 0; t < Math.round(seconds * ScopesPanel.FRAMES_PER_SECOND); t++) {
            nanos += 1_000_000_000L / ScopesPanel.FRAMES_PER_SECOND;
            panel.tick();
        }
        return Pictures.paint(panel);
    }

    private Rectangle plot() {
        SpectrogramView view = panel.spectrogram();
        return Pictures.in(panel, view, view.plotBounds());
    }

    private static Rectangle band(Rectangle plot, double hz) {
        return new Rectangle(plot.x, SpectrogramTest.rowOf(plot, hz) - 2, plot.width, 5);
    }

    private static void assertNear(double expected, double hz) {
        assertEquals(expected, hz, Math.max(2.0 * RATE / 4096, expected * 0.03), "brightest row's frequency");
    }
}
