package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayTest {

    private static final boolean LINUX = System.getProperty("os.name").toLowerCase().contains("linux");
    private static final boolean FULL_JDK = Files.exists(Path.of(System.getProperty("java.home"), "lib",
            "libawt_xawt.so"));

    @Test
    void withoutADisplayVariableThereIsNoWindowAndTheReasonSaysWhichVariable() {
        assumeTrue(LINUX && FULL_JDK);
        assertFalse(Display.available(Map.of()));
        assertTrue(Display.whyNot(Map.of()).contains("DISPLAY or WAYLAND_DISPLAY is not set"), Display.whyNot(Map.of()));
        assertTrue(Display.whyNot(Map.of("DISPLAY", "  ")).contains("not set"), "a blank value is no display");
    }

    @Test
    void aDisplayVariableIsEnoughForAFullJdkThatIsNotHeadless() {
        assumeTrue(LINUX && FULL_JDK && !java.awt.GraphicsEnvironment.isHeadless());
        assertNull(Display.whyNot(Map.of("WAYLAND_DISPLAY", "wayland-0")));
    }

    @Test
    void aHeadlessJdkIsNamedWithThePackageThatFixesIt() {
        assumeTrue(LINUX && !FULL_JDK);
        assertTrue(Display.whyNot(Map.of("DISPLAY", ":0")).contains("headless JDK"));
    }
}
