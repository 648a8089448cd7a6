package dev.riffcode.ui.scope;

import dev.riffcode.live.LivePlayer;
import java.awt.BorderLayout;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import javax.swing.JPanel;
import javax.swing.UIManager;

/**
 * Paints the scopes and the loops view fed with 440 Hz + 3 kHz into a PNG, to look at:
 * {@code java -cp target/test-classes:target/classes:target/lib/* dev.riffcode.ui.scope.ScopesDemo OUT.png [dark]}.
 */
public final class ScopesDemo {

    public static void main(String[] args) throws IOException {
        if (args.length > 1 && args[1].equals("dark")) {
            // Roughly FlatLaf Dark's colours, to see the screens in a dark window.
            UIManager.put("Panel.background", new Color(0x3c3f41));
            UIManager.put("Label.foreground", new Color(0xbbbbbb));
            UIManager.put("Label.disabledForeground", new Color(0x8c8c8c));
            UIManager.put("Separator.foreground", new Color(0x515151));
            UIManager.put("ProgressBar.foreground", new Color(0x4a88c7));
            UIManager.put("ProgressBar.background", new Color(0x555555));
        }
        FakeAudio audio = new FakeAudio();
        ScopesPanel scopes = audio.panel();
        long rate = FakeAudio.RATE;
        LivePlayer.Status status = new LivePlayer.Status(3, 120, List.of(
                new LivePlayer.LoopStatus("drums", 3, 17, 400_000 + rate / 2, 2 * rate, false),
                new LivePlayer.LoopStatus("bass", 2, 9, 400_000 + 3 * rate, 4 * rate, false),
                new LivePlayer.LoopStatus("pad", 1, 4, 400_000 + rate, 8 * rate, true)), 400_000);
        LoopsView loops = new LoopsView(() -> status);
        loops.refresh();
        JPanel window = new JPanel(new BorderLayout());
        window.add(scopes, BorderLayout.CENTER);
        window.add(loops, BorderLayout.SOUTH);
        window.setSize(900, 200 + loops.getPreferredSize().height);
        Pictures.layOut(window);

        audio.play(scopes, 1.0, FakeAudio.silence());
        audio.play(scopes, 2.0, FakeAudio.sine(440, 0.4));
        audio.stats = FakeAudio.stats(0.6f, 0);
        audio.play(scopes, 4.0, f -> 0.4 * Math.sin(2 * Math.PI * 440 * f / rate)
                + 0.2 * Math.sin(2 * Math.PI * 3000 * f / rate));
        ImageIO.write(Pictures.paint(window), "png", new File(args[0]));
    }
}
