package org.edgenas.proxy;

import org.edgenas.arch.Architecture;

/**
 * A proxy whose scores are memoised in its {@link ProxyContext}'s {@link ScoreCache} under its score key: the base of
 * the expensive proxies ({@code naswot}, {@code synflow}, {@code logsynflow}, {@code ensemble}), and of a user's.
 * A subclass computes one score in {@link #compute} and passes a key that holds everything its scores depend on
 * (see {@link AccuracyProxy#scoreKey()}), typically a record of its resolved settings.
 */
public abstract class MemoisedProxy implements AccuracyProxy {

    private final ScoreCache cache;
    private final Object key;

    /**
     * @param context where the proxy is made; its cache keeps the scores
     * @param key     what decides this proxy's scores besides the architecture (value equality)
     */
    protected MemoisedProxy(ProxyContext context, Object key) {
        this.cache = context.scores();
        this.key = key;
    }

    /** The memoised score, {@link #compute computed} the first time it is asked for in the context. */
    @Override
    public final double score(Architecture architecture) {
        return cache.score(key, architecture, this::compute);
    }

    @Override
    public final Object scoreKey() {
        return key;
    }

    /** Computes the score of {@code architecture} (thread-safe; called once per architecture and key). */
    protected abstract double compute(Architecture architecture);
}
