package dev.riffcode.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing an output device, and what the user is told when there is none or the name matches none. */
class DeviceChoiceTest {

    private static void assertSaysWhatToDo(String message) {
        assertTrue(message.contains("./riffcode devices"), "points to the device list: " + message);
        assertTrue(message.contains("--record OUT.wav"), "points to recording without a device: " + message);
    }

    @Test
    void withNoDeviceAtAllTheMessageSaysSoAndWhatToDo(@TempDir Path dir) throws Exception {
        // An empty ALSA configuration and no sound server: what a machine without a sound card looks like.
        Path empty = Files.writeString(dir.resolve("empty.conf"), "");
        ChildJvm child = ChildJvm.start(OpenDevice.class, Map.of("ALSA_CONFIG_PATH", empty.toString(),
                "PULSE_SERVER", "unix:" + dir.resolve("no-server")), dir.resolve("err.log"), "-", "speakers");
        child.finish(60);
        assertEquals(List.of(), child.all("device"), "no device listed");
        List<String> errors = child.all("error");
        assertEquals(2, errors.size(), "the default and a named device both fail: " + errors);
        for (String message : errors) {
            assertTrue(message.startsWith("No audio output device:"), "says there is none: " + message);
            assertTrue(message.contains("no sound card, or no sound server"), "says why: " + message);
            assertSaysWhatToDo(message);
        }
    }

    @Test
    void aNameOrPartOfOnePicksTheDeviceAndAnUnknownNameListsThem(@TempDir Path dir) throws Exception {
        try (PulseSink sink = PulseSink.start()) {
            ChildJvm child = ChildJvm.start(OpenDevice.class, sink.clientEnv(), dir.resolve("err.log"),
                    "-", "DEFAU", "no-such-card");
            child.finish(60);
            assertTrue(child.all("device").contains("default [default]|true"),
                    "ALSA's default is listed as the default: " + child.all("device"));
            assertEquals(List.of("default [default]", "default [default]"), child.all("opened"),
                    "the default, and the device whose name contains 'DEFAU' (any case)");
            List<String> errors = child.all("error");
            assertEquals(1, errors.size(), "the unknown name fails: " + errors);
            String message = errors.get(0);
            assertTrue(message.startsWith("No audio output device matches \"no-such-card\""), message);
            assertTrue(message.contains("\"default [default]\""), "lists the devices there are: " + message);
            assertSaysWhatToDo(message);
        }
    }
}
