package org.edgenas.engine;

import org.edgenas.arch.Node;
import org.edgenas.arch.Shape;

/** Mean over each channel's spatial positions: {@code C x H x W} becomes {@code C}; one work item per image. */
final class GlobalAvgPoolOp implements Op {

    private final Node node;
    private final int input;
    private final int batch;
    private final int channels;
    private final int plane;

    GlobalAvgPoolOp(Node node, Shape in, int batch) {
        this.node = node;
        this.input = node.inputs().getFirst();
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
        float[] x = net.value(input);
        float[] y = net.value(node.index());
        net.workers().run(batch, (b, slot) -> {
            for (int c = 0; c < channels; c++) {
                int o = (b * channels + c) * plane;
                double sum = 0;
                for (int p = 0; p < plane; p++) {
                    sum += x[o + p];
                }
                y[b * channels + c] = (float) (sum / plane);
            }
        });
        return net.scale(input);
    }

    @Override
    public void backward(Network net) {
        int self = node.index();
        float[] gy = net.gradient(self);
        float factor = net.gradientFactor(input, net.gradientScale(self)) / plane;
        float[] dx = net.gradient(input);
        net.workers().run(batch, (b, slot) -> {
            for (int c = 0; c < channels; c++) {
                float g = factor * gy[b * channels + c];
                int o = (b * channels + c) * plane;
                for (int p = 0; p < plane; p++) {
                    dx[o + p] += g;
                }
            }
        });
    }
}
