package org.edgenas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GemmTest {

    private final Random random = new Random(7);

    @Test
    void matchesATripleLoopForEveryTailAndBlockBoundary() {
        int[] ms = {1, 3, 4, 5, 9, 16};
        int[] ns = {1, Gemm.LANES - 1, Gemm.STRIP, Gemm.STRIP + 3, 3 * Gemm.STRIP + Gemm.LANES + 1};
        int[] ks = {1, 7, Gemm.K_BLOCK, Gemm.K_BLOCK + 5};
        for (int m : ms) {
            for (int n : ns) {
                for (int k : ks) {
                    check(m, n, k, false, false);
                    check(m, n, k, true, true);
                }
            }
        }
    }

    @Test
    void readsATransposedThroughItsStrides() {
        check(6, 2 * Gemm.STRIP + 1, 37, true, false);
    }

    @Test
    void readsEachRowOfBWhereItsOffsetSays() {
        // B's rows in reverse order, 3 floats apart: the product equals A times that row permutation of B
        int m = 5;
        int n = Gemm.STRIP + 2;
        int k = 9;
        float[] a = randoms(m * k);
        float[] b = randoms(k * (n + 3));
        int[] rows = new int[k];
        for (int p = 0; p < k; p++) {
            rows[p] = (k - 1 - p) * (n + 3);
        }
        float[] c = new float[m * n];
        Gemm.multiply(m, n, k, a, 0, k, 1, b, 0, rows, c, 0, n, false);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int p = 0; p < k; p++) {
                    expected += (double) a[i * k + p] * b[(k - 1 - p) * (n + 3) + j];
                }
                assertEquals(expected, c[i * n + j], 1e-4);
            }
        }
    }

    private void check(int m, int n, int k, boolean transposedA, boolean accumulate) {
        int ldb = n + 3;
        int ldc = n + 5;
        float[] a = randoms(m * k + 2);
        float[] b = randoms(k * ldb + 1);
        float[] c = randoms(m * ldc + 4);
        float[] before = c.clone();
        int aRow = transposedA ? 1 : k;
        int aCol = transposedA ? m : 1;
        Gemm.multiply(m, n, k, a, 2, aRow, aCol, b, 1, Gemm.strided(k, ldb), c, 4, ldc, accumulate);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = accumulate ? before[4 + i * ldc + j] : 0;
                for (int p = 0; p < k; p++) {
                    expected += (double) a[2 + i * aRow + p * aCol] * b[1 + p * ldb + j];
                }
                assertEquals(expected, c[4 + i * ldc + j], 1e-4 * Math.sqrt(k) + 1e-5,
                        "m=" + m + " n=" + n + " k=" + k + " at " + i + "," + j);
            }
            // columns beyond n are untouched
            for (int j = n; j < ldc && 4 + i * ldc + j < c.length; j++) {
                assertEquals(before[4 + i * ldc + j], c[4 + i * ldc + j], 0.0, "column " + j + " written");
            }
        }
    }

    private float[] randoms(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
