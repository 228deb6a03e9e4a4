package org.edgenas.engine;

import org.edgenas.arch.Node;
import org.edgenas.arch.Shape;

/**
 * Channel-wise multiply {@code y[b][c][p] = x[b][c][p] f[b][c]} (squeeze-and-excitation), one work item per image.
 * Scales multiply, so the output's log scale is the sum of the inputs'. Backward: {@code dx = dy f} and
 * {@code df[b][c] = sum_p dy[b][c][p] x[b][c][p]}, each image's sums in position order.
 */
final class ChannelMulOp implements Op {

    private final Node node;
    private final int map;
    private final int factors;
    private final int batch;
    private final int channels;
    private final int plane;

    ChannelMulOp(Node node, Shape in, int batch) {
        this.node = node;
        this.map = node.inputs().get(0);
        this.factors = node.inputs().get(1);
        this.batch = batch;
        this.channels = in.channels();
        this.plane = in.height() * in.width();
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public double forward(Network net) {
        float[] x = net.value(map);
        float[] f = net.value(factors);
        float[] y = net.value(node.index());
        net.workers().run(batch, (b, slot) -> {
            for (int c = 0; c < channels; c++) {
                int o = (b * channels + c) * plane;
                Vectors.affine(plane, f[b * channels + c], 0f, x, o, y, o);
            }
        });
        return net.scale(map) + net.scale(factors);
    }

    @Override
    public void backward(Network net) {
        int self = node.index();
        float[] gy = net.gradient(self);
        double t = net.gradientScale(self);
        float[] x = net.value(map);
        float[] f = net.value(factors);
        float mapFactor = net.gradientFactor(map, t + net.scale(factors));
        float[] dx = net.gradient(map);
        net.workers().run(batch, (b, slot) -> {
            for (int c = 0; c < channels; c++) {
                Vectors.axpy(plane, mapFactor * f[b * channels + c], gy, (b * channels + c) * plane, dx,
                        (b * channels + c) * plane);
            }
        });
        float factorFactor = net.gradientFactor(factors, t + net.scale(map));
        float[] df = net.gradient(factors);
        net.workers().run(batch, (b, slot) -> {
            for (int c = 0; c < channels; c++) {
                int o = (b * channels + c) * plane;
                df[b * channels + c] += factorFactor * Vectors.dot(plane, gy, o, x, o);
            }
        });
    }
}
