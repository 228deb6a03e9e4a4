package org.edgenas.proxy.engine;

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
                forwardShifted(x, xo, y, yo);
            } else {
                forwardWindows(x, xo, y, yo);
            }
        });
        return net.scale(input);
    }

    /**
     * Stride 1: each output row combines whole shifted input rows (one vectorisable loop per window element), then
     * an average divides by the in-image count of each window.
     */
    private void forwardShifted(float[] x, int xo, float[] y, int yo) {
        for (int oh = 0; oh < outHeight; oh++) {
            int out = yo + oh * outWidth;
            java.util.Arrays.fill(y, out, out + outWidth, max ? Float.NEGATIVE_INFINITY : 0f);
            int h0 = Math.max(0, oh - padding);
            int h1 = Math.min(height, oh - padding + kernel);
            for (int h = h0; h < h1; h++) {
                int in = xo + h * width;
                for (int kw = 0; kw < kernel; kw++) {
                    int shift = kw - padding;
                    int lo = Math.max(0, -shift);
                    int hi = Math.min(outWidth, width - shift);
                    if (max) {
                        Vectors.max(hi - lo, x, in + lo + shift, y, out + lo);
                    } else {
                        Vectors.add(hi - lo, x, in + lo + shift, y, out + lo);
                    }
                }
            }
            if (!max) {
                int rows = h1 - h0;
                for (int ow = 0; ow < outWidth; ow++) {
                    int cols = Math.min(width, ow - padding + kernel) - Math.max(0, ow - padding);
                    y[out + ow] /= rows * cols;
                }
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
                    v = sum / ((h1 - h0) * (w1 - w0));
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
                        float share = g / ((h1 - h0) * (w1 - w0));
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
