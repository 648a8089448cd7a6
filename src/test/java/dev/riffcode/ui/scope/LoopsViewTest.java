package dev.riffcode.ui.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.live.LivePlayer;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One row per running loop; its bar shows, as painted, where the audio is in the loop's current pass. */
class LoopsViewTest {

    private static final long PASS = 88_200; // two seconds at 44.1 kHz
    private static final long NOW = 1_000_000;

    private LivePlayer.Status status;
    private final LoopsView view = new LoopsView(() -> status);

    @Test
    void eachBarIsFilledToWhereTheAudioIsInItsPass() {
        show(loop("drums", 7, NOW + PASS / 4),      // a quarter of the pass to go: 3/4 through
                loop("bass", 3, NOW + PASS * 6 / 10),  // 0.4 through
                loop("pad", 1, NOW + PASS));           // just begun
        BufferedImage image = Pictures.paint(view, 500, view.getPreferredSize().height);
        assertEquals(0.75, filled(image, 0), 0.01);
        assertEquals(0.40, filled(image, 1), 0.01);
        assertEquals(0.00, filled(image, 2), 0.01);
    }

    @Test
    void aPassComputedAheadDoesNotHideThePassBeingHeard() {
        // The schedule-ahead window has the next pass computed already: nextStart is 1.3 passes away, so the pass
        // being heard is 0.7 through, and it is the fifth of the six computed.
        LivePlayer.LoopStatus loop = loop("drums", 6, NOW + PASS + PASS * 3 / 10);
        show(loop);
        assertEquals(0.7, LoopsView.passShare(loop, NOW), 1e-9);
        assertEquals(5, LoopsView.passesBegun(loop, NOW));
        BufferedImage image = Pictures.paint(view, 500, view.getPreferredSize().height);
        assertEquals(0.70, filled(image, 0), 0.01);
    }

    @Test
    void aLoopWhoseFirstPassHasNotBegunShowsAnEmptyBar() {
        LivePlayer.LoopStatus loop = loop("drums", 1, NOW + PASS + PASS / 2); // starts in half a pass
        assertEquals(0, LoopsView.passShare(loop, NOW));
        assertEquals(0, LoopsView.passesBegun(loop, NOW));
        LivePlayer.LoopStatus late = loop("drums", 4, NOW - 10); // the next pass is late: the last one has ended
        assertEquals(1, LoopsView.passShare(late, NOW));
    }

    @Test
    void thePreferredHeightGrowsWithTheLoopsAndTheTooltipNamesTheLoop() {
        show(loop("drums", 2, NOW + PASS / 2));
        int one = view.getPreferredSize().height;
        show(loop("drums", 2, NOW + PASS / 2), loop("bass", 2, NOW + PASS / 2));
        int two = view.getPreferredSize().height;
        assertTrue(two > one, one + " then " + two);
        view.setSize(500, two);
        Rectangle bar = view.barBounds(1);
        MouseEvent over = new MouseEvent(view, MouseEvent.MOUSE_MOVED, 0, 0, bar.x, bar.y + 1, 0, false);
        String tip = view.getToolTipText(over);
        assertTrue(tip.contains("'bass'") && tip.contains("50%") && tip.contains("pass 2"), tip);
        assertEquals("Live loops", view.getAccessibleContext().getAccessibleName());
    }

    private void show(LivePlayer.LoopStatus... loops) {
        status = new LivePlayer.Status(4, 120, List.of(loops), NOW);
        view.refresh();
    }

    private static LivePlayer.LoopStatus loop(String name, long passes, long nextStart) {
        return new LivePlayer.LoopStatus(name, 4, passes, nextStart, PASS, false);
    }

    /** The filled share of a row's bar, read along its middle: pixels unlike the empty end of the bar. */
    private double filled(BufferedImage image, int row) {
        Rectangle bar = view.barBounds(row);
        int y = bar.y + bar.height / 2;
        int empty = image.getRGB(bar.x + bar.width - 1, y);
        int count = 0;
        for (int x = bar.x; x < bar.x + bar.width; x++) {
            if (image.getRGB(x, y) != empty) {
                count++;
            }
        }
        if (count > 0) {
            assertNotEquals(empty, image.getRGB(bar.x, y), "the bar fills from the left");
        }
        return (double) count / bar.width;
    }
}
