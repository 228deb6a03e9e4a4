package org.edgenas.proxy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToDoubleFunction;
import org.edgenas.arch.Architecture;
import org.edgenas.space.SearchSpace;

/**
 * Memoised proxy scores by canonical architecture ({@link Architecture#id()}), shared by every proxy instance with the
 * same search space (by {@code equals}) and the same settings for the life of the JVM: a proxy created twice (e.g.
 * on its own and inside an {@code ensemble}) computes each architecture once. Concurrent requests for one
 * architecture wait for a single computation; a computation that throws is not cached.
 */
final class ScoreCache {

    private static final ConcurrentMap<List<Object>, ScoreCache> SHARED = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, CompletableFuture<Double>> scores = new ConcurrentHashMap<>();

    private ScoreCache() {
    }

    /** The cache of proxies configured as {@code settings} (a canonical description) on {@code space}. */
    static ScoreCache shared(SearchSpace space, String settings) {
        return SHARED.computeIfAbsent(List.of(space, settings), k -> new ScoreCache());
    }

    /** The cached score of {@code a}, computing it with {@code compute} the first time. */
    double score(Architecture a, ToDoubleFunction<Architecture> compute) {
        CompletableFuture<Double> mine = new CompletableFuture<>();
        CompletableFuture<Double> existing = scores.putIfAbsent(a.id(), mine);
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
            scores.remove(a.id(), mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
