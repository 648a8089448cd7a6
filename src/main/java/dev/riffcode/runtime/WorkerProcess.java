package dev.riffcode.runtime;

import dev.riffcode.runtime.ScriptError.Category;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.NotificationEmitter;

/** What every worker process (render and live) does the same way: its protocol streams and its memory guard. */
final class WorkerProcess {

    /** Fraction of the heap, after a collection, at which running code is stopped. */
    static final double MEMORY_THRESHOLD = 0.70;
    private static final java.util.concurrent.atomic.AtomicInteger CLOSING = new java.util.concurrent.atomic.AtomicInteger();

    private WorkerProcess() {
    }

    /** The protocol on stdin/stdout; anything else that prints goes to stderr, so it cannot corrupt a frame. */
    static Frames protocol() {
        FileOutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        return new Frames(new BufferedInputStream(System.in), new BufferedOutputStream(protocolOut));
    }

    /**
     * Calls {@code onFull} (on a notification thread) whenever the heap stays above the threshold after a
     * collection: the code then running must be stopped before the heap is exhausted.
     */
    static void watchMemory(Runnable onFull) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                    && pool.getUsage().getMax() > 0) {
                pool.setCollectionUsageThreshold((long) (pool.getUsage().getMax() * MEMORY_THRESHOLD));
            }
        }
        NotificationEmitter emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
        emitter.addNotificationListener((notification, handback) -> {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())
                    && used > Runtime.getRuntime().maxMemory() * MEMORY_THRESHOLD) {
                onFull.run();
            }
        }, null, null);
    }

    /** The error for code stopped by the memory guard. */
    static ScriptError memoryError(String file, int line) {
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        return new ScriptError(Category.MEMORY, file, line, "MemoryLimit", "the script used too much memory (the "
                + "limit is about " + Math.round(maxMb * MEMORY_THRESHOLD) + " MB) and was stopped; is a list or "
                + "string growing without end?");
    }

    /** Closes a context, whatever state it is in (closing is how running code is stopped for good). */
    static void closeQuietly(SandboxedPython.Prepared p) {
        try {
            p.context().close(true);
        } catch (RuntimeException ignored) {
            // already closed or cancelled
        }
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Puts the calling thread at the lowest CPU priority, nice 19, where Linux allows (each thread has a nice level of
     * its own, and renice takes a thread id): what it does can wait, and must not take the CPU from loop passes. Where
     * it cannot be done the thread keeps the process's level; nothing else changes.
     */
    static void lowestPriorityForThisThread() {
        Path self = Path.of("/proc/thread-self");
        if (!ProcessPriority.available() || !Files.exists(self)) {
            return;
        }
        try {
            String threadId = Files.readSymbolicLink(self).getFileName().toString();
            if (!ProcessPriority.renice(19, List.of(threadId))) {
                System.err.println("riffcode worker: cannot lower a thread's priority (renice failed)");
            }
        } catch (IOException e) {
            System.err.println("riffcode worker: cannot lower a thread's priority: " + e.getMessage());
        }
    }

    /** Stops code on a thread of its own: closing a context waits for the code to notice. */
    static void closeInBackground(SandboxedPython.Prepared p) {
        CLOSING.incrementAndGet();
        daemon(() -> {
            try {
                closeQuietly(p);
            } finally {
                CLOSING.decrementAndGet();
            }
        }, "riffcode-memory-stop").start();
    }

    /**
     * Whether a context stopped for memory is still being closed: until it is, the heap is full of what it left, and
     * blaming the code that runs now would stop innocent code.
     */
    static boolean freeingMemory() {
        return CLOSING.get() > 0;
    }
}
