package dev.riffcode.engine;

/** Waiting for the engine's own helper threads. */
public final class Threads {

    private Threads() {
    }

    /**
     * Waits until {@code thread} has ended, however often the caller is interrupted meanwhile; an interrupt is
     * kept set for the caller to see afterwards. For threads that end promptly once told to.
     */
    public static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
