package org.edgenas.engine;

import org.edgenas.arch.Node;

/** Copies its input; the gradient passes unchanged. */
final class IdentityOp implements Op {

    private final Node node;
    private final int input;

    IdentityOp(Node node) {
        this.node = node;
        this.input = node.inputs().getFirst();
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public double forward(Network net) {
        System.arraycopy(net.value(input), 0, net.value(node.index()), 0, net.size(node.index()));
        return net.scale(input);
    }

    @Override
    public void backward(Network net) {
        int self = node.index();
        float factor = net.gradientFactor(input, net.gradientScale(self));
        Vectors.axpy(net.size(self), factor, net.gradient(self), 0, net.gradient(input), 0);
    }
}
