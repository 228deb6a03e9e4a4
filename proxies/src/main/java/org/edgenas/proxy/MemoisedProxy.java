package org.edgenas.proxy;

import org.edgenas.arch.Architecture;
import org.edgenas.arch.ConstantLayers;

/**
 * A proxy whose scores are memoised in its {@link ProxyContext}'s {@link ScoreCache} under its score key: the base of
 * the expensive proxies ({@code naswot}, {@code synflow}, {@code logsynflow}, {@code ensemble}), and of a user's.
 * A subclass computes one score in {@link #compute} and passes a key that holds everything its scores depend on
 * (see {@link AccuracyProxy#scoreKey()}), typically a record of its resolved settings.
 *
 * <p>A network whose output does not depend on its input at all ({@link ConstantLayers#outputIsConstant()}: in
 * NAS-Bench-201, cells whose last node receives only {@code none} edges) predicts the same class for every image and
 * can do no better than chance, whatever a computation on its untrained weights would say: it scores negative
 * infinity (worthless) without being computed.
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

    /**
     * The memoised score, {@link #compute computed} the first time it is asked for in the context; negative infinity
     * for a network whose output is constant.
     */
    @Override
    public final double score(Architecture architecture) {
        if (ConstantLayers.of(architecture).outputIsConstant()) {
            return Double.NEGATIVE_INFINITY;
        }
        return cache.score(key, architecture, this::compute);
    }

    @Override
    public final Object scoreKey() {
        return key;
    }

    /** Computes the score of {@code architecture} (thread-safe; called once per architecture and key). */
    protected abstract double compute(Architecture architecture);
}
