package dev.riffcode.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link FileSteps} for tests: does the real thing, records every call in order, and can make one
 * chosen call fail, either with an {@link IOException} (the process lives on and cleans up) or
 * with a {@link Crash} (the process dies on the spot).
 */
final class RecordingSteps implements FileSteps {

    enum Kind { WRITE, MOVE_OR_COPY, FORCE, RENAME, FORCE_FOLDER }

    enum Fault { IO_ERROR, CRASH }

    /** The message of every injected {@link IOException}; it names no file, so tests can tell whether the caller does. */
    static final String INJECTED = "injected disk failure";

    /** One call: {@code path} is the file or folder it acts on, {@code to} a rename's new name. */
    record Call(Kind kind, Path path, Path to) {

        /** The file this call helps to save: a rename's target, or the name a temporary file stands for. */
        String saving() {
            return to != null ? to.getFileName().toString() : realName(path);
        }

        boolean isRenameTo(String name) {
            return kind == Kind.RENAME && to.getFileName().toString().equals(name);
        }

        @Override
        public String toString() {
            return kind + " " + shown(path) + (to == null ? "" : " -> " + shown(to));
        }

        /**
         * Temporary files and a new session's staging folder have random names; hide the random
         * part so that names repeat from run to run.
         */
        private static String shown(Path p) {
            String name = p.getFileName().toString();
            return AtomicFiles.isTemp(p) ? "." + realName(p) + ".*.tmp" : name.replaceFirst("^\\.new-\\p{XDigit}+$", ".new-*");
        }

        private static String realName(Path p) {
            String name = p.getFileName().toString();
            return AtomicFiles.isTemp(p) ? name.substring(1, name.lastIndexOf('.', name.length() - 5)) : name;
        }
    }

    /**
     * Stands for the process dying in the middle of a step. It is an {@link Error}, so the writer's
     * {@code catch (IOException | RuntimeException e)} clean-up does not run, just as it would not
     * after a kill.
     */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash(Call call) {
            super("simulated crash at " + call);
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private Consumer<Call> beforeEach = call -> { };
    private int failAt = -1;
    private Fault fault;
    private Call failed;

    /** Runs {@code check} before each call goes through, with the file system as it is then. */
    void beforeEach(Consumer<Call> check) {
        beforeEach = check;
    }

    /** Forgets the calls so far and makes call {@code index} (from 0) of those to come fail. */
    void failCall(int index, Fault how) {
        calls.clear();
        failAt = index;
        fault = how;
        failed = null;
    }

    /** Forgets the calls so far. */
    void clear() {
        calls.clear();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The call that was made to fail, or null if the write never got that far. */
    Call failed() {
        return failed;
    }

    @Override
    public void write(Path file, byte[] data) throws IOException {
        Call call = new Call(Kind.WRITE, file, null);
        if (due(call)) {
            DISK.write(file, Arrays.copyOf(data, data.length / 2)); // a torn write: half the bytes
            fail(call);
        }
        DISK.write(file, data);
    }

    @Override
    public boolean moveOrCopy(Path source, Path file) throws IOException {
        Call call = new Call(Kind.MOVE_OR_COPY, file, null);
        if (due(call)) {
            byte[] data = Files.readAllBytes(source);
            DISK.write(file, Arrays.copyOf(data, data.length / 2)); // a copy cut short
            fail(call);
        }
        return DISK.moveOrCopy(source, file);
    }

    @Override
    public void force(Path file) throws IOException {
        Call call = new Call(Kind.FORCE, file, null);
        if (due(call)) {
            fail(call);
        }
        DISK.force(file);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Call call = new Call(Kind.RENAME, from, to);
        if (due(call)) {
            fail(call);
        }
        DISK.rename(from, to);
    }

    @Override
    public void forceFolder(Path dir) throws IOException {
        Call call = new Call(Kind.FORCE_FOLDER, dir, null);
        if (due(call)) {
            fail(call);
        }
        DISK.forceFolder(dir);
    }

    private boolean due(Call call) {
        beforeEach.accept(call);
        calls.add(call);
        if (calls.size() - 1 == failAt) {
            failed = call;
            return true;
        }
        return false;
    }

    private void fail(Call call) throws IOException {
        if (fault == Fault.CRASH) {
            throw new Crash(call);
        }
        throw new IOException(INJECTED);
    }
}
