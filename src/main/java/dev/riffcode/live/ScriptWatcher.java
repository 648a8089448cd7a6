package dev.riffcode.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells when a script file was saved, by any editor. It watches the file's folder, not the file, because many
 * editors (vim, VS Code, ...) save by writing a new file and renaming it over the old one, which replaces the file a
 * watch on the file itself would follow. Bursts of events from one save (truncate, write, rename) are merged.
 */
public final class ScriptWatcher implements AutoCloseable {

    /** Events closer together than this are one save. */
    static final long SETTLE_MILLIS = 40;
    /** The same text read again this soon is the same save seen twice, not a new save. */
    static final long SAME_SAVE_MILLIS = 500;
    /** However long a save goes on, it is read after this. */
    static final long MAX_SETTLE_MILLIS = 250;

    private final Path file;
    private final WatchService watch;
    private final Thread thread;
    private volatile boolean open = true;
    private String lastText;
    private long lastRead;

    /**
     * Starts watching; {@code saved} gets the file's text after each save (on the watcher's thread), and
     * {@code unreadable} a message when it cannot be read (e.g. deleted, or not UTF-8).
     */
    public ScriptWatcher(Path file, Consumer<String> saved, Consumer<String> unreadable) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        Path folder = this.file.getParent();
        watch = FileSystems.getDefault().newWatchService();
        folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        thread = new Thread(() -> run(saved, unreadable), "riffcode-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Consumer<String> saved, Consumer<String> unreadable) {
        Path name = file.getFileName();
        try {
            while (open) {
                WatchKey key = watch.take();
                boolean ours = touches(key, name);
                key.reset();
                if (!ours) {
                    continue;
                }
                // Let the rest of this save's events arrive, then read the file once. Only events for this file
                // count: others in the folder (a recording being written beside it) never stop.
                long settleUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
                long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_SETTLE_MILLIS);
                long left;
                while ((left = Math.min(settleUntil, giveUp) - System.nanoTime()) > 0) {
                    WatchKey more = watch.poll(left, TimeUnit.NANOSECONDS);
                    if (more != null) {
                        if (touches(more, name)) {
                            settleUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
                        }
                        more.reset();
                    }
                }
                if (!Files.exists(file)) {
                    continue;   // a rename-over leaves a moment with no file; its create event follows
                }
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                    long now = System.nanoTime();
                    if (text.equals(lastText) && now - lastRead < TimeUnit.MILLISECONDS.toNanos(SAME_SAVE_MILLIS)) {
                        continue;
                    }
                    lastText = text;
                    lastRead = now;
                    saved.accept(text);
                } catch (java.nio.charset.CharacterCodingException e) {
                    unreadable.accept(file.getFileName() + " is not UTF-8 text; save it as UTF-8");
                } catch (IOException e) {
                    unreadable.accept("cannot read " + file + ": " + e.getMessage());
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private static boolean touches(WatchKey key, Path name) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
        }
        return ours;
    }

    @Override
    public void close() throws IOException {
        open = false;
        watch.close();
        thread.interrupt();
    }
}
