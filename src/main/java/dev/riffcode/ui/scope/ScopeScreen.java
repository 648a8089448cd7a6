package dev.riffcode.ui.scope;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.accessibility.AccessibleContext;
import javax.accessibility.AccessibleRole;
import javax.swing.JComponent;
import javax.swing.UIManager;

/**
 * What the three scopes share: each is a dark screen, in the light theme as in the dark one, because bright traces
 * and a colour map read best on black; only the frame around it and its label font follow the look and feel.
 */
abstract class ScopeScreen extends JComponent {

    static final Color BACKGROUND = new Color(0x0f1216);
    /** Grid lines: visible on the screen, far darker than any signal. */
    static final Color GRID = new Color(0x262b32);
    /** Axis labels on the screen. */
    static final Color LABEL = new Color(0x8a929e);
    static final Color TRACE = new Color(0x7cf0a0);

    private final String name;
    /** Axis labels: the theme's label font, a little smaller. */
    Font labelFont;

    ScopeScreen(String name, String tooltip, Dimension preferred) {
        this.name = name;
        setToolTipText(tooltip);
        setPreferredSize(preferred);
        setMinimumSize(new Dimension(Math.min(preferred.width, 60), 60));
        setOpaque(true);
        updateUI();
    }

    @Override
    public void updateUI() {
        super.updateUI();
        Font base = UIManager.getFont("Label.font");
        if (base == null) {
            base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        }
        labelFont = base.deriveFont(Math.max(9f, base.getSize2D() - 2));
    }

    /** A bare JComponent has no accessible context; a scope is a picture with a name (and a tooltip). */
    @Override
    public AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                @Override
                public AccessibleRole getAccessibleRole() {
                    return AccessibleRole.CANVAS;
                }
            };
            accessibleContext.setAccessibleName(name);
        }
        return accessibleContext;
    }

    /** The frame around a screen: the theme's border colour, so the screens sit in the window like its other parts. */
    static Color border() {
        Color c = UIManager.getColor("Component.borderColor"); // FlatLaf
        if (c == null) {
            c = UIManager.getColor("Separator.foreground");
        }
        return c != null ? c : Color.GRAY;
    }

    /** Fills the component with the screen colour, draws its frame and turns on smooth text. */
    void paintScreen(Graphics2D g) {
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, getWidth(), getHeight());
        g.setColor(border());
        g.drawRect(0, 0, getWidth() - 1, getHeight() - 1);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }
}
