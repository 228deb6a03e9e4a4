package org.edgenas.engine;

import org.edgenas.arch.Node;
import org.edgenas.arch.Shape;

/**
 * Batch normalisation with the batch's statistics (PyTorch training mode): per channel,
 * {@code y = scale (x - mean) / sqrt(var + eps) + shift} with the mean and biased variance over batch and space,
 * one work item per channel. On log-scaled input ({@code x = x' e^s}) the output is scale-free and eps becomes
 * {@code eps e^-2s}. In {@link Mode#batchNormAsIdentity()} mode the layer passes its input through.
 */
final class BatchNormOp implements Op {

    private final Node node;
    private final int input;
    private final int batch;
    private final int channels;
    private final int plane;
    private final int elements;
    private final float[] mean;
    private final float[] inverseStd;

    BatchNormOp(Node node, Shape shape, int batch) {
        this.node = node;
        this.input = node.inputs().getFirst();
        this.batch = batch;
        this.channels = shape.channels();
        this.plane = shape.height() * shape.width();
        this.elements = (int) shape.elements();
        this.mean = new float[channels];
        this.inverseStd = new float[channels];
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public double forward(Network net) {
        float[] x = net.value(input);
        float[] y = net.value(node.index());
        double scale = net.scale(input);
        if (net.mode().batchNormAsIdentity()) {
            System.arraycopy(x, 0, y, 0, net.size(node.index()));
            return scale;
        }
        float[] gamma = net.weights().weight(node.index());
        float[] beta = net.weights().bias(node.index());
        double eps = Network.EPSILON * Math.exp(-2 * scale);
        int count = batch * plane;
        net.workers().run(channels, (c, slot) -> {
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                sum += Vectors.sum(plane, x, b * elements + c * plane);
            }
            float mu = (float) (sum / count);
            double squares = 0;
            for (int b = 0; b < batch; b++) {
                squares += Vectors.squaredDeviations(plane, x, b * elements + c * plane, mu);
            }
            double inv = 1 / Math.sqrt(squares / count + eps);
            mean[c] = mu;
            inverseStd[c] = (float) inv;
            float a = (float) (gamma[c] * inv);
            float shift = (float) (beta[c] - gamma[c] * inv * mu);
            for (int b = 0; b < batch; b++) {
                int o = b * elements + c * plane;
                Vectors.affine(plane, a, shift, x, o, y, o);
            }
        });
        return 0;
    }

    @Override
    public void backward(Network net) {
        int self = node.index();
        float[] gy = net.gradient(self);
        double t = net.gradientScale(self);
        float[] dx = net.gradient(input);
        if (net.mode().batchNormAsIdentity()) {
            Vectors.axpy(net.size(self), net.gradientFactor(input, t), gy, 0, dx, 0);
            return;
        }
        float[] x = net.value(input);
        float[] gamma = net.weights().weight(self);
        float[] dGamma = net.weightGradientBuffer(self, t);
        float[] dBeta = net.biasGradientBuffer(self, t);
        // x = x' e^s, so 1/std = inverseStd e^-s: the input gradient has scale t - s
        float factor = net.gradientFactor(input, t - net.scale(input));
        int count = batch * plane;
        net.workers().run(channels, (c, slot) -> {
            float mu = mean[c];
            float inv = inverseStd[c];
            double sumG = 0;
            double sumGx = 0;
            for (int b = 0; b < batch; b++) {
                int o = b * elements + c * plane;
                for (int p = 0; p < plane; p++) {
                    float g = gy[o + p];
                    sumG += g;
                    sumGx += g * (x[o + p] - mu) * inv;
                }
            }
            dGamma[c] = (float) sumGx;
            dBeta[c] = (float) sumG;
            float meanG = (float) (sumG / count);
            float meanGx = (float) (sumGx / count);
            float a = factor * gamma[c] * inv;
            for (int b = 0; b < batch; b++) {
                int o = b * elements + c * plane;
                for (int p = 0; p < plane; p++) {
                    float xhat = (x[o + p] - mu) * inv;
                    dx[o + p] += a * (gy[o + p] - meanG - xhat * meanGx);
                }
            }
        });
    }
}
