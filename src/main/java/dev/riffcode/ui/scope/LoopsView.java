package dev.riffcode.ui.scope;

import dev.riffcode.live.LivePlayer;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.function.Supplier;
import javax.accessibility.AccessibleContext;
import javax.accessibility.AccessibleRole;
import javax.swing.JComponent;
import javax.swing.Timer;
import javax.swing.UIManager;

/**
 * The live loops that are running: one row per loop with its name, the version of its body, how many passes have
 * begun, and a bar that fills as the audio moves through the current pass. Its colours are the theme's (it sits
 * in the window like a list, not on a scope screen).
 *
 * <p>A Swing timer pulls the player's status about 30 times a second ({@link #start()}, {@link #stop()}).
 */
public final class LoopsView extends JComponent {

    private static final int PAD = 6;
    private static final int GAP = 10;
    private static final int MIN_BAR = 40;

    private final Supplier<LivePlayer.Status> source;
    private final Timer timer;
    private LivePlayer.Status status;
    private int rowsShown = -1;
    private final Rectangle bar = new Rectangle();
    private Font nameFont;

    /** @param status the live player's status (may return null while nothing plays) */
    public LoopsView(Supplier<LivePlayer.Status> status) {
        this.source = status;
        setToolTipText("Live loops");
        setOpaque(true);
        updateUI();
        timer = new Timer(1000 / ScopesPanel.FRAMES_PER_SECOND, e -> refresh());
    }

    @Override
    public void updateUI() {
        super.updateUI();
        // A bare JComponent has no UI delegate: take the look and feel's list colours and font ourselves.
        setFont(UIManager.getFont("Label.font"));
        nameFont = getFont() == null ? null : getFont().deriveFont(Font.BOLD);
        setForeground(color("Label.foreground", Color.BLACK));
        setBackground(color("Panel.background", Color.WHITE));
    }

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** Pulls the status now and repaints. */
    public void refresh() {
        status = source.get();
        int rows = loops().size();
        if (rows != rowsShown) {
            rowsShown = rows;
            revalidate(); // the preferred height follows the number of loops
        }
        repaint();
    }

    /**
     * How far the audio is through a loop's current pass, 0 to 1. Passes are computed ahead of the audio (the
     * schedule-ahead window), so {@code nextStart} can lie a pass or more beyond the one being heard; the passes
     * queued beyond it are taken to be as long as the last one. Without any queued, this is
     * {@code 1 - (nextStart - position) / passFrames}.
     */
    static double passShare(LivePlayer.LoopStatus loop, long position) {
        long length = loop.passFrames();
        if (length <= 0) {
            return 0;
        }
        long ahead = loop.nextStart() - position;
        if (ahead <= 0) {
            return 1; // the last pass computed has ended and the next is late
        }
        long queued = (ahead - 1) / length;
        if (queued >= loop.passes()) {
            return 0; // its first pass has not begun
        }
        return 1 - (double) (ahead - queued * length) / length;
    }

    /** Passes that have begun, counting the one being heard (the passes computed ahead have not). */
    static long passesBegun(LivePlayer.LoopStatus loop, long position) {
        long length = loop.passFrames();
        long ahead = loop.nextStart() - position;
        if (length <= 0 || ahead <= 0) {
            return loop.passes();
        }
        return Math.max(0, loop.passes() - (ahead - 1) / length);
    }

    private List<LivePlayer.LoopStatus> loops() {
        return status == null ? List.of() : status.loops();
    }

    private int rowHeight() {
        return getFontMetrics(getFont()).getHeight() + 8;
    }

    /** The bar of row {@code row} (0 is the first loop), in this component's coordinates. */
    Rectangle barBounds(int row) {
        FontMetrics fm = getFontMetrics(getFont());
        int rowHeight = rowHeight();
        int top = PAD + rowHeight * (row + 1); // below the heading
        int textColumns = nameWidth() + GAP + fm.stringWidth("v999") + GAP + fm.stringWidth("pass 9999") + GAP;
        int x = PAD + textColumns;
        bar.setBounds(x, top + rowHeight / 4, Math.max(MIN_BAR, getWidth() - x - PAD), Math.max(4, rowHeight / 2));
        return bar;
    }

    private int nameWidth() {
        return Math.max(getFontMetrics(getFont()).stringWidth("mmmmmmmm"), (getWidth() - 2 * PAD) / 5);
    }

    @Override
    public Dimension getPreferredSize() {
        if (isPreferredSizeSet()) {
            return super.getPreferredSize();
        }
        int rows = Math.max(1, loops().size());
        return new Dimension(320, 2 * PAD + rowHeight() * (rows + 1));
    }

    @Override
    public String getToolTipText(MouseEvent event) {
        List<LivePlayer.LoopStatus> loops = loops();
        int row = (event.getY() - PAD) / rowHeight() - 1;
        if (row < 0 || row >= loops.size()) {
            return "Live loops: each one's version, how many passes have begun, and where the current pass is";
        }
        LivePlayer.LoopStatus loop = loops.get(row);
        long position = status.position();
        return String.format("Loop '%s', version %d: pass %d, %.0f%% through%s", loop.name(), loop.version(),
                passesBegun(loop, position), 100 * passShare(loop, position),
                loop.stopping() ? "; it stops at the end of this pass (gone from the code)" : "");
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics;
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(getBackground());
        g.fillRect(0, 0, getWidth(), getHeight());
        g.setFont(getFont());
        FontMetrics fm = g.getFontMetrics();
        int rowHeight = rowHeight();
        int baseline = (rowHeight + fm.getAscent() - fm.getDescent()) / 2;
        Color dim = color("Label.disabledForeground", Color.GRAY);
        List<LivePlayer.LoopStatus> loops = loops();

        g.setColor(dim);
        String heading = status == null || status.version() == null ? "Nothing playing"
                : String.format("Version %d · %.0f BPM · %s", status.version(), status.bpm(),
                        loops.isEmpty() ? "no loops" : loops.size() == 1 ? "1 loop" : loops.size() + " loops");
        g.drawString(heading, PAD, PAD + baseline);

        Color fill = color("ProgressBar.foreground", new Color(0x4a88c7));
        Color track = color("ProgressBar.background", new Color(0xd8d8d8));
        Color outline = ScopeScreen.border();
        for (int i = 0; i < loops.size(); i++) {
            LivePlayer.LoopStatus loop = loops.get(i);
            int top = PAD + rowHeight * (i + 1);
            int x = PAD;
            g.setColor(loop.stopping() ? dim : getForeground());
            g.setFont(nameFont);
            Graphics2D name = (Graphics2D) g.create(x, top, nameWidth(), rowHeight);
            name.drawString(loop.name(), 0, baseline); // clipped to its column
            name.dispose();
            g.setFont(getFont());
            x += nameWidth() + GAP;
            g.drawString("v" + loop.version(), x, top + baseline);
            x += fm.stringWidth("v999") + GAP;
            long begun = passesBegun(loop, status.position());
            g.drawString(begun == 0 ? "starting" : loop.stopping() ? "last pass" : "pass " + begun, x, top + baseline);

            Rectangle b = barBounds(i);
            g.setColor(track);
            g.fillRect(b.x, b.y, b.width, b.height);
            g.setColor(loop.stopping() ? dim : fill);
            g.fillRect(b.x, b.y, (int) Math.round(passShare(loop, status.position()) * b.width), b.height);
            g.setColor(outline);
            g.drawRect(b.x - 1, b.y - 1, b.width + 1, b.height + 1);
        }
    }

    @Override
    public AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                @Override
                public AccessibleRole getAccessibleRole() {
                    return AccessibleRole.PANEL;
                }
            };
            accessibleContext.setAccessibleName("Live loops");
        }
        return accessibleContext;
    }

    private static Color color(String key, Color fallback) {
        Color c = UIManager.getColor(key);
        return c != null ? c : fallback;
    }
}
