package org.edgenas.engine;

import org.edgenas.arch.Node;

/** {@code y = max(x, 0)}; the gradient passes where {@code y > 0}. Work items are chunks of elements. */
final class ReluOp implements Op {

    private final Node node;
    private final int input;

    ReluOp(Node node) {
        this.node = node;
        this.input = node.inputs().getFirst();
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public double forward(Network net) {
        float[] x = net.value(input);
        float[] y = net.value(node.index());
        int n = net.size(node.index());
        net.workers().run(Chunks.count(n), (item, slot) -> {
            for (int i = Chunks.start(item), end = Chunks.end(item, n); i < end; i++) {
                y[i] = Math.max(x[i], 0f);
            }
        });
        return net.scale(input);
    }

    @Override
    public void backward(Network net) {
        int self = node.index();
        float[] y = net.value(self);
        float[] gy = net.gradient(self);
        float factor = net.gradientFactor(input, net.gradientScale(self));
        float[] dx = net.gradient(input);
        int n = net.size(self);
        net.workers().run(Chunks.count(n), (item, slot) -> {
            for (int i = Chunks.start(item), end = Chunks.end(item, n); i < end; i++) {
                if (y[i] > 0f) {
                    dx[i] += factor * gy[i];
                }
            }
        });
    }
}
