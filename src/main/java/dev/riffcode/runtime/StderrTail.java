package dev.riffcode.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the last few KB of the worker's stderr for error reports. */
final class StderrTail {
    private final StringBuilder tail = new StringBuilder();

    StderrTail(InputStream in) {
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the worker is gone
            }
        }, "riffcode-worker-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    private synchronized void append(String s) {
        tail.append(s);
        if (tail.length() > 8192) {
            tail.delete(0, tail.length() - 8192);
        }
    }

    synchronized String text() {
        return tail.toString();
    }
}
