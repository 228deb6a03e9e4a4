package org.edgenas.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix multiply {@code C = A B} or {@code C += A B}, the engine's compute kernel, on one thread.
 *
 * <p>{@code C} is row-major with leading dimension {@code ldc}. Each row of {@code B} is a contiguous run that starts
 * wherever a table of row offsets says, so a row-major matrix, a packed panel and the shifted views of a padded image
 * that make up an implicit im2col are all the same to the kernel. {@code A} is read one element at a time through a
 * row stride and a column stride, so a transposed matrix costs nothing. The loop
 * nest is cache-blocked: {@code K} in blocks of {@link #K_BLOCK}, {@code N} in strips of {@link #STRIP} columns
 * (two SIMD vectors) that stay in L1 while every block of 4 rows of {@code A} passes over them, accumulating a
 * 4 x 2-vector tile of {@code C} in registers (8 accumulators). Columns left over run as 4 x 1-vector tiles, then
 * one element at a time; rows left over one at a time. Nothing is allocated.
 */
final class Gemm {

    /** The SIMD shape used: the widest the CPU supports (8 floats with AVX2, 16 with AVX-512). */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** Floats per vector. */
    static final int LANES = SPECIES.length();

    /** Columns per strip of {@code B} and {@code C}: two vectors. */
    static final int STRIP = 2 * LANES;

    /** Depth of one block of {@code K}: a strip of {@code B} is {@code K_BLOCK x STRIP} floats (16 KiB with AVX2). */
    static final int K_BLOCK = 256;

    private Gemm() {
    }

    /**
     * {@code C[i][j] (+)= sum_p A(i, p) B[p][j]} for i &lt; m, j &lt; n, p &lt; k, where
     * {@code A(i, p) = a[aOffset + i * aRowStride + p * aColStride]}, {@code B[p][j] = b[bOffset + bRows[p] + j]} and
     * {@code C[i][j] = c[cOffset + i * ldc + j]}.
     *
     * @param bRows      offset of each row of {@code B} (at least {@code k} entries)
     * @param accumulate add to {@code C} when true; overwrite it when false
     */
    static void multiply(int m, int n, int k, float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int[] bRows, float[] c, int cOffset, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOffset + i * ldc, cOffset + i * ldc + n, 0f);
                }
            }
            return;
        }
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int kc = Math.min(K_BLOCK, k - p0);
            boolean add = accumulate || p0 > 0;
            int aBlock = aOffset + p0 * aColStride;
            int j = 0;
            for (; j + STRIP <= n; j += STRIP) {
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    tile4(kc, a, aBlock + i * aRowStride, aRowStride, aColStride, b, bOffset + j, bRows, p0,
                            c, cOffset + i * ldc + j, ldc, add);
                }
                for (; i < m; i++) {
                    tile1(kc, a, aBlock + i * aRowStride, aColStride, b, bOffset + j, bRows, p0,
                            c, cOffset + i * ldc + j, add);
                }
            }
            for (; j + LANES <= n; j += LANES) {
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    column4(kc, a, aBlock + i * aRowStride, aRowStride, aColStride, b, bOffset + j, bRows, p0,
                            c, cOffset + i * ldc + j, ldc, add);
                }
                for (; i < m; i++) {
                    column1(kc, a, aBlock + i * aRowStride, aColStride, b, bOffset + j, bRows, p0,
                            c, cOffset + i * ldc + j, add);
                }
            }
            for (; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    scalar(kc, a, aBlock + i * aRowStride, aColStride, b, bOffset + j, bRows, p0,
                            c, cOffset + i * ldc + j, add);
                }
            }
        }
    }

    private static void tile4(int kc, float[] a, int a0, int aRow, int aCol, float[] b, int b0, int[] rows, int p0,
                              float[] c, int c0, int ldc, boolean add) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s00;
        FloatVector s01;
        FloatVector s10;
        FloatVector s11;
        FloatVector s20;
        FloatVector s21;
        FloatVector s30;
        FloatVector s31;
        if (add) {
            s00 = FloatVector.fromArray(SPECIES, c, c0);
            s01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
            s10 = FloatVector.fromArray(SPECIES, c, c1);
            s11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
            s20 = FloatVector.fromArray(SPECIES, c, c2);
            s21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
            s30 = FloatVector.fromArray(SPECIES, c, c3);
            s31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
        } else {
            s00 = FloatVector.zero(SPECIES);
            s01 = s00;
            s10 = s00;
            s11 = s00;
            s20 = s00;
            s21 = s00;
            s30 = s00;
            s31 = s00;
        }
        int r0 = a0;
        int r1 = a0 + aRow;
        int r2 = r1 + aRow;
        int r3 = r2 + aRow;
        for (int p = p0; p < p0 + kc; p++) {
            int q = b0 + rows[p];
            FloatVector x0 = FloatVector.fromArray(SPECIES, b, q);
            FloatVector x1 = FloatVector.fromArray(SPECIES, b, q + LANES);
            FloatVector w = FloatVector.broadcast(SPECIES, a[r0]);
            s00 = w.fma(x0, s00);
            s01 = w.fma(x1, s01);
            w = FloatVector.broadcast(SPECIES, a[r1]);
            s10 = w.fma(x0, s10);
            s11 = w.fma(x1, s11);
            w = FloatVector.broadcast(SPECIES, a[r2]);
            s20 = w.fma(x0, s20);
            s21 = w.fma(x1, s21);
            w = FloatVector.broadcast(SPECIES, a[r3]);
            s30 = w.fma(x0, s30);
            s31 = w.fma(x1, s31);
            r0 += aCol;
            r1 += aCol;
            r2 += aCol;
            r3 += aCol;
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + LANES);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LANES);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LANES);
    }

    private static void tile1(int kc, float[] a, int a0, int aCol, float[] b, int b0, int[] rows, int p0,
                              float[] c, int c0, boolean add) {
        FloatVector s0 = add ? FloatVector.fromArray(SPECIES, c, c0) : FloatVector.zero(SPECIES);
        FloatVector s1 = add ? FloatVector.fromArray(SPECIES, c, c0 + LANES) : FloatVector.zero(SPECIES);
        int r = a0;
        for (int p = p0; p < p0 + kc; p++) {
            int q = b0 + rows[p];
            FloatVector w = FloatVector.broadcast(SPECIES, a[r]);
            s0 = w.fma(FloatVector.fromArray(SPECIES, b, q), s0);
            s1 = w.fma(FloatVector.fromArray(SPECIES, b, q + LANES), s1);
            r += aCol;
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + LANES);
    }

    /** A 4-row x 1-vector tile, for the whole vectors left after the strips. */
    private static void column4(int kc, float[] a, int a0, int aRow, int aCol, float[] b, int b0, int[] rows, int p0,
                                float[] c, int c0, int ldc, boolean add) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s0 = add ? FloatVector.fromArray(SPECIES, c, c0) : FloatVector.zero(SPECIES);
        FloatVector s1 = add ? FloatVector.fromArray(SPECIES, c, c1) : FloatVector.zero(SPECIES);
        FloatVector s2 = add ? FloatVector.fromArray(SPECIES, c, c2) : FloatVector.zero(SPECIES);
        FloatVector s3 = add ? FloatVector.fromArray(SPECIES, c, c3) : FloatVector.zero(SPECIES);
        int r0 = a0;
        for (int p = p0; p < p0 + kc; p++) {
            FloatVector x = FloatVector.fromArray(SPECIES, b, b0 + rows[p]);
            s0 = FloatVector.broadcast(SPECIES, a[r0]).fma(x, s0);
            s1 = FloatVector.broadcast(SPECIES, a[r0 + aRow]).fma(x, s1);
            s2 = FloatVector.broadcast(SPECIES, a[r0 + 2 * aRow]).fma(x, s2);
            s3 = FloatVector.broadcast(SPECIES, a[r0 + 3 * aRow]).fma(x, s3);
            r0 += aCol;
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c1);
        s2.intoArray(c, c2);
        s3.intoArray(c, c3);
    }

    private static void column1(int kc, float[] a, int a0, int aCol, float[] b, int b0, int[] rows, int p0,
                                float[] c, int c0, boolean add) {
        FloatVector s = add ? FloatVector.fromArray(SPECIES, c, c0) : FloatVector.zero(SPECIES);
        int r = a0;
        for (int p = p0; p < p0 + kc; p++) {
            s = FloatVector.broadcast(SPECIES, a[r]).fma(FloatVector.fromArray(SPECIES, b, b0 + rows[p]), s);
            r += aCol;
        }
        s.intoArray(c, c0);
    }

    /**
     * One element, for the last columns (fewer than a vector). Masked vector loads are avoided on purpose: near the
     * end of an array the Vector API falls back to a per-lane path that is orders of magnitude slower.
     */
    private static void scalar(int kc, float[] a, int a0, int aCol, float[] b, int b0, int[] rows, int p0,
                               float[] c, int c0, boolean add) {
        float s = add ? c[c0] : 0f;
        int r = a0;
        for (int p = p0; p < p0 + kc; p++) {
            s = Math.fma(a[r], b[b0 + rows[p]], s);
            r += aCol;
        }
        c[c0] = s;
    }

    /** Row offsets {@code 0, ld, 2 ld, ...} of a row-major matrix with {@code rows} rows. */
    static int[] strided(int rows, int ld) {
        int[] r = new int[rows];
        for (int p = 0; p < rows; p++) {
            r[p] = p * ld;
        }
        return r;
    }
}
