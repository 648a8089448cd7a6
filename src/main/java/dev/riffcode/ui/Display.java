package dev.riffcode.ui;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Whether a window can be shown here, and if not, why. */
public final class Display {

    private Display() {
    }

    /**
     * True when this Java can draw windows (on Linux: it is not a headless JDK) and the environment names an X11 or
     * Wayland display (Windows and macOS always have one).
     */
    public static boolean available(Map<String, String> env) {
        return whyNot(env) == null;
    }

    /** Why there is no window, in words for the terminal; null when there is one. */
    public static String whyNot(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean linux = !os.contains("win") && !os.contains("mac");
        if (linux && !Files.exists(Path.of(System.getProperty("java.home"), "lib", "libawt_xawt.so"))) {
            return "this Java cannot open windows (a headless JDK, " + System.getProperty("java.home")
                    + "); install the full one, e.g. apt-get install openjdk-" + Runtime.version().feature() + "-jre";
        }
        if (linux && !isSet(env.get("DISPLAY")) && !isSet(env.get("WAYLAND_DISPLAY"))) {
            return "no display: the editor needs a desktop (DISPLAY or WAYLAND_DISPLAY is not set)";
        }
        if (GraphicsEnvironment.isHeadless()) {
            return "Java runs headless here (java.awt.headless is true), so it cannot open windows";
        }
        return null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
