package dev.riffcode.ui;

import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.runtime.ScriptRunner;
import dev.riffcode.runtime.WorkerSettings;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The app's studio (the render sandbox): for generation's validation, export, and Run without a sound device. Made
 * on first use; {@link #warmInBackground} starts its worker early so the first use does not wait for it.
 */
final class LazyStudio implements Supplier<Studio>, AutoCloseable {

    private Studio studio;

    @Override
    public synchronized Studio get() {
        if (studio == null) {
            // In the background of live playing: its worker starts as the live one becomes ready, just when a first Run
            // comes, and at normal priority it took the CPU from both (the audio thread stalled 1.9 s, the Run took 4.9 s).
            studio = new Studio(new ScriptRunner(WorkerSettings.defaults(), WorkerSettings.Priority.BACKGROUND),
                    new PipesBackend());
        }
        return studio;
    }

    void warmInBackground() {
        Thread warm = new Thread(() -> {
            try {
                get().runner().warmUp();
            } catch (IOException e) {
                // The first real use reports it, with what to do.
            }
        }, "riffcode-studio-warm-up");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
    }

    @Override
    public synchronized void close() {
        if (studio != null) {
            studio.close();
        }
    }
}
