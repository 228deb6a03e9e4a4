package org.edgenas.engine;

import org.edgenas.arch.Node;
import org.edgenas.arch.Shape;

/**
 * Batch normalisation, per channel {@code y = scale (x - mean) / sqrt(var + eps) + shift}, one work item per channel,
 * as {@link Mode#batchNorm()} says:
 * <ul>
 *   <li>{@code BATCH} and {@code TRAIN}: the mean and biased variance of the batch over batch and space (PyTorch's
 *       training mode); {@code TRAIN} also moves the running statistics 10 % towards the batch's mean and unbiased
 *       variance, as PyTorch does. On log-scaled input ({@code x = x' e^s}) the output is scale-free and eps becomes
 *       {@code eps e^-2s}.</li>
 *   <li>{@code RUNNING}: the running statistics (PyTorch's evaluation mode), an affine map of the true input.</li>
 *   <li>{@code IDENTITY}: the layer passes its input through.</li>
 * </ul>
 */
final class BatchNormOp implements Op {

    /** Weight of a batch's statistics in the running statistics, PyTorch's default. */
    private static final float MOMENTUM = 0.1f;

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
        Mode.BatchNorm kind = net.mode().batchNorm();
        if (kind == Mode.BatchNorm.IDENTITY) {
            System.arraycopy(x, 0, y, 0, net.size(node.index()));
            return scale;
        }
        Weights weights = net.weights();
        float[] gamma = weights.weight(node.index());
        float[] beta = weights.bias(node.index());
        float[] runningMean = weights.runningMean(node.index());
        float[] runningVariance = weights.runningVariance(node.index());
        if (kind == Mode.BatchNorm.RUNNING) {
            float up = (float) StrictMath.exp(scale);
            net.workers().run(channels, (c, slot) -> {
                double inv = 1 / Math.sqrt(runningVariance[c] + (double) Network.EPSILON);
                float a = (float) (gamma[c] * inv) * up;
                float shift = (float) (beta[c] - gamma[c] * inv * runningMean[c]);
                for (int b = 0; b < batch; b++) {
                    int o = b * elements + c * plane;
                    Vectors.affine(plane, a, shift, x, o, y, o);
                }
            });
            return 0;
        }
        double eps = Network.EPSILON * StrictMath.exp(-2 * scale);
        int count = batch * plane;
        boolean track = kind == Mode.BatchNorm.TRAIN;
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
            if (track) {
                double unbiased = count > 1 ? squares / (count - 1) : squares;
                runningMean[c] = (1 - MOMENTUM) * runningMean[c] + MOMENTUM * (float) (mu * StrictMath.exp(scale));
                runningVariance[c] = (1 - MOMENTUM) * runningVariance[c]
                        + MOMENTUM * (float) (unbiased * StrictMath.exp(2 * scale));
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
        if (net.mode().batchNorm() == Mode.BatchNorm.IDENTITY) {
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
