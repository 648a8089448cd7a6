package dev.riffcode.ui.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The meter's bars and clip light as painted, for the live feed (frames from the Scope, peaks from the stats). */
class LevelMeterTest {

    private static final float CEILING = 0.966f; // the master section's -0.3 dBFS

    private final FakeAudio audio = new FakeAudio();
    private final ScopesPanel panel = audio.panel();

    @Test
    void aFullScaleSignalFillsTheMeterAndLightsTheClipLight() {
        audio.stats = FakeAudio.stats(CEILING, 12); // the audio loop counted blocks at the ceiling
        BufferedImage image = play(0.5, CEILING);
        for (int ch = 0; ch < 2; ch++) {
            assertTrue(litShare(image, ch) > 0.97, "channel " + ch + " lit to " + litShare(image, ch));
        }
        assertTrue(clipLight(image), "clip light");
    }

    @Test
    void aSignalAtMinus40dBFSFillsLessThanHalfAndLightsNoClip() {
        audio.stats = FakeAudio.stats(0.01f, 0);
        BufferedImage image = play(0.5, 0.01);
        for (int ch = 0; ch < 2; ch++) {
            double lit = litShare(image, ch);
            // On a dB scale -40 dBFS is well visible; on a linear one it would be a hundredth.
            assertTrue(lit > 0.15 && lit < 0.5, "channel " + ch + " lit to " + lit);
        }
        assertFalse(clipLight(image), "clip light");
    }

    @Test
    void theClipLightStaysLitForASecondAfterTheLastClip() {
        audio.stats = FakeAudio.stats(CEILING, 3);
        play(0.1, CEILING);
        audio.stats = FakeAudio.stats(0.5f, 3); // no further clipped blocks
        assertTrue(clipLight(play(0.7, 0.5)), "0.8 s after the clip");
        assertFalse(clipLight(play(0.4, 0.5)), "1.2 s after the clip");
    }

    @Test
    void theRmsBarEndsBelowThePeak() {
        // A 0.5 sine: peak -6 dBFS, RMS -9 dBFS. Between them only the dimmer peak bar; below both, the RMS bar.
        audio.stats = FakeAudio.stats(0.5f, 0);
        BufferedImage image = play(0.5, 0.5);
        LevelMeter meter = panel.meter();
        Rectangle bar = Pictures.in(panel, meter, meter.barBounds(0));
        int x = bar.x + bar.width / 2;
        double between = Pictures.luminance(image, x, yOfDb(bar, -7.5));
        double below = Pictures.luminance(image, x, yOfDb(bar, -13));
        double above = Pictures.luminance(image, x, yOfDb(bar, -3));
        assertTrue(above < 60, "above the peak the bar is dark: " + above);
        assertTrue(between > above + 30, "between RMS and peak the peak bar shows: " + between);
        assertTrue(below > between * 1.2, "below the RMS level the bar is brighter: " + below + " vs " + between);
    }

    @Test
    void silenceOrAStoppedLoopShowsNoLevel() {
        audio.stats = new dev.riffcode.engine.realtime.AudioLoop.Stats(0, 0, 0, 0.8f, 0.8f, 0, 0, 0, null, 0, false);
        BufferedImage image = play(0.5, 0);
        assertEquals(0, litShare(image, 0), 1e-9, "a stopped loop's last peak is not shown");
    }

    private BufferedImage play(double seconds, double amplitude) {
        panel.setSize(900, 300);
        Pictures.layOut(panel);
        audio.play(panel, seconds, FakeAudio.sine(1000, amplitude));
        return Pictures.paint(panel);
    }

    /** How much of a bar is lit, from the bottom to the highest pixel brighter than the empty bar. */
    private double litShare(BufferedImage image, int channel) {
        LevelMeter meter = panel.meter();
        Rectangle bar = Pictures.in(panel, meter, meter.barBounds(channel));
        int x = bar.x + bar.width / 2;
        for (int y = bar.y; y < bar.y + bar.height; y++) {
            if (Pictures.luminance(image, x, y) > 60) {
                return (double) (bar.y + bar.height - y) / bar.height;
            }
        }
        return 0;
    }

    private boolean clipLight(BufferedImage image) {
        LevelMeter meter = panel.meter();
        Rectangle light = Pictures.in(panel, meter, meter.clipLightBounds());
        int rgb = image.getRGB(light.x + light.width / 2, light.y + light.height / 2);
        return (rgb >> 16 & 0xff) > 200 && (rgb >> 8 & 0xff) < 100;
    }

    private static int yOfDb(Rectangle bar, double db) {
        return bar.y + bar.height - (int) Math.round((db + 60) / 60 * bar.height);
    }
}
