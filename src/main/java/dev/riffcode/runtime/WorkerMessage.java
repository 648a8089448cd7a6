package dev.riffcode.runtime;

/**
 * One frame between the app and its script worker. Parent to worker: {@code run} (with a request),
 * {@code reference} and {@code shutdown} (exit normally, e.g. so the JVM can write its AOT cache). Worker to parent: {@code ready}, {@code result} and {@code reference}.
 *
 * @param fatal set on a result when the worker could not stop the script and is exiting; the
 *              parent starts a fresh worker
 */
record WorkerMessage(String type, RunRequest request, RunResult result, String text, boolean fatal, double millis) {

    static WorkerMessage run(RunRequest request) {
        return new WorkerMessage("run", request, null, null, false, 0);
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
