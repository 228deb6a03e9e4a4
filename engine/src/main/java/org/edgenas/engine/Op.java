package org.edgenas.engine;

import org.edgenas.arch.Node;

/**
 * The forward and backward pass of one node of a compiled {@link Network}. An op is made once per network, holds
 * the node's shapes and any per-node scratch, and reads and writes tensors through the network.
 */
sealed interface Op permits ActivationOp, AddOp, BatchNormOp, ChannelMulOp, ConvOp, DepthwiseConvOp, GlobalAvgPoolOp,
        IdentityOp, LinearOp, PoolOp, ReluOp, ZeroOp {

    /** The node this op computes. */
    Node node();

    /**
     * Computes the node's output from its inputs' outputs (each given with its log scale).
     *
     * @return the natural-log scale of the output just written
     */
    double forward(Network net);

    /**
     * Propagates the node's output gradient (complete, with its log scale) to its parameters (overwriting their
     * gradients) and to its inputs' gradients (adding to them, through {@link Network#gradientFactor}).
     */
    void backward(Network net);

    /** Raises {@code sizes} to what this op needs of each thread's scratch; most ops need none. */
    default void reserve(Scratch.Sizes sizes, boolean gradients) {
    }
}
