package dev.riffcode.ui;

import dev.riffcode.runtime.ScriptError;
import dev.riffcode.session.Origin;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The window's session: made on the first Run or prompt (an editor opened and closed leaves nothing behind), then
 * every Run, prompt, answer, version, validation and repair goes into it. Writes run on a thread of their own, in
 * order, so the EDT never waits for the disk.
 */
final class EditorSession implements AutoCloseable {

    private final SessionStore store;
    private final ExecutorService disk = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "riffcode-session");
        t.setDaemon(true);
        return t;
    });
    private volatile Session session;

    EditorSession(SessionStore store) {
        this.store = store;
    }

    /** An opened session and its latest code (null when it has none). */
    record Opened(String title, String code) {
    }

    SessionStore store() {
        return store;
    }

    /**
     * Makes an earlier session the window's (the one open until now is closed, its lock released); what comes next
     * goes into it. Completes with its title and latest code.
     */
    CompletableFuture<Opened> open(String name) {
        return write(() -> {
            Session old = session;
            Session opened = old != null && old.name().equals(name) ? old : store.open(name);
            synchronized (this) {
                session = opened;
            }
            if (old != null && old != opened) {
                old.close();
            }
            return new Opened(opened.title() != null ? opened.title() : opened.name(), opened.latestCode().orElse(null));
        });
    }

    /** The session, or null before anything was recorded. */
    Session current() {
        return session;
    }

    /** Its title, or null before it exists. */
    String title() {
        Session s = session;
        return s == null ? null : s.title() != null ? s.title() : s.name();
    }

    /** The session, made with {@code title} if there is none yet. Call on the session thread or a worker thread. */
    synchronized Session get(String title) throws IOException {
        if (session == null) {
            session = store.create(title);
        }
        return session;
    }

    /**
     * Records the code of a Run as a version (a manual one, unless it is the latest version unchanged), as the Run
     * starts. Completes with the version number.
     */
    CompletableFuture<Integer> version(String title, String code) {
        return write(() -> {
            Session s = get(title);
            int latest = s.latestVersion();
            Optional<String> latestCode = s.latestCode();
            return latestCode.isPresent() && latestCode.get().equals(code) ? latest
                    : s.codeVersion(code, Origin.MANUAL, latest == 0 ? null : latest);
        });
    }

    /** Records whether a version worked when it was run (null: it did). */
    CompletableFuture<Integer> validation(int version, ScriptError error) {
        return write(() -> session.validation(version, error == null ? null : error.format(),
                error == null || error.line() == 0 ? null : error.line()));
    }

    /** Records a note (an export, a stop). */
    CompletableFuture<Integer> note(String title, String text) {
        return write(() -> get(title).note(text));
    }

    /** Runs a write on the session thread; a failure is the future's, with the reason. */
    <T> CompletableFuture<T> write(Callable<T> step) {
        CompletableFuture<T> done = new CompletableFuture<>();
        disk.execute(() -> {
            try {
                done.complete(step.call());
            } catch (Exception e) {
                done.completeExceptionally(e instanceof UncheckedIOException u ? u.getCause() : e);
            }
        });
        return done;
    }

    /** Waits for the writes queued so far, then closes the session (its lock is released). */
    @Override
    public void close() {
        disk.shutdown();
        try {
            disk.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Session s = session;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                System.err.println("riffcode: could not close the session: " + e.getMessage());
            }
        }
    }
}
