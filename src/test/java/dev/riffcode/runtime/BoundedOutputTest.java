package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a script prints is kept up to a limit, so a print loop cannot fill the app's memory. */
class BoundedOutputTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void outputUpToTheLimitIsKeptWhole() {
        BoundedOutput out = new BoundedOutput(10);
        out.write(bytes("hello"), 0, 5);
        out.write(bytes(">world<"), 1, 5);
        assertEquals("helloworld", out.text());
        assertFalse(out.truncated(), "exactly the limit is not too much");
    }

    @Test
    void blockWritesBeyondTheLimitAreCutAndSaySo() {
        BoundedOutput out = new BoundedOutput(8);
        out.write(bytes("12345"), 0, 5);
        out.write(bytes("6789"), 0, 4);
        out.write(bytes("more"), 0, 4);
        assertEquals("12345678", out.text());
        assertTrue(out.truncated());
    }

    @Test
    void singleByteWritesBeyondTheLimitAreCutAndSaySo() {
        BoundedOutput out = new BoundedOutput(3);
        for (byte b : bytes("abc")) {
            out.write(b);
        }
        assertFalse(out.truncated());
        out.write('d');
        assertEquals("abc", out.text());
        assertTrue(out.truncated());
    }

    @Test
    void drainingHandsOverWhatWasPrintedAndStartsAFreshBound() {
        BoundedOutput out = new BoundedOutput(4);
        out.write(bytes("pass 1 output"), 0, 13);
        String first = out.drain();
        assertTrue(first.startsWith("pass"), first);
        assertTrue(first.contains("[output truncated"), "a cut is said where the text is shown: " + first);

        out.write(bytes("ok"), 0, 2);
        assertFalse(out.truncated(), "the next pass has its own bound");
        assertEquals("ok", out.drain());
        assertEquals("", out.drain());
    }
}
