package org.edgenas.engine;

import org.edgenas.arch.Node;

/**
 * Element-wise sum of the inputs. Log-scaled inputs are brought to the largest scale first, so the sum is exact up
 * to rounding; each input's gradient is the output gradient. Work items are chunks of elements.
 */
final class AddOp implements Op {

    private final Node node;
    private final int[] inputs;
    private final float[] factors;

    AddOp(Node node) {
        this.node = node;
        this.inputs = node.inputs().stream().mapToInt(Integer::intValue).toArray();
        this.factors = new float[inputs.length];
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public double forward(Network net) {
        float[] y = net.value(node.index());
        int n = net.size(node.index());
        double scale = Double.NEGATIVE_INFINITY;
        for (int in : inputs) {
            scale = Math.max(scale, net.scale(in));
        }
        for (int j = 0; j < inputs.length; j++) {
            factors[j] = (float) StrictMath.exp(net.scale(inputs[j]) - scale);
        }
        net.workers().run(Chunks.count(n), (item, slot) -> {
            int start = Chunks.start(item);
            int end = Chunks.end(item, n);
            float[] first = net.value(inputs[0]);
            float f0 = factors[0];
            for (int i = start; i < end; i++) {
                y[i] = f0 * first[i];
            }
            for (int j = 1; j < inputs.length; j++) {
                Vectors.axpy(end - start, factors[j], net.value(inputs[j]), start, y, start);
            }
        });
        return scale;
    }

    @Override
    public void backward(Network net) {
        int self = node.index();
        float[] gy = net.gradient(self);
        double t = net.gradientScale(self);
        int n = net.size(self);
        for (int j = 0; j < inputs.length; j++) {
            factors[j] = net.gradientFactor(inputs[j], t);
        }
        net.workers().run(Chunks.count(n), (item, slot) -> {
            int start = Chunks.start(item);
            int end = Chunks.end(item, n);
            for (int j = 0; j < inputs.length; j++) {
                Vectors.axpy(end - start, factors[j], gy, start, net.gradient(inputs[j]), start);
            }
        });
    }
}
