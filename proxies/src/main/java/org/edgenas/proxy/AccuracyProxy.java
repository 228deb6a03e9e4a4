package org.edgenas.proxy;

import org.edgenas.arch.Architecture;

/**
 * Scores an architecture's expected accuracy without training it: the seam where users plug in their own proxies
 * (through a {@link ProxyProvider}). Higher scores mean better expected accuracy; only their order is meaningful
 * unless a proxy says otherwise (the {@code table} proxy returns the table's own unit, e.g. test accuracy in %).
 *
 * @apiNote Implementations are thread-safe and deterministic: the same architecture always gets the same score, so
 * searches are reproducible and scores can be cached by {@link Architecture#id()}. A score may be
 * {@link Double#NEGATIVE_INFINITY} for an architecture the proxy rates as worthless (e.g. all activations zero);
 * it is never NaN.
 *
 * {@snippet :
 * AccuracyProxy flops = AccuracyProxies.create("flops", Parameters.empty(), space);
 * double s = flops.score(space.parse(arch));
 * }
 */
public interface AccuracyProxy {

    /** The name configs use for this proxy, e.g. {@code flops}. */
    String name();

    /**
     * The score of {@code architecture}; higher is better.
     *
     * @throws org.edgenas.config.ConfigException if the proxy cannot score it for a reason the user can fix (e.g. it
     *                                            is missing from a lookup table)
     */
    double score(Architecture architecture);
}
