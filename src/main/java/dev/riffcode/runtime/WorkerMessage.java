package dev.riffcode.runtime;

/**
 * One frame between the app and its script worker. Parent to worker: {@code run} (with a request),
 * {@code prepare} (make the next run's context now), {@code reference} and {@code shutdown} (exit normally, e.g. so
 * the JVM can write its AOT cache). Worker to parent: {@code ready}, {@code result} and {@code reference}.
 *
 * @param fatal           set on a result when the worker could not stop the script and is exiting; the
 *                        parent starts a fresh worker
 * @param spareWaitMillis set on a run: the worker makes the next run's context once the parent sends
 *                        {@code prepare}, or after this many idle milliseconds, not while the parent still works
 *                        on this run's score; 0 makes it at once
 */
record WorkerMessage(String type, RunRequest request, RunResult result, String text, boolean fatal, double millis,
        long spareWaitMillis) {

    WorkerMessage(String type, RunRequest request, RunResult result, String text, boolean fatal, double millis) {
        this(type, request, result, text, fatal, millis, 0);
    }

    static WorkerMessage run(RunRequest request, long spareWaitMillis) {
        return new WorkerMessage("run", request, null, null, false, 0, spareWaitMillis);
    }

    static WorkerMessage prepare() {
        return new WorkerMessage("prepare", null, null, null, false, 0);
    }

    static WorkerMessage shutdown() {
        return new WorkerMessage("shutdown", null, null, null, false, 0);
    }

    static WorkerMessage referenceRequest() {
        return new WorkerMessage("reference", null, null, null, false, 0);
    }

    static WorkerMessage ready(double coldMillis) {
        return new WorkerMessage("ready", null, null, null, false, coldMillis);
    }

    static WorkerMessage result(RunResult result, boolean fatal) {
        return new WorkerMessage("result", null, result, null, fatal, 0);
    }

    static WorkerMessage reference(String text) {
        return new WorkerMessage("reference", null, null, text, false, 0);
    }
}
