package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A worker's stderr is kept for error reports, but only its end: a chatty worker must not fill memory. */
class StderrTailTest {

    @Test
    void keepsTheLastEightKilobytesOfWhatTheWorkerWrote() throws InterruptedException {
        StringBuilder written = new StringBuilder();
        for (int i = 0; written.length() < 20_000; i++) {
            written.append("worker log line ").append(i).append('\n');
        }
        String all = written.toString();
        StderrTail tail = new StderrTail(new ByteArrayInputStream(all.getBytes(StandardCharsets.UTF_8)));
        String expected = all.substring(all.length() - 8192);
        // The tail reads on its own thread; give it a moment to reach the end of the stream.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!tail.text().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, tail.text());
    }
}
