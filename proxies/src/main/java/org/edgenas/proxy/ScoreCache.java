package org.edgenas.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.ToDoubleFunction;
import org.edgenas.arch.Architecture;

/**
 * Memoised proxy scores of one {@link ProxyContext} (one problem, one proxy study), keyed by what decides a score: a
 * proxy's {@link AccuracyProxy#scoreKey() score key} (its resolved settings and the content of any input file) and the
 * canonical architecture ({@link Architecture#id()}). So a proxy and an ensemble member with the same settings compute
 * each architecture once, while two proxies that differ in any setting or input never share a score. Bounded: past
 * {@code capacity} scores the least recently used are dropped. Concurrent requests for one score wait for a single
 * computation; a computation that throws is not cached. Thread-safe.
 */
public final class ScoreCache {

    /** Scores kept by default: an exhaustive NB201 run (15,625) several times over, a few MB. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private record Key(Object proxy, String arch) {
    }

    private final int capacity;
    private final Map<Key, CompletableFuture<Double>> scores;

    /**
     * An empty cache of at most {@code capacity} scores.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public ScoreCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.scores = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<Double>> eldest) {
                return size() > ScoreCache.this.capacity;
            }
        };
    }

    /** Scores held now (completed or being computed). */
    public synchronized int size() {
        return scores.size();
    }

    /**
     * The score of {@code a} by the proxy whose score key is {@code key}, computed with {@code compute} unless held.
     *
     * @throws RuntimeException what {@code compute} threw (then nothing is kept)
     */
    public double score(Object key, Architecture a, ToDoubleFunction<Architecture> compute) {
        Key entry = new Key(key, a.id());
        CompletableFuture<Double> mine = new CompletableFuture<>();
        CompletableFuture<Double> existing;
        synchronized (this) {
            existing = scores.putIfAbsent(entry, mine);
        }
        if (existing != null) {
            try {
                return existing.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        try {
            double s = compute.applyAsDouble(a);
            mine.complete(s);
            return s;
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                scores.remove(entry, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
