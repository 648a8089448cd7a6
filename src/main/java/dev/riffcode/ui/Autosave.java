package dev.riffcode.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.Document;

/**
 * Keeps what is typed safe: once typing pauses for {@link #DEBOUNCE_MILLIS} (and when the window loses the focus,
 * and when it closes) the text is written atomically to the state folder, one file per script (or one for an
 * untitled buffer), so a crash or a kill loses nothing typed before the pause. The next launch for the same script
 * finds it there. The file itself is written only by Save.
 */
final class Autosave implements DocumentListener, AutoCloseable {

    static final int DEBOUNCE_MILLIS = 300;

    private final Path dir;
    private final Supplier<String> text;
    private final Timer timer;
    private final AtomicReference<String> pending = new AtomicReference<>();
    private final ExecutorService disk = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "riffcode-autosave");
        t.setDaemon(true);
        return t;
    });
    private volatile Path target;
    private volatile IOException lastError;

    /** @param stateDir the editor's state folder; autosaves go to its {@code autosave/} */
    Autosave(Path stateDir, Document document, Supplier<String> text, Path file) {
        this.dir = stateDir.resolve("autosave");
        this.text = text;
        this.target = fileFor(dir, file);
        this.timer = new Timer(DEBOUNCE_MILLIS, e -> saveNow());
        timer.setRepeats(false);
        document.addDocumentListener(this);
    }

    /** The autosave of a script (by its absolute path), or of the untitled buffer. */
    static Path fileFor(Path autosaveDir, Path script) {
        if (script == null) {
            return autosaveDir.resolve("untitled.py");
        }
        String path = script.toAbsolutePath().normalize().toString();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return autosaveDir.resolve(HexFormat.of().formatHex(hash, 0, 8) + "-" + script.getFileName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Text autosaved for {@code script} that the script on disk does not have: it was typed and never saved (or the
     * editor was killed). Empty when there is none, when it equals what is on disk, or when the file was changed
     * after it (then the file wins).
     */
    static Optional<String> recover(Path stateDir, Path script, String onDisk) {
        Path saved = fileFor(stateDir.resolve("autosave"), script);
        try {
            if (!Files.isRegularFile(saved)) {
                return Optional.empty();
            }
            String text = Files.readString(saved, StandardCharsets.UTF_8);
            if (text.equals(onDisk)) {
                return Optional.empty();
            }
            if (script != null && Files.exists(script)
                    && Files.getLastModifiedTime(script).compareTo(Files.getLastModifiedTime(saved)) > 0) {
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The script was saved under another name: autosave under that one from now on. */
    void retarget(Path file) {
        target = fileFor(dir, file);
    }

    Path target() {
        return target;
    }

    /** The last write that failed, or null: the window says so, once. */
    IOException lastError() {
        return lastError;
    }

    /**
     * Queues the text as it is now; the newest text wins if writes fall behind. After {@link #close} it does nothing
     * (a closing window still hears of its focus going). Call on the EDT.
     */
    void saveNow() {
        timer.stop();
        if (disk.isShutdown()) {
            return;
        }
        if (pending.getAndSet(text.get()) == null) {
            disk.execute(this::write);
        }
    }

    private void write() {
        String latest = pending.getAndSet(null);
        if (latest == null) {
            return;
        }
        try {
            TextFiles.writeAtomically(target, latest);
            lastError = null;
        } catch (IOException e) {
            lastError = e;
        }
    }

    @Override
    public void insertUpdate(DocumentEvent e) {
        timer.restart();
    }

    @Override
    public void removeUpdate(DocumentEvent e) {
        timer.restart();
    }

    @Override
    public void changedUpdate(DocumentEvent e) {
        // attributes only
    }

    /** Writes what is pending and waits for it. Call on the EDT. */
    @Override
    public void close() {
        saveNow();
        disk.shutdown();
        try {
            disk.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
