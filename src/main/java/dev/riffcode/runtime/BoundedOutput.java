package dev.riffcode.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Collects what a script prints, keeping at most {@code limit} bytes so print loops cannot exhaust memory. */
final class BoundedOutput extends OutputStream {

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean truncated;

    BoundedOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < limit) {
            kept.write(b);
        } else {
            truncated = true;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.max(0, limit - kept.size());
        kept.write(b, off, Math.min(room, len));
        if (len > room) {
            truncated = true;
        }
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
        return truncated;
    }

    /** What was printed since the last drain (live play prints pass by pass); the bound applies to each. */
    synchronized String drain() {
        String text = kept.toString(StandardCharsets.UTF_8) + (truncated ? "\n[output truncated at 64 KB]\n" : "");
        kept.reset();
        truncated = false;
        return text;
    }
}
