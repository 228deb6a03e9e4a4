package org.edgenas.proxy;

import org.edgenas.arch.Architecture;

/**
 * Scores an architecture's expected accuracy without training it: the seam where users plug in their own proxies
 * (through a {@link ProxyProvider}). Higher scores mean better expected accuracy; only their order is meaningful
 * unless a proxy says otherwise (the {@code table} proxy returns the table's own unit, e.g. test accuracy in %).
 *
 * @apiNote Implementations are thread-safe and deterministic: the same architecture always gets the same score, so
 * searches are reproducible and scores can be cached by {@link Architecture#id()} under the proxy's
 * {@link #scoreKey()}. A score may be {@link Double#NEGATIVE_INFINITY} for an architecture the proxy rates as worthless
 * (e.g. all activations zero); it is never NaN. A proxy that holds threads or other resources releases them in
 * {@link #close()}; its owner (the problem it belongs to) closes it.
 *
 * {@snippet :
 * try (AccuracyProxy flops = AccuracyProxies.create("flops", Parameters.empty(), space)) {
 *     double s = flops.score(space.parse(arch));
 * }
 * }
 */
public interface AccuracyProxy extends AutoCloseable {

    /** The name configs use for this proxy, e.g. {@code flops}. */
    String name();

    /**
     * The score of {@code architecture}; higher is better.
     *
     * @throws org.edgenas.config.ConfigException if the proxy cannot score it for a reason the user can fix (e.g. it
     *                                            is missing from a lookup table)
     */
    double score(Architecture architecture);

    /**
     * What decides this proxy's scores besides the architecture: two proxies with equal keys give every architecture
     * the same score, so a {@link ScoreCache} may share scores under it. A key holds the proxy's kind, its resolved
     * settings (defaults filled in; settings that do not change scores, such as threads, left out) and the identity of
     * any input it reads (a file's content, never its name). By default the proxy itself, so nothing is shared with
     * another instance.
     */
    default Object scoreKey() {
        return this;
    }

    /** Releases the proxy's threads or other resources; scoring after it still works, on the calling thread only. */
    @Override
    default void close() {
    }
}
