package dev.riffcode.ui.scope;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The waveform is triggered: a steady tone paints the same trace frame after frame, wherever the audio has got to. */
class WaveformTriggerTest {

    private final FakeAudio audio = new FakeAudio();
    private final ScopesPanel panel = audio.panel();

    @Test
    void aSteadySineStandsStill() {
        // 1050 frames of 440 Hz are 10.48 periods: the next frame starts half a period on, upside down.
        assertStill(FakeAudio.sine(440, 0.5), 1050);
    }

    @Test
    void aToneThatRisesThroughZeroThreeTimesAPeriodStandsStill() {
        // sin(x) + sin(3x + 1) crosses zero upwards three times per period, at three different slopes.
        LongToDoubleFunction tone = f -> {
            double x = 2 * Math.PI * 220 * f / FakeAudio.RATE;
            return 0.4 * (Math.sin(x) + Math.sin(3 * x + 1));
        };
        for (int step : new int[] {1000, 1070, 1130}) {
            assertStill(tone, step);
        }
    }

    @Test
    void theTraceSpansTheSignalsAmplitude() {
        panel.setSize(900, 300);
        Pictures.layOut(panel);
        audio.play(panel, 0.5, FakeAudio.sine(440, 0.5));
        BufferedImage image = Pictures.paint(panel);
        Rectangle plot = plot();
        double[] trace = trace(image, plot);
        double top = Double.MAX_VALUE;
        double bottom = -Double.MAX_VALUE;
        for (double y : trace) {
            if (!Double.isNaN(y)) {
                top = Math.min(top, y);
                bottom = Math.max(bottom, y);
            }
        }
        // Full scale reaches the edges, so a 0.5 sine spans the middle half of the screen.
        double span = (bottom - top) / plot.height;
        assertTrue(span > 0.45 && span < 0.55, "a 0.5 sine spans " + span + " of the height");
    }

    /**
     * Compares the trace before and after the audio goes on by {@code frames}, column by column. Where the trace is
     * steep a sub-pixel shift moves a column's mean height by a pixel or two, so the test is on the mean move; a
     * trace that is not held still moves by tens of pixels.
     */
    private void assertStill(LongToDoubleFunction signal, int frames) {
        panel.setSize(900, 300);
        Pictures.layOut(panel);
        audio.play(panel, 0.5, signal);
        double[] before = trace(Pictures.paint(panel), plot());
        audio.write(frames, signal);
        panel.tick();
        double[] after = trace(Pictures.paint(panel), plot());
        double sum = 0;
        double most = 0;
        int compared = 0;
        for (int x = 0; x < before.length; x++) {
            if (!Double.isNaN(before[x]) && !Double.isNaN(after[x])) {
                double moved = Math.abs(before[x] - after[x]);
                sum += moved;
                most = Math.max(most, moved);
                compared++;
            }
        }
        assertTrue(compared > before.length * 0.9, "the trace is drawn across the screen");
        double mean = sum / compared;
        assertTrue(mean < 0.3 && most < 3, "after " + frames + " frames the trace moved by " + mean
                + " px on average, " + most + " px at most");
    }

    private Rectangle plot() {
        WaveformView view = panel.waveform();
        return Pictures.in(panel, view, view.plotBounds());
    }

    /** Per column of the plot, the mean height of the trace's pixels (NaN where there are none). */
    static double[] trace(BufferedImage image, Rectangle plot) {
        double[] ys = new double[plot.width];
        for (int x = 0; x < plot.width; x++) {
            double sum = 0;
            double weight = 0;
            for (int y = plot.y; y < plot.y + plot.height; y++) {
                int rgb = image.getRGB(plot.x + x, y);
                int green = rgb >> 8 & 0xff;
                if (green > 60 && green > (rgb >> 16 & 0xff) + 20) { // the trace's green, also where antialiased
                    sum += y * green;
                    weight += green;
                }
            }
            ys[x] = weight == 0 ? Double.NaN : sum / weight;
        }
        return ys;
    }
}
