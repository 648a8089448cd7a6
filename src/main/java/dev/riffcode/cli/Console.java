package dev.riffcode.cli;

import java.io.PrintStream;

/** Progress and messages on stderr, so stdout stays clean for what a command prints as its result. */
final class Console {

    private final PrintStream err;
    private final boolean interactive;
    private int lastPercent = -1;
    private long firstCall;

    Console(PrintStream err) {
        this.err = err;
        this.interactive = System.console() != null;
    }

    void info(String message) {
        err.println(message);
    }

    /**
     * A progress line that rewrites itself on a terminal and prints every 25% otherwise. Work that
     * finishes within a second shows no progress at all.
     */
    void progress(String label, double fraction) {
        long now = System.nanoTime();
        if (firstCall == 0) {
            firstCall = now;
        }
        int percent = (int) Math.round(fraction * 100);
        if (percent == lastPercent || now - firstCall < 1_000_000_000L) {
            return;
        }
        if (interactive) {
            int filled = percent / 5;
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + percent + "%");
            if (percent >= 100) {
                err.println();
            }
        } else if (percent / 25 != lastPercent / 25 || percent >= 100 && lastPercent < 100) {
            err.println(label + " " + percent + "%");
        }
        lastPercent = percent;
    }
}
