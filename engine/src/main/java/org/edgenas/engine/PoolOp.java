package org.edgenas.engine;

import org.edgenas.arch.Node;
import org.edgenas.arch.Shape;

/**
 * Average or max pooling over square windows, one work item per image and channel. Average pooling divides by the
 * number of window elements inside the input (PyTorch's {@code count_include_pad=False}); max pooling ignores
 * padding and sends the gradient to the first maximum of each window.
 */
final class PoolOp implements Op {

    private final Node node;
    private final int input;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean max;
    private final int planes;
    private final int height;
    private final int width;
    private final int outHeight;
    private final int outWidth;
    private final float[] reciprocalCounts;

    PoolOp(Node node, int kernel, int stride, int padding, boolean max, Shape in, Shape out, int batch) {
        this.node = node;
        this.input = node.inputs().getFirst();
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.max = max;
        this.planes = batch * in.channels();
        this.height = in.height();
        this.width = in.width();
        this.outHeight = out.height();
        this.outWidth = out.width();
        this.reciprocalCounts = new float[outHeight * outWidth];
        for (int oh = 0; oh < outHeight; oh++) {
            int rows = Math.min(height, oh * stride - padding + kernel) - Math.max(0, oh * stride - padding);
            for (int ow = 0; ow < outWidth; ow++) {
                int cols = Math.min(width, ow * stride - padding + kernel) - Math.max(0, ow * stride - padding);
                reciprocalCounts[oh * outWidth + ow] = 1f / (rows * cols);
            }
        }
    }

    @Override
    public void reserve(Scratch.Sizes s, boolean gradients) {
        s.row = Math.max(s.row, width + 2 * padding);
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public double forward(Network net) {
        float[] x = net.value(input);
        float[] y = net.value(node.index());
        net.workers().run(planes, (plane, slot) -> {
            int xo = plane * height * width;
            int yo = plane * outHeight * outWidth;
            if (stride == 1) {
                forwardShifted(x, xo, y, yo, net.scratch(slot).row);
            } else {
                forwardWindows(x, xo, y, yo);
            }
        });
        return net.scale(input);
    }

    /**
     * Stride 1, separably: the window's input rows are combined into one row (vectorised over the width) inside a
     * padded scratch row, the kernel's columns are combined by shifted reads of that row, and an average is
     * multiplied by the reciprocal of each window's in-image count.
     */
    private void forwardShifted(float[] x, int xo, float[] y, int yo, float[] row) {
        float fill = max ? Float.NEGATIVE_INFINITY : 0f;
        java.util.Arrays.fill(row, 0, padding, fill);
        java.util.Arrays.fill(row, padding + width, width + 2 * padding, fill);
        for (int oh = 0; oh < outHeight; oh++) {
            int h0 = Math.max(0, oh - padding);
            int h1 = Math.min(height, oh - padding + kernel);
            System.arraycopy(x, xo + h0 * width, row, padding, width);
            for (int h = h0 + 1; h < h1; h++) {
                if (max) {
                    Vectors.max(width, x, xo + h * width, row, padding);
                } else {
                    Vectors.add(width, x, xo + h * width, row, padding);
                }
            }
            int out = yo + oh * outWidth;
            System.arraycopy(row, 0, y, out, outWidth);
            for (int kw = 1; kw < kernel; kw++) {
                if (max) {
                    Vectors.max(outWidth, row, kw, y, out);
                } else {
                    Vectors.add(outWidth, row, kw, y, out);
                }
            }
            if (!max) {
                Vectors.multiply(outWidth, reciprocalCounts, oh * outWidth, y, out);
            }
        }
    }

    private void forwardWindows(float[] x, int xo, float[] y, int yo) {
        for (int oh = 0; oh < outHeight; oh++) {
            int h0 = Math.max(0, oh * stride - padding);
            int h1 = Math.min(height, oh * stride - padding + kernel);
            for (int ow = 0; ow < outWidth; ow++) {
                int w0 = Math.max(0, ow * stride - padding);
                int w1 = Math.min(width, ow * stride - padding + kernel);
                float v;
                if (max) {
                    v = Float.NEGATIVE_INFINITY;
                    for (int h = h0; h < h1; h++) {
                        for (int w = w0; w < w1; w++) {
                            v = Math.max(v, x[xo + h * width + w]);
                        }
                    }
                } else {
                    float sum = 0;
                    for (int h = h0; h < h1; h++) {
                        for (int w = w0; w < w1; w++) {
                            sum += x[xo + h * width + w];
                        }
                    }
                    v = sum * reciprocalCounts[oh * outWidth + ow];
                }
                y[yo + oh * outWidth + ow] = v;
            }
        }
    }

    @Override
    public void backward(Network net) {
        int self = node.index();
        float[] x = net.value(input);
        float[] gy = net.gradient(self);
        float factor = net.gradientFactor(input, net.gradientScale(self));
        float[] dx = net.gradient(input);
        net.workers().run(planes, (plane, slot) -> {
            int xo = plane * height * width;
            int yo = plane * outHeight * outWidth;
            for (int oh = 0; oh < outHeight; oh++) {
                int h0 = Math.max(0, oh * stride - padding);
                int h1 = Math.min(height, oh * stride - padding + kernel);
                for (int ow = 0; ow < outWidth; ow++) {
                    int w0 = Math.max(0, ow * stride - padding);
                    int w1 = Math.min(width, ow * stride - padding + kernel);
                    float g = factor * gy[yo + oh * outWidth + ow];
                    if (max) {
                        int arg = xo + h0 * width + w0;
                        for (int h = h0; h < h1; h++) {
                            for (int w = w0; w < w1; w++) {
                                if (x[xo + h * width + w] > x[arg]) {
                                    arg = xo + h * width + w;
                                }
                            }
                        }
                        dx[arg] += g;
                    } else {
                        float share = g * reciprocalCounts[oh * outWidth + ow];
                        for (int h = h0; h < h1; h++) {
                            for (int w = w0; w < w1; w++) {
                                dx[xo + h * width + w] += share;
                            }
                        }
                    }
                }
            }
        });
    }
}
