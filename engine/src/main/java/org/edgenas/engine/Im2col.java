package org.edgenas.engine;

/**
 * Lays the input patches of a convolution out as the columns of a matrix, and scatters a matrix of that layout back
 * (its adjoint, for gradients). For one image and {@code channels} input channels, row {@code r = (c, kh, kw)}
 * (row-major over channel, kernel row, kernel column, the order of a PyTorch weight) and column {@code p} (an
 * output position, {@code oh * outWidth + ow}) hold {@code x[c][oh * stride - padding + kh][ow * stride - padding +
 * kw]}, or 0 where that lies in the padding. A convolution is then the product of the weight matrix
 * ({@code outChannels x channels k^2}) with this one.
 *
 * @param channels  input channels of one group
 * @param height    input height
 * @param width     input width
 * @param kernel    kernel size (square)
 * @param stride    stride
 * @param padding   zero padding on every side
 * @param outHeight output height
 * @param outWidth  output width
 */
record Im2col(int channels, int height, int width, int kernel, int stride, int padding, int outHeight,
              int outWidth) {

    /** Rows of the patch matrix: {@code channels x kernel^2}. */
    int rows() {
        return channels * kernel * kernel;
    }

    /** Columns of the patch matrix: output positions. */
    int columns() {
        return outHeight * outWidth;
    }

    /** Whether the patch matrix is the input itself (1x1 kernel, stride 1, no padding), so packing can be skipped. */
    boolean isIdentity() {
        return kernel == 1 && stride == 1 && padding == 0;
    }

    /**
     * Writes columns [{@code first}, {@code first + count}) of the patch matrix of the image at {@code x[xOffset]}
     * (channel-major, {@code channels x height x width}) to {@code dst}, row {@code r} at
     * {@code dst[dstOffset + r * ld]}.
     *
     * @param rowOrigin scratch of at least {@code count} ints
     * @param colOrigin scratch of at least {@code count} ints
     */
    void pack(float[] x, int xOffset, int first, int count, float[] dst, int dstOffset, int ld, int[] rowOrigin,
              int[] colOrigin) {
        pack(x, xOffset, 0, rows(), first, count, dst, dstOffset, ld, rowOrigin, colOrigin);
    }

    /**
     * Writes rows [{@code firstRow}, {@code firstRow + rowCount}) of the patch matrix of the image at
     * {@code x[xOffset]}, all columns, to {@code dst}: row {@code firstRow + r} at {@code dst[r * columns()]}.
     *
     * @param rowOrigin scratch of at least {@link #columns()} ints
     * @param colOrigin scratch of at least {@link #columns()} ints
     */
    void packRows(float[] x, int xOffset, int firstRow, int rowCount, float[] dst, int[] rowOrigin,
                  int[] colOrigin) {
        pack(x, xOffset, firstRow, rowCount, 0, columns(), dst, 0, columns(), rowOrigin, colOrigin);
    }

    private void pack(float[] x, int xOffset, int firstRow, int rowCount, int first, int count, float[] dst,
                      int dstOffset, int ld, int[] rowOrigin, int[] colOrigin) {
        if (stride == 1) {
            packRuns(x, xOffset, firstRow, rowCount, first, count, dst, dstOffset, ld);
            return;
        }
        origins(first, count, rowOrigin, colOrigin);
        int plane = height * width;
        int kk = kernel * kernel;
        for (int r = 0; r < rowCount; r++) {
            int tap = (firstRow + r) % kk;
            int kh = tap / kernel;
            int kw = tap % kernel;
            int base = xOffset + (firstRow + r) / kk * plane;
            int row = dstOffset + r * ld;
            for (int j = 0; j < count; j++) {
                int ih = rowOrigin[j] + kh;
                int iw = colOrigin[j] + kw;
                dst[row + j] = ih >= 0 && ih < height && iw >= 0 && iw < width ? x[base + ih * width + iw] : 0f;
            }
        }
    }

    /**
     * {@link #pack} for stride 1: the columns of one output row read a contiguous run of an input row, so each
     * (row of the patch matrix, output row) pair is one array copy plus zeros where the run leaves the image.
     */
    private void packRuns(float[] x, int xOffset, int firstRow, int rowCount, int first, int count, float[] dst,
                          int dstOffset, int ld) {
        int plane = height * width;
        int kk = kernel * kernel;
        int end = first + count;
        for (int start = first; start < end; ) {
            int oh = start / outWidth;
            int ow = start % outWidth;
            int len = Math.min(end - start, outWidth - ow);
            int column = dstOffset + (start - first);
            for (int r = 0; r < rowCount; r++) {
                int tap = (firstRow + r) % kk;
                int kh = tap / kernel;
                int kw = tap % kernel;
                int base = xOffset + (firstRow + r) / kk * plane;
                int at = column + r * ld;
                int ih = oh - padding + kh;
                if (ih < 0 || ih >= height) {
                    java.util.Arrays.fill(dst, at, at + len, 0f);
                    continue;
                }
                int iw = ow - padding + kw;
                int lo = Math.max(0, -iw);
                int hi = Math.min(len, width - iw);
                if (lo > 0) {
                    java.util.Arrays.fill(dst, at, at + Math.min(lo, len), 0f);
                }
                if (hi > lo) {
                    Vectors.copy(hi - lo, x, base + ih * width + iw + lo, dst, at + lo);
                }
                if (hi < len) {
                    java.util.Arrays.fill(dst, at + Math.max(hi, 0), at + len, 0f);
                }
            }
            start += len;
        }
    }

    /**
     * The adjoint of {@link #pack} over all columns: adds {@code factor x src[r][p]} to the input element that
     * {@code pack} would have copied to row {@code r}, column {@code p}.
     *
     * @param src       the patch-shaped matrix, row {@code r} at {@code src[r * columns()]}
     * @param dx        the image's gradient (channel-major), added to
     * @param rowOrigin scratch of at least {@link #columns()} ints
     * @param colOrigin scratch of at least {@link #columns()} ints
     */
    void scatterAdd(float[] src, float factor, float[] dx, int dxOffset, int[] rowOrigin, int[] colOrigin) {
        int count = columns();
        origins(0, count, rowOrigin, colOrigin);
        int row = 0;
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            int base = dxOffset + c * plane;
            for (int kh = 0; kh < kernel; kh++) {
                for (int kw = 0; kw < kernel; kw++) {
                    for (int j = 0; j < count; j++) {
                        int ih = rowOrigin[j] + kh;
                        int iw = colOrigin[j] + kw;
                        if (ih >= 0 && ih < height && iw >= 0 && iw < width) {
                            dx[base + ih * width + iw] += factor * src[row + j];
                        }
                    }
                    row += count;
                }
            }
        }
    }

    private void origins(int first, int count, int[] rowOrigin, int[] colOrigin) {
        int oh = first / outWidth;
        int ow = first % outWidth;
        for (int j = 0; j < count; j++) {
            rowOrigin[j] = oh * stride - padding;
            colOrigin[j] = ow * stride - padding;
            if (++ow == outWidth) {
                ow = 0;
                oh++;
            }
        }
    }
}
