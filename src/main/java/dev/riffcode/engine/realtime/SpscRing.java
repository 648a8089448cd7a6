package dev.riffcode.engine.realtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue between exactly one producer thread and one consumer thread that never locks and never allocates
 * after construction, so the audio thread can use either end.
 *
 * @param <T> what travels through it
 */
public final class SpscRing<T> {

    private final Object[] slots;
    private final int mask;
    private final AtomicLong head = new AtomicLong();   // next to read; written by the consumer
    private final AtomicLong tail = new AtomicLong();   // next to write; written by the producer

    /** @param capacity rounded up to a power of two */
    public SpscRing(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        slots = new Object[size];
        mask = size - 1;
    }

    /** Producer side: adds {@code item}, or returns false when the ring is full. */
    public boolean offer(T item) {
        long t = tail.get();
        if (t - head.get() >= slots.length) {
            return false;
        }
        slots[(int) (t & mask)] = item;
        tail.lazySet(t + 1);
        return true;
    }

    /** Consumer side: the oldest item, or null when the ring is empty. */
    @SuppressWarnings("unchecked")
    public T poll() {
        long h = head.get();
        if (h == tail.get()) {
            return null;
        }
        int i = (int) (h & mask);
        T item = (T) slots[i];
        slots[i] = null;
        head.lazySet(h + 1);
        return item;
    }

    /** Items waiting (a snapshot; exact only on either thread's own side). */
    public int size() {
        return (int) (tail.get() - head.get());
    }
}
