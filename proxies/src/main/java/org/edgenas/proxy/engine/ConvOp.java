package org.edgenas.proxy.engine;

import org.edgenas.arch.Conv2d;
import org.edgenas.arch.Node;
import org.edgenas.arch.Shape;

/**
 * Convolution as im2col + {@link Gemm}: per image and group, output ({@code M x HW}) = weight ({@code M x K}) times
 * the patch matrix ({@code K x HW}), with M = outChannels / groups, K = (inChannels / groups) k^2. Forward work is
 * split into items of {@link #CHUNK} output positions of one image and group; each item packs its patch columns one
 * strip at a time into its thread's scratch, so the packed strip stays in cache for the multiply. A 1x1, stride-1,
 * unpadded convolution multiplies the input directly. Backward runs one item per image and group: the weight
 * gradient (transposed) accumulates per thread and is summed at the end, the input gradient is scattered back with
 * the adjoint of im2col.
 */
final class ConvOp implements Op {

    /** Output positions per forward work item: four strips. */
    static final int CHUNK = 4 * Gemm.STRIP;

    private final Node node;
    private final int input;
    private final int batch;
    private final int groups;
    private final int m;
    private final int k;
    private final int hw;
    private final int inElements;
    private final int outElements;
    private final int groupInElements;
    private final int chunks;
    private final boolean bias;
    private final Im2col im2col;

    ConvOp(Node node, Conv2d conv, Shape in, Shape out, int batch) {
        this.node = node;
        this.input = node.inputs().getFirst();
        this.batch = batch;
        this.groups = conv.groups();
        this.m = conv.outChannels() / groups;
        int cg = conv.inChannels() / groups;
        this.im2col = new Im2col(cg, in.height(), in.width(), conv.kernel(), conv.stride(), conv.padding(),
                out.height(), out.width());
        this.k = im2col.rows();
        this.hw = im2col.columns();
        this.inElements = (int) in.elements();
        this.outElements = (int) out.elements();
        this.groupInElements = cg * in.height() * in.width();
        this.chunks = (hw + CHUNK - 1) / CHUNK;
        this.bias = conv.bias();
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void reserve(Scratch.Sizes s, boolean gradients) {
        s.panel = Math.max(s.panel, k * Gemm.STRIP);
        s.origins = Math.max(s.origins, gradients ? Math.max(hw, Gemm.STRIP) : Gemm.STRIP);
        if (gradients) {
            s.columns = Math.max(s.columns, im2col.isIdentity() ? 0 : k * hw);
            s.outputT = Math.max(s.outputT, hw * m);
            s.columnGradient = Math.max(s.columnGradient, k * hw);
            s.weightGradientT = Math.max(s.weightGradientT, groups * k * m);
        }
    }

    @Override
    public double forward(Network net) {
        float[] x = net.value(input);
        float[] y = net.value(node.index());
        float[] w = net.weights().weight(node.index());
        double scale = net.scale(input);
        net.workers().run(batch * groups * chunks, (item, slot) -> {
            int image = item / (groups * chunks);
            int g = item / chunks % groups;
            int first = item % chunks * CHUNK;
            int last = Math.min(hw, first + CHUNK);
            int xOffset = image * inElements + g * groupInElements;
            int yOffset = image * outElements + g * m * hw;
            int wOffset = g * m * k;
            if (im2col.isIdentity()) {
                Gemm.multiply(m, last - first, k, w, wOffset, k, 1, x, xOffset + first, hw, y, yOffset + first, hw,
                        false);
                return;
            }
            Scratch s = net.scratch(slot);
            for (int j = first; j < last; j += Gemm.STRIP) {
                int cols = Math.min(Gemm.STRIP, last - j);
                im2col.pack(x, xOffset, j, cols, s.panel, 0, Gemm.STRIP, s.rowOrigin, s.colOrigin);
                Gemm.multiply(m, cols, k, w, wOffset, k, 1, s.panel, 0, Gemm.STRIP, y, yOffset + j, hw, false);
            }
        });
        if (bias) {
            addBias(y, net.weights().bias(node.index()), (float) Math.exp(-scale));
        }
        return scale;
    }

    private void addBias(float[] y, float[] b, float factor) {
        for (int image = 0; image < batch; image++) {
            for (int c = 0; c < groups * m; c++) {
                float v = b[c] * factor;
                int o = image * outElements + c * hw;
                for (int p = 0; p < hw; p++) {
                    y[o + p] += v;
                }
            }
        }
    }

    @Override
    public void backward(Network net) {
        int self = node.index();
        float[] x = net.value(input);
        float[] gy = net.gradient(self);
        float[] w = net.weights().weight(self);
        double t = net.gradientScale(self);
        float factor = net.gradientFactor(input, t);
        float[] dx = net.gradient(input);
        int threads = net.workers().threads();
        for (int slot = 0; slot < threads; slot++) {
            java.util.Arrays.fill(net.scratch(slot).weightGradientT, 0, groups * k * m, 0f);
        }
        net.workers().run(batch * groups, (item, slot) -> {
            int image = item / groups;
            int g = item % groups;
            Scratch s = net.scratch(slot);
            int xOffset = image * inElements + g * groupInElements;
            int yOffset = image * outElements + g * m * hw;
            int wOffset = g * m * k;
            float[] cols = x;
            int colsOffset = xOffset;
            if (!im2col.isIdentity()) {
                im2col.pack(x, xOffset, 0, hw, s.columns, 0, hw, s.rowOrigin, s.colOrigin);
                cols = s.columns;
                colsOffset = 0;
            }
            for (int c = 0; c < m; c++) {
                for (int p = 0; p < hw; p++) {
                    s.outputT[p * m + c] = gy[yOffset + c * hw + p];
                }
            }
            // dW^T (K x M) += patches (K x HW) . dY^T (HW x M)
            Gemm.multiply(k, m, hw, cols, colsOffset, hw, 1, s.outputT, 0, m, s.weightGradientT, g * k * m, m, true);
            // d(patches) (K x HW) = W^T (K x M) . dY (M x HW)
            Gemm.multiply(k, hw, m, w, wOffset, 1, k, gy, yOffset, hw, s.columnGradient, 0, hw, false);
            if (im2col.isIdentity()) {
                Vectors.axpy(k * hw, factor, s.columnGradient, 0, dx, xOffset);
            } else {
                im2col.scatterAdd(s.columnGradient, factor, dx, xOffset, s.rowOrigin, s.colOrigin);
            }
        });
        float[] dw = net.weightGradientBuffer(self, t + net.scale(input));
        for (int slot = 0; slot < threads; slot++) {
            float[] part = net.scratch(slot).weightGradientT;
            for (int g = 0; g < groups; g++) {
                for (int r = 0; r < k; r++) {
                    for (int c = 0; c < m; c++) {
                        dw[(g * m + c) * k + r] += part[(g * k + r) * m + c];
                    }
                }
            }
        }
        if (bias) {
            float[] db = net.biasGradientBuffer(self, t);
            for (int image = 0; image < batch; image++) {
                for (int c = 0; c < groups * m; c++) {
                    int o = image * outElements + c * hw;
                    float sum = 0;
                    for (int p = 0; p < hw; p++) {
                        sum += gy[o + p];
                    }
                    db[c] += sum;
                }
            }
        }
    }
}
