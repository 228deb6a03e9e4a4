package org.edgenas.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent work items on a fixed number of threads: the calling thread plus {@code threads - 1} pooled
 * helper threads (daemons, shared by every network that uses this instance). Each item runs exactly once, on one
 * thread, together with the index of that thread's <em>slot</em> in [0, {@link #threads()}), so that a caller can
 * give each slot its own preallocated scratch memory.
 *
 * @apiNote Thread-safe: several networks may run items through one instance at the same time. The caller always
 * takes part, and waits only for helpers that actually started, so a busy pool slows a call down but never blocks
 * it. With one thread, items run inline on the caller, in order, without allocating. After {@link #close()} the
 * helper threads are gone and items run on the caller alone: the same results, more slowly.
 */
public final class Workers implements AutoCloseable {

    /** One work item. */
    @FunctionalInterface
    public interface Task {
        /**
         * Runs item {@code item} on the thread holding {@code slot}.
         *
         * @param item index of the item, in [0, items)
         * @param slot the running thread's slot, in [0, threads); no two threads share a slot during one call
         */
        void run(int item, int slot);
    }

    private static final Workers SINGLE = new Workers(1, null);

    private final int threads;
    private final ExecutorService helpers;

    private Workers(int threads, ExecutorService helpers) {
        this.threads = threads;
        this.helpers = helpers;
    }

    /**
     * Workers on {@code threads} threads.
     *
     * @throws IllegalArgumentException if {@code threads} is not in [1, 256]
     */
    public static Workers of(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], got " + threads);
        }
        if (threads == 1) {
            return SINGLE;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "edgenas-engine-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new Workers(threads, pool);
    }

    /** The calling thread only. */
    public static Workers single() {
        return SINGLE;
    }

    /** Number of threads, hence of scratch slots a caller must provide. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task} for every item in [0, items) and returns when all have finished.
     *
     * @throws RuntimeException the first exception an item threw (the other items still run or are skipped)
     */
    public void run(int items, Task task) {
        if (items <= 0) {
            return;
        }
        if (helpers == null || items == 1) {
            for (int i = 0; i < items; i++) {
                task.run(i, 0);
            }
            return;
        }
        Job job = new Job(items, task);
        int helping = Math.min(threads, items) - 1;
        try {
            for (int h = 1; h <= helping; h++) {
                int slot = h;
                helpers.execute(() -> job.help(slot));
            }
        } catch (RejectedExecutionException closed) {
            // closed: the caller does the remaining items itself
        }
        job.work(0);
        job.finish();
    }

    /**
     * Stops the helper threads (those running an item finish it first). Calls that follow run every item on the
     * calling thread.
     */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }

    /** One call's shared state: the next unclaimed item, the helpers still working, the first failure. */
    private static final class Job {
        private final AtomicInteger next = new AtomicInteger();
        private final int items;
        private final Task task;
        private int active;
        private boolean closed;
        private Throwable failure;

        Job(int items, Task task) {
            this.items = items;
            this.task = task;
        }

        void help(int slot) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                active++;
            }
            try {
                work(slot);
            } finally {
                synchronized (this) {
                    if (--active == 0) {
                        notifyAll();
                    }
                }
            }
        }

        void work(int slot) {
            try {
                for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                    task.run(i, slot);
                }
            } catch (Throwable t) {
                next.set(items);
                synchronized (this) {
                    if (failure == null) {
                        failure = t;
                    }
                }
            }
        }

        synchronized void finish() {
            closed = true;
            boolean interrupted = false;
            while (active > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }
    }
}
