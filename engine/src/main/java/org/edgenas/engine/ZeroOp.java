package org.edgenas.engine;

import org.edgenas.arch.Node;

/** Outputs zeros (NAS-Bench-201's {@code none}); no gradient reaches its input through it. */
final class ZeroOp implements Op {

    private final Node node;

    ZeroOp(Node node) {
        this.node = node;
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public double forward(Network net) {
        java.util.Arrays.fill(net.value(node.index()), 0, net.size(node.index()), 0f);
        return 0;
    }

    @Override
    public void backward(Network net) {
        // the output does not depend on the input
    }
}
