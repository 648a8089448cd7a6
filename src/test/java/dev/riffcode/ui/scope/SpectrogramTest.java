package dev.riffcode.ui.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the spectrogram paints, read back off the picture with the axis the panel promises: log, 30 Hz–20 kHz. */
class SpectrogramTest {

    private static final double BIN_HZ = (double) FakeAudio.RATE / 4096;

    private final FakeAudio audio = new FakeAudio();
    private final ScopesPanel panel = audio.panel();

    @ParameterizedTest
    @ValueSource(doubles = {110, 440, 3000, 9000})
    void aSineLightsTheRowOfItsFrequency(double hz) {
        panel.setSize(900, 300);
        Pictures.layOut(panel);
        audio.play(panel, 1.0, FakeAudio.sine(hz, 0.5));
        BufferedImage image = Pictures.paint(panel);
        Rectangle plot = plot();

        int y = brightestRow(image, plot, recentColumns(plot));
        double rowWidthHz = hz * (Math.pow(20_000 / 30.0, 1.0 / plot.height) - 1);
        assertEquals(hz, frequencyOfRow(plot, y), Math.max(2 * BIN_HZ, rowWidthHz),
                "the brightest row of the latest columns maps back to the sine's frequency");
        assertTrue(Pictures.brightest(image, new Rectangle(plot.x + plot.width - 10, y, 10, 1)) > 150,
                "the sine's row is bright");
    }

    @Test
    void a440HzSineLeavesThe4kHzRowDark() {
        panel.setSize(900, 300);
        Pictures.layOut(panel);
        audio.play(panel, 1.0, FakeAudio.sine(440, 0.5));
        BufferedImage image = Pictures.paint(panel);
        Rectangle plot = plot();
        int y4k = rowOf(plot, 4000);
        double lum = Pictures.brightest(image, new Rectangle(plot.x + plot.width - 10, y4k - 1, 10, 3));
        assertTrue(lum < 40, "4 kHz row luminance " + lum);
    }

    @Test
    void silencePaintsNoBrightPixel() {
        panel.setSize(900, 300);
        Pictures.layOut(panel);
        audio.play(panel, 1.0, FakeAudio.silence());
        BufferedImage image = Pictures.paint(panel);

        double spectrogram = Pictures.brightest(image, plot());
        assertTrue(spectrogram < 60, "brightest spectrogram pixel " + spectrogram);
        LevelMeter meter = panel.meter();
        for (int ch = 0; ch < 2; ch++) {
            double bar = Pictures.brightest(image, Pictures.in(panel, meter, meter.barBounds(ch)));
            assertTrue(bar < 60, "brightest meter pixel " + bar);
        }
        // The waveform of silence is a flat line through the middle, and nothing else is bright.
        WaveformView wave = panel.waveform();
        Rectangle w = Pictures.in(panel, wave, wave.plotBounds());
        int mid = w.y + w.height / 2;
        int brightOnMid = 0;
        for (int y = w.y; y < w.y + w.height; y++) {
            for (int x = w.x; x < w.x + w.width; x++) {
                if (Pictures.luminance(image, x, y) > Pictures.BRIGHT) {
                    assertTrue(Math.abs(y - mid) <= 1, "bright waveform pixel off the centre line at y=" + y);
                    brightOnMid++;
                }
            }
        }
        assertTrue(brightOnMid >= w.width - 2, "the flat line is drawn across the screen");
    }

    @Test
    void timeScrollsToTheLeftAtFortyColumnsASecond() {
        panel.setSize(900, 300);
        Pictures.layOut(panel);
        audio.play(panel, 0.5, FakeAudio.sine(440, 0.5));
        audio.play(panel, 1.0, FakeAudio.silence());
        BufferedImage image = Pictures.paint(panel);
        Rectangle plot = plot();
        int y = rowOf(plot, 440);
        int right = plot.x + plot.width;
        Rectangle band = new Rectangle(0, y - 1, 1, 3);
        band.x = right - 5;
        assertTrue(Pictures.brightest(image, band) < 40, "now is silent");
        // The tone ended one second ago: 40 columns to the left (plus the FFT's length), and lasted 20 columns.
        band.x = right - 50;
        assertTrue(Pictures.brightest(image, band) > 150, "the tone, one second back");
        band.x = right - 80;
        assertTrue(Pictures.brightest(image, band) < 40, "before the tone began");
    }

    private Rectangle plot() {
        SpectrogramView view = panel.spectrogram();
        return Pictures.in(panel, view, view.plotBounds());
    }

    private static Rectangle recentColumns(Rectangle plot) {
        return new Rectangle(plot.x + plot.width - 10, plot.y, 10, plot.height);
    }

    static int brightestRow(BufferedImage image, Rectangle plot, Rectangle columns) {
        int best = -1;
        double bestSum = -1;
        for (int y = plot.y; y < plot.y + plot.height; y++) {
            double sum = 0;
            for (int x = columns.x; x < columns.x + columns.width; x++) {
                sum += Pictures.luminance(image, x, y);
            }
            if (sum > bestSum) {
                bestSum = sum;
                best = y;
            }
        }
        return best;
    }

    /** The axis as promised, worked out here rather than asked of the code: log frequency, 30 Hz at the bottom. */
    static double frequencyOfRow(Rectangle plot, int y) {
        double share = (plot.y + plot.height - y - 0.5) / plot.height;
        return 30 * Math.pow(20_000 / 30.0, share);
    }

    static int rowOf(Rectangle plot, double hz) {
        double share = Math.log(hz / 30) / Math.log(20_000 / 30.0);
        return (int) (plot.y + plot.height - share * plot.height);
    }
}
