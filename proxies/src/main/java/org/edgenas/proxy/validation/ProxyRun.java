package org.edgenas.proxy.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.edgenas.proxy.AccuracyProxy;

/**
 * One proxy's scores over a {@link Sample}, computed on {@code threads} threads (one architecture per thread at a
 * time), with the wall time of each architecture's scoring.
 *
 * @param proxy   the proxy's name
 * @param scores  one score per architecture of the sample, in sample order
 * @param seconds wall seconds each score took (cache hits included as measured)
 */
public record ProxyRun(String proxy, double[] scores, double[] seconds) {

    /** Receives progress while a proxy runs: architectures done out of the total, and seconds elapsed. */
    @FunctionalInterface
    public interface Progress {
        /** Ignores progress. */
        Progress NONE = (proxy, done, total, seconds) -> { };

        /** Called (from one thread at a time) after each architecture. */
        void update(String proxy, int done, int total, double seconds);
    }

    /** Median of {@link #seconds()}. */
    public double medianSeconds() {
        double[] s = seconds.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * Scores every architecture of {@code sample} with {@code proxy}.
     *
     * @throws RuntimeException whatever the proxy threw for the first failing architecture
     */
    public static ProxyRun of(AccuracyProxy proxy, Sample sample, int threads, Progress progress) {
        int n = sample.size();
        double[] scores = new double[n];
        double[] seconds = new double[n];
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "edgenas-proxy-eval");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    scores[k] = proxy.score(sample.architectures().get(k));
                    seconds[k] = (System.nanoTime() - t0) / 1e9;
                    int d = done.incrementAndGet();
                    synchronized (progress) {
                        progress.update(proxy.name(), d, n, (System.nanoTime() - start) / 1e9);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new ProxyRun(proxy.name(), scores, seconds);
    }
}
