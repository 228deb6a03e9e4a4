package org.edgenas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void runsEveryItemExactlyOnceOnDistinctSlots() {
        Workers workers = Workers.of(3);
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        AtomicIntegerArray inUse = new AtomicIntegerArray(3);
        AtomicInteger clashes = new AtomicInteger();
        workers.run(1000, (item, slot) -> {
            assertTrue(slot >= 0 && slot < 3, "slot " + slot);
            if (!inUse.compareAndSet(slot, 0, 1)) {
                clashes.incrementAndGet();
            }
            runs.incrementAndGet(item);
            Thread.onSpinWait();
            inUse.set(slot, 0);
        });
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, runs.get(i), "item " + i);
        }
        assertEquals(0, clashes.get(), "two threads held one slot at once");
    }

    @Test
    void rethrowsTheFirstFailureOnTheCaller() {
        Workers workers = Workers.of(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> workers.run(100, (item, slot) -> {
            if (item == 42) {
                throw new IllegalStateException("item 42 failed");
            }
        }));
        assertEquals("item 42 failed", e.getMessage());
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> Workers.of(0));
    }

    @Test
    void afterCloseEveryItemRunsOnTheCaller() {
        Workers workers = Workers.of(3);
        workers.close();
        Thread caller = Thread.currentThread();
        AtomicIntegerArray runs = new AtomicIntegerArray(200);
        AtomicInteger elsewhere = new AtomicInteger();
        workers.run(200, (item, slot) -> {
            if (Thread.currentThread() != caller || slot != 0) {
                elsewhere.incrementAndGet();
            }
            runs.incrementAndGet(item);
        });
        for (int i = 0; i < 200; i++) {
            assertEquals(1, runs.get(i), "item " + i);
        }
        assertEquals(0, elsewhere.get(), "items ran on a helper after close");
    }
}
