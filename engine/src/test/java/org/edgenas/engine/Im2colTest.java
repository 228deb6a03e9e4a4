package org.edgenas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Patch matrices against their definition, for strides, paddings and column ranges that cross output rows. */
class Im2colTest {

    @Test
    void packedColumnsHoldTheInputUnderEachKernelTapOrZeroInThePadding() {
        int[][] cases = {
            // channels, height, width, kernel, stride, padding
            {2, 5, 7, 3, 1, 1}, {1, 4, 4, 1, 1, 0}, {3, 6, 5, 3, 2, 1}, {2, 3, 3, 1, 1, 1}, {1, 8, 8, 5, 1, 2},
            {2, 7, 6, 2, 2, 0}, {1, 3, 9, 3, 1, 0}};
        for (int[] c : cases) {
            int oh = (c[1] + 2 * c[5] - c[3]) / c[4] + 1;
            int ow = (c[2] + 2 * c[5] - c[3]) / c[4] + 1;
            Im2col im = new Im2col(c[0], c[1], c[2], c[3], c[4], c[5], oh, ow);
            float[] x = new float[3 + c[0] * c[1] * c[2]];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            int columns = oh * ow;
            for (int first = 0; first < columns; first += 5) {
                int count = Math.min(11, columns - first);
                int ld = count + 2;
                float[] dst = new float[im.rows() * ld];
                Arrays.fill(dst, Float.NaN);
                im.pack(x, 3, first, count, dst, 0, ld, new int[count], new int[count]);
                for (int r = 0; r < im.rows(); r++) {
                    for (int j = 0; j < count; j++) {
                        assertEquals(expected(x, 3, c, ow, r, first + j), dst[r * ld + j],
                                Arrays.toString(c) + " row " + r + " column " + (first + j));
                    }
                }
            }
        }
    }

    @Test
    void packedRowRangesHoldTheSameValuesAsTheWholeMatrix() {
        int[][] cases = {{2, 5, 7, 3, 1, 1}, {3, 6, 5, 3, 2, 1}, {2, 7, 6, 2, 2, 0}, {1, 8, 8, 5, 1, 2}};
        for (int[] c : cases) {
            int oh = (c[1] + 2 * c[5] - c[3]) / c[4] + 1;
            int ow = (c[2] + 2 * c[5] - c[3]) / c[4] + 1;
            Im2col im = new Im2col(c[0], c[1], c[2], c[3], c[4], c[5], oh, ow);
            float[] x = new float[5 + c[0] * c[1] * c[2]];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            int columns = oh * ow;
            for (int first = 0; first < im.rows(); first += 4) {
                int rows = Math.min(7, im.rows() - first);
                float[] dst = new float[rows * columns];
                Arrays.fill(dst, Float.NaN);
                im.packRows(x, 5, first, rows, dst, new int[columns], new int[columns]);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < columns; j++) {
                        assertEquals(expected(x, 5, c, ow, first + r, j), dst[r * columns + j],
                                Arrays.toString(c) + " row " + (first + r) + " column " + j);
                    }
                }
            }
        }
    }

    @Test
    void scatterAddIsTheAdjointOfPack() {
        // <pack(x), y> = <x, scatter(y)> for any x, y
        Im2col im = new Im2col(2, 5, 6, 3, 2, 1, 3, 3);
        float[] x = GradientCheckTest.randoms(2 * 5 * 6, 1);
        float[] y = GradientCheckTest.randoms(im.rows() * im.columns(), 2);
        float[] packed = new float[im.rows() * im.columns()];
        im.pack(x, 0, 0, im.columns(), packed, 0, im.columns(), new int[9], new int[9]);
        float[] scattered = new float[x.length];
        im.scatterAdd(y, 1f, scattered, 0, new int[9], new int[9]);
        double left = 0;
        for (int i = 0; i < y.length; i++) {
            left += (double) packed[i] * y[i];
        }
        double right = 0;
        for (int i = 0; i < x.length; i++) {
            right += (double) x[i] * scattered[i];
        }
        assertEquals(left, right, 1e-4);
    }

    private static float expected(float[] x, int offset, int[] c, int ow, int row, int column) {
        int kk = c[3] * c[3];
        int channel = row / kk;
        int kh = row % kk / c[3];
        int kw = row % c[3];
        int ih = column / ow * c[4] - c[5] + kh;
        int iw = column % ow * c[4] - c[5] + kw;
        if (ih < 0 || ih >= c[1] || iw < 0 || iw >= c[2]) {
            return 0f;
        }
        return x[offset + (channel * c[1] + ih) * c[2] + iw];
    }
}
