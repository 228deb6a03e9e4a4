package org.edgenas.arch;

import java.util.List;

/**
 * Which layers of an architecture compute a constant, that is, an output that does not depend on the network input:
 * a {@link Zero} layer's output is constant, and so is that of any layer whose every input is constant (an
 * {@link Add} only when all its inputs are); the network input is not. Batch normalisation, convolutions, pooling
 * and linear layers of a constant are constants too, whatever their weights.
 *
 * <p>The analysis is sound, not complete: a layer it calls constant is constant for every input and every weight,
 * but a layer that multiplies by a constant zero (a {@link ChannelMul} by a {@code Zero}'s output) is not recognised.
 * Energy models use it to tell which layers a runtime may fold away; accuracy proxies use it to rate a network
 * whose output is constant as worthless.
 */
public final class ConstantLayers {

    private final boolean[] constant;

    private ConstantLayers(boolean[] constant) {
        this.constant = constant;
    }

    /** Analyses {@code a}. */
    public static ConstantLayers of(Architecture a) {
        List<Node> nodes = a.nodes();
        boolean[] constant = new boolean[nodes.size()];
        for (Node node : nodes) {
            boolean allConstant = true;
            for (int in : node.inputs()) {
                if (in == Architecture.INPUT || !constant[in]) {
                    allConstant = false;
                    break;
                }
            }
            constant[node.index()] = node.layer() instanceof Zero || allConstant;
        }
        return new ConstantLayers(constant);
    }

    /** Whether node {@code node}'s output is constant. */
    public boolean isConstant(int node) {
        return constant[node];
    }

    /** Whether the network's output (its last node's) is constant: the network ignores its input altogether. */
    public boolean outputIsConstant() {
        return constant[constant.length - 1];
    }
}
