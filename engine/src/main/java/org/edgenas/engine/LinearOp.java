package org.edgenas.engine;

import org.edgenas.arch.Linear;
import org.edgenas.arch.Node;

/**
 * Fully connected layer on the flattened input: {@code y[b][o] = sum_i W[o][i] x[b][i] + bias[o]}. Small in every
 * supported space, so it runs as vectorised dot products, one work item per output feature (forward and weight
 * gradient) or per image (input gradient).
 */
final class LinearOp implements Op {

    private final Node node;
    private final int input;
    private final int batch;
    private final int in;
    private final int out;
    private final boolean bias;

    LinearOp(Node node, Linear linear, int batch) {
        this.node = node;
        this.input = node.inputs().getFirst();
        this.batch = batch;
        this.in = linear.inFeatures();
        this.out = linear.outFeatures();
        this.bias = linear.bias();
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public double forward(Network net) {
        float[] x = net.value(input);
        float[] y = net.value(node.index());
        float[] w = net.weights().weight(node.index());
        float[] b = net.weights().bias(node.index());
        double scale = net.scale(input);
        float biasFactor = (float) StrictMath.exp(-scale);
        net.workers().run(out, (o, slot) -> {
            float shift = bias ? b[o] * biasFactor : 0f;
            for (int image = 0; image < batch; image++) {
                y[image * out + o] = Vectors.dot(in, w, o * in, x, image * in) + shift;
            }
        });
        return scale;
    }

    @Override
    public void backward(Network net) {
        int self = node.index();
        float[] x = net.value(input);
        float[] gy = net.gradient(self);
        float[] w = net.weights().weight(self);
        double t = net.gradientScale(self);
        float[] dw = net.weightGradientBuffer(self, t + net.scale(input));
        float[] db = bias ? net.biasGradientBuffer(self, t) : null;
        net.workers().run(out, (o, slot) -> {
            for (int image = 0; image < batch; image++) {
                float g = gy[image * out + o];
                Vectors.axpy(in, g, x, image * in, dw, o * in);
                if (db != null) {
                    db[o] += g;
                }
            }
        });
        float factor = net.gradientFactor(input, t);
        float[] dx = net.gradient(input);
        net.workers().run(batch, (image, slot) -> {
            for (int o = 0; o < out; o++) {
                Vectors.axpy(in, factor * gy[image * out + o], w, o * in, dx, image * in);
            }
        });
    }
}
