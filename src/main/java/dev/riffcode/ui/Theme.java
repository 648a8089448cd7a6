package dev.riffcode.ui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fife.ui.rsyntaxtextarea.RSyntaxTextArea;

/** Light or dark, the look and feel and the editor's colours together. */
public enum Theme {
    SYSTEM, LIGHT, DARK;

    /** Installs FlatLaf for this choice (SYSTEM: as the desktop says, where it can tell). Call on the EDT. */
    static boolean install(Theme choice, Map<String, String> env) {
        boolean dark = choice == DARK || choice == SYSTEM && systemPrefersDark(env);
        FlatLaf laf = dark ? new FlatDarkLaf() : new FlatLightLaf();
        FlatLaf.setup(laf);
        return dark;
    }

    /** Gives an editor the colours that go with the installed look and feel. */
    static void style(RSyntaxTextArea editor) {
        boolean dark = FlatLaf.isLafDark();
        String name = dark ? "dark.xml" : "idea.xml";
        try (InputStream in = RSyntaxTextArea.class.getResourceAsStream("/org/fife/ui/rsyntaxtextarea/themes/" + name)) {
            if (in != null) {
                org.fife.ui.rsyntaxtextarea.Theme.load(in).apply(editor);
            }
        } catch (IOException e) {
            // The default colours are still readable.
        }
    }

    /**
     * What the desktop prefers: a GTK theme named dark (GTK_THEME=Adwaita:dark), or GNOME's colour scheme, or macOS's
     * appearance. Unknown means light.
     */
    static boolean systemPrefersDark(Map<String, String> env) {
        String gtk = env.getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT);
        if (gtk.contains("dark")) {
            return true;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return ask("defaults", "read", "-g", "AppleInterfaceStyle").toLowerCase(Locale.ROOT).contains("dark");
        }
        if (os.contains("linux") && env.containsKey("DBUS_SESSION_BUS_ADDRESS")) {
            return ask("gsettings", "get", "org.gnome.desktop.interface", "color-scheme").contains("dark");
        }
        return false;
    }

    /** A desktop setting from a command, or "" when it has none or does not answer within 300 ms. */
    private static String ask(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(300, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes());
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
