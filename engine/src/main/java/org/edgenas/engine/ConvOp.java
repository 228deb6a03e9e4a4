package org.edgenas.engine;

import org.edgenas.arch.Conv2d;
import org.edgenas.arch.Node;
import org.edgenas.arch.Shape;

/**
 * Convolution as a matrix product: per image and group, output ({@code M x HW}) = weight ({@code M x K}) times the
 * patch matrix ({@code K x HW}) of {@link Im2col}, with M = outChannels / groups, K = (inChannels / groups) k^2.
 * The forward pass never materialises more of the patch matrix than it must:
 * <ul>
 *   <li>1x1, stride 1, no padding: the input already is the patch matrix.</li>
 *   <li>stride 1 (e.g. NAS-Bench-201's 3x3 convolutions): the image is copied once into a zero-padded buffer
 *       ({@code H + 2p} x {@code W + 2p}); patch row (c, kh, kw) is then that buffer shifted by
 *       {@code kh (W + 2p) + kw}, so {@link Gemm} reads it in place through a table of row offsets (an implicit
 *       im2col). Output positions are computed on the padded row pitch, a few rows per work item, and the columns
 *       that fall in the padding are dropped when the item's tile is copied out.</li>
 *   <li>otherwise (strided): patch columns are packed one strip at a time into the thread's scratch, where they stay
 *       in cache for the multiply.</li>
 * </ul>
 * Backward runs in two rounds, so that no sum depends on how items fall on threads. First one item per image and
 * group computes the gradient of the patch matrix, scatters it back to the input gradient with the adjoint of im2col,
 * and keeps the output gradient transposed. Then one item per group and block of {@link #GRADIENT_ROWS} rows of the
 * (transposed) weight gradient accumulates those rows over every image, in image order. Depthwise convolutions run
 * as {@link DepthwiseConvOp} instead.
 */
final class ConvOp implements Op {

    /** Output positions per forward work item of the packed path: four strips. */
    static final int CHUNK = 4 * Gemm.STRIP;

    /** Rows of the transposed weight gradient (input channel x kernel tap) one backward work item owns. */
    static final int GRADIENT_ROWS = 16;

    /** Upper bound on the columns one work item of the shifted path computes. */
    private static final int SHIFTED_COLUMNS = 256;

    private enum Path { POINTWISE, SHIFTED, PACKED }

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
    private final boolean bias;
    private final Im2col im2col;
    private final Path path;
    private final int paddedWidth;
    private final int paddedPlane;
    private final int rowsPerItem;
    private final int[] forwardRows;
    private final int[] outputTRows;
    private final int[] gradientRows;

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
        this.bias = conv.bias();
        this.paddedWidth = in.width() + 2 * conv.padding();
        this.paddedPlane = (in.height() + 2 * conv.padding()) * paddedWidth;
        if (im2col.isIdentity()) {
            path = Path.POINTWISE;
            forwardRows = Gemm.strided(k, hw);
            rowsPerItem = 0;
        } else if (conv.stride() == 1) {
            path = Path.SHIFTED;
            int kk = conv.kernel() * conv.kernel();
            forwardRows = new int[k];
            for (int p = 0; p < k; p++) {
                int tap = p % kk;
                forwardRows[p] = p / kk * paddedPlane + tap / conv.kernel() * paddedWidth + tap % conv.kernel();
            }
            rowsPerItem = rowsPerItem(out.height(), out.width(), paddedWidth);
        } else {
            path = Path.PACKED;
            forwardRows = Gemm.strided(k, Gemm.STRIP);
            rowsPerItem = 0;
        }
        this.outputTRows = Gemm.strided(hw, m);
        this.gradientRows = Gemm.strided(m, hw);
    }

    /**
     * Output rows per shifted work item: the count (within the column budget) that wastes the least work per image
     * on padding columns, on columns computed to round an item up to whole vectors, on the 1-vector tiles left
     * after whole strips (half the work per load), and on per-item overhead.
     */
    private static int rowsPerItem(int outHeight, int outWidth, int pitch) {
        int best = 1;
        double bestCost = Double.MAX_VALUE;
        for (int r = 1; r <= outHeight; r++) {
            if (r > 1 && shiftedColumns(r, outWidth, pitch) > SHIFTED_COLUMNS) {
                break;
            }
            double cost = 0;
            for (int first = 0; first < outHeight; first += r) {
                int n = shiftedColumns(Math.min(r, outHeight - first), outWidth, pitch);
                int strips = n / Gemm.STRIP;
                cost += strips * Gemm.STRIP + 1.5 * (n - strips * Gemm.STRIP) + Gemm.LANES;
            }
            if (cost < bestCost - 1e-9) {
                bestCost = cost;
                best = r;
            }
        }
        return best;
    }

    /** Columns a shifted item of {@code rows} output rows computes: its span on the padded pitch, in whole vectors. */
    private static int shiftedColumns(int rows, int outWidth, int pitch) {
        int n = (rows - 1) * pitch + outWidth;
        return (n + Gemm.LANES - 1) / Gemm.LANES * Gemm.LANES;
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void reserve(Scratch.Sizes s, boolean gradients) {
        s.origins = Math.max(s.origins, gradients ? Math.max(hw, Gemm.STRIP) : Gemm.STRIP);
        switch (path) {
            case PACKED -> {
                s.panel = Math.max(s.panel, k * Gemm.STRIP);
                s.tile = Math.max(s.tile, m * Gemm.STRIP);
            }
            case SHIFTED -> {
                s.tile = Math.max(s.tile, m * shiftedColumns(rowsPerItem, im2col.outWidth(), paddedWidth));
                // items round up to whole vectors, reading up to a vector past the last plane
                s.padded = Math.max(s.padded, batch * groups * im2col.channels() * paddedPlane + Gemm.LANES);
            }
            case POINTWISE -> {
            }
        }
        if (gradients) {
            s.columns = Math.max(s.columns, im2col.isIdentity() ? 0 : Math.min(k, GRADIENT_ROWS) * hw);
            s.outputT = Math.max(s.outputT, batch * groups * hw * m);
            s.columnGradient = Math.max(s.columnGradient, k * hw);
            s.weightGradientBlock = Math.max(s.weightGradientBlock, Math.min(k, GRADIENT_ROWS) * m);
        }
    }

    @Override
    public double forward(Network net) {
        float[] x = net.value(input);
        float[] y = net.value(node.index());
        float[] w = net.weights().weight(node.index());
        double scale = net.scale(input);
        switch (path) {
            case POINTWISE -> forwardPointwise(net, x, y, w);
            case SHIFTED -> forwardShifted(net, x, y, w);
            case PACKED -> forwardPacked(net, x, y, w);
        }
        if (bias) {
            addBias(y, net.weights().bias(node.index()), (float) StrictMath.exp(-scale));
        }
        return scale;
    }

    private void forwardPointwise(Network net, float[] x, float[] y, float[] w) {
        int chunks = (hw + CHUNK - 1) / CHUNK;
        net.workers().run(batch * groups * chunks, (item, slot) -> {
            int image = item / (groups * chunks);
            int g = item / chunks % groups;
            int first = item % chunks * CHUNK;
            int count = Math.min(hw, first + CHUNK) - first;
            Gemm.multiply(m, count, k, w, g * m * k, k, 1, x, image * inElements + g * groupInElements + first,
                    forwardRows, y, image * outElements + g * m * hw + first, hw, false);
        });
    }

    private void forwardPacked(Network net, float[] x, float[] y, float[] w) {
        int chunks = (hw + CHUNK - 1) / CHUNK;
        net.workers().run(batch * groups * chunks, (item, slot) -> {
            int image = item / (groups * chunks);
            int g = item / chunks % groups;
            int first = item % chunks * CHUNK;
            int last = Math.min(hw, first + CHUNK);
            int xOffset = image * inElements + g * groupInElements;
            int yOffset = image * outElements + g * m * hw;
            Scratch s = net.scratch(slot);
            for (int j = first; j < last; j += Gemm.STRIP) {
                int cols = Math.min(Gemm.STRIP, last - j);
                im2col.pack(x, xOffset, j, cols, s.panel, 0, Gemm.STRIP, s.rowOrigin, s.colOrigin);
                if (cols % Gemm.LANES == 0) {
                    Gemm.multiply(m, cols, k, w, g * m * k, k, 1, s.panel, 0, forwardRows, y, yOffset + j, hw, false);
                    continue;
                }
                // a partial strip: compute whole vectors (the extra panel columns hold stale values) into the tile
                int n = (cols + Gemm.LANES - 1) / Gemm.LANES * Gemm.LANES;
                Gemm.multiply(m, n, k, w, g * m * k, k, 1, s.panel, 0, forwardRows, s.tile, 0, n, false);
                for (int c = 0; c < m; c++) {
                    System.arraycopy(s.tile, c * n, y, yOffset + c * hw + j, cols);
                }
            }
        });
    }

    private void forwardShifted(Network net, float[] x, float[] y, float[] w) {
        float[] padded = net.padded();
        int channels = im2col.channels();
        int planes = batch * groups * channels;
        int height = im2col.height();
        int width = im2col.width();
        int pad = im2col.padding();
        net.workers().run(planes, (plane, slot) -> {
            int src = plane * height * width;
            int dst = plane * paddedPlane;
            java.util.Arrays.fill(padded, dst, dst + pad * paddedWidth, 0f);
            for (int h = 0; h < height; h++) {
                int row = dst + (h + pad) * paddedWidth;
                java.util.Arrays.fill(padded, row, row + pad, 0f);
                System.arraycopy(x, src + h * width, padded, row + pad, width);
                java.util.Arrays.fill(padded, row + pad + width, row + paddedWidth, 0f);
            }
            java.util.Arrays.fill(padded, dst + (height + pad) * paddedWidth, dst + paddedPlane, 0f);
        });
        int outHeight = im2col.outHeight();
        int outWidth = im2col.outWidth();
        int items = (outHeight + rowsPerItem - 1) / rowsPerItem;
        net.workers().run(batch * groups * items, (item, slot) -> {
            int image = item / (groups * items);
            int g = item / items % groups;
            int oh = item % items * rowsPerItem;
            int rows = Math.min(rowsPerItem, outHeight - oh);
            int n = shiftedColumns(rows, outWidth, paddedWidth);
            float[] tile = net.scratch(slot).tile;
            int b = ((image * groups + g) * channels) * paddedPlane + oh * paddedWidth;
            Gemm.multiply(m, n, k, w, g * m * k, k, 1, padded, b, forwardRows, tile, 0, n, false);
            int yOffset = image * outElements + g * m * hw + oh * outWidth;
            for (int c = 0; c < m; c++) {
                for (int r = 0; r < rows; r++) {
                    Vectors.copy(outWidth, tile, c * n + r * paddedWidth, y, yOffset + c * hw + r * outWidth);
                }
            }
        });
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
        float[] outputT = net.outputGradientT();
        net.workers().run(batch * groups, (item, slot) -> {
            int image = item / groups;
            int g = item % groups;
            Scratch s = net.scratch(slot);
            int xOffset = image * inElements + g * groupInElements;
            int yOffset = image * outElements + g * m * hw;
            int tOffset = item * hw * m;
            for (int c = 0; c < m; c++) {
                for (int p = 0; p < hw; p++) {
                    outputT[tOffset + p * m + c] = gy[yOffset + c * hw + p];
                }
            }
            // d(patches) (K x HW) = W^T (K x M) . dY (M x HW)
            Gemm.multiply(k, hw, m, w, g * m * k, 1, k, gy, yOffset, gradientRows, s.columnGradient, 0, hw, false);
            if (im2col.isIdentity()) {
                Vectors.axpy(k * hw, factor, s.columnGradient, 0, dx, xOffset);
            } else {
                im2col.scatterAdd(s.columnGradient, factor, dx, xOffset, s.rowOrigin, s.colOrigin);
            }
        });
        float[] dw = net.weightGradientBuffer(self, t + net.scale(input));
        int blocks = (k + GRADIENT_ROWS - 1) / GRADIENT_ROWS;
        net.workers().run(groups * blocks, (item, slot) -> {
            int g = item / blocks;
            int first = item % blocks * GRADIENT_ROWS;
            int rows = Math.min(GRADIENT_ROWS, k - first);
            Scratch s = net.scratch(slot);
            float[] block = s.weightGradientBlock;
            for (int image = 0; image < batch; image++) {
                int xOffset = image * inElements + g * groupInElements;
                float[] patches = x;
                int patchOffset = xOffset + first * hw;
                if (!im2col.isIdentity()) {
                    im2col.packRows(x, xOffset, first, rows, s.columns, s.rowOrigin, s.colOrigin);
                    patches = s.columns;
                    patchOffset = 0;
                }
                // dW^T rows (rows x M) += patches rows (rows x HW) . dY^T (HW x M)
                Gemm.multiply(rows, m, hw, patches, patchOffset, hw, 1, outputT, (image * groups + g) * hw * m,
                        outputTRows, block, 0, m, image > 0);
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < m; c++) {
                    dw[(g * m + c) * k + first + r] = block[r * m + c];
                }
            }
        });
        if (bias) {
            float[] db = net.biasGradientBuffer(self, t);
            for (int image = 0; image < batch; image++) {
                for (int c = 0; c < groups * m; c++) {
                    db[c] += Vectors.sum(hw, gy, image * outElements + c * hw);
                }
            }
        }
    }
}
