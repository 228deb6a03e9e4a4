package org.edgenas.engine;

import org.edgenas.arch.Node;

/**
 * Sees each layer's output during a forward pass, right after it is computed and before its buffer can be reused.
 */
@FunctionalInterface
public interface ActivationListener {

    /** Ignores every activation. */
    ActivationListener NONE = (node, values, logScale) -> {
    };

    /**
     * Called once per node, in topological order, on the thread that called {@link Network#forward}.
     *
     * @param node     the layer just computed
     * @param values   its output for the whole batch, NCHW, exactly {@code batch x elements} long; read-only, and
     *                 valid only during this call
     * @param logScale the natural log of the factor the values must be multiplied by (0 unless the network runs
     *                 {@linkplain Mode#logScaled() log-scaled})
     */
    void activation(Node node, float[] values, double logScale);
}
