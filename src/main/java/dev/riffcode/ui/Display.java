package dev.riffcode.ui;

import java.awt.GraphicsEnvironment;
import java.util.Map;

/** Whether a window can be shown here. */
public final class Display {

    private Display() {
    }

    /** True when AWT is not headless and the environment names an X11 or Wayland display (or the OS has its own). */
    public static boolean available(Map<String, String> env) {
        if (GraphicsEnvironment.isHeadless()) {
            return false;
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"));
    }

    /** Why there is no window, in words for the terminal. */
    public static String whyNot() {
        return "no display: the editor needs a desktop (DISPLAY or WAYLAND_DISPLAY is not set)";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
