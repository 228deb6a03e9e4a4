package org.edgenas.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise kernels on float arrays, vectorised with the same SIMD shape as {@link Gemm}. Sums over lanes are
 * added lane by lane in lane order ({@link #laneSum}), never with {@code reduceLanes(ADD)}, whose order the Vector API
 * leaves to the implementation (interpreted and compiled code may round differently): the same input gives the same
 * sum however and wherever the code runs.
 */
final class Vectors {

    private static final VectorSpecies<Float> S = Gemm.SPECIES;
    private static final int L = S.length();

    private Vectors() {
    }

    /** The largest magnitude among {@code v[0..n)} (NaN if one is NaN). */
    static float maxAbs(float[] v, int n) {
        FloatVector m = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - L; i += L) {
            m = m.max(FloatVector.fromArray(S, v, i).abs());
        }
        float max = m.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            float a = Math.abs(v[i]);
            if (a > max || Float.isNaN(a)) {
                max = a;
            }
        }
        return max;
    }

    /** The lanes of {@code v} added in lane order. */
    static float laneSum(FloatVector v) {
        float sum = 0f;
        for (int i = 0; i < L; i++) {
            sum += v.lane(i);
        }
        return sum;
    }

    /** {@code v[0..n) *= factor}. */
    static void scale(float[] v, int n, float factor) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, v, i).mul(factor).intoArray(v, i);
        }
        for (; i < n; i++) {
            v[i] *= factor;
        }
    }

    /** {@code y[yOffset + i] += a x[xOffset + i]} for i &lt; n. */
    static void axpy(int n, float a, float[] x, int xOffset, float[] y, int yOffset) {
        FloatVector av = FloatVector.broadcast(S, a);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).fma(av, FloatVector.fromArray(S, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < n; i++) {
            y[yOffset + i] += a * x[xOffset + i];
        }
    }

    /** {@code sum_i x[xOffset + i] y[yOffset + i]} for i &lt; n, accumulated in vector lanes. */
    static float dot(int n, float[] x, int xOffset, float[] y, int yOffset) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - L; i += L) {
            acc = FloatVector.fromArray(S, x, xOffset + i).fma(FloatVector.fromArray(S, y, yOffset + i), acc);
        }
        float sum = laneSum(acc);
        for (; i < n; i++) {
            sum += x[xOffset + i] * y[yOffset + i];
        }
        return sum;
    }

    /** {@code dst[dstOffset + i] = src[srcOffset + i]} for i &lt; n (short runs: cheaper than an array copy call). */
    static void copy(int n, float[] src, int srcOffset, float[] dst, int dstOffset) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, src, srcOffset + i).intoArray(dst, dstOffset + i);
        }
        for (; i < n; i++) {
            dst[dstOffset + i] = src[srcOffset + i];
        }
    }

    /** {@code y[yOffset + i] += x[xOffset + i]} for i &lt; n. */
    static void add(int n, float[] x, int xOffset, float[] y, int yOffset) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).add(FloatVector.fromArray(S, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < n; i++) {
            y[yOffset + i] += x[xOffset + i];
        }
    }

    /** {@code y[yOffset + i] = max(y[yOffset + i], x[xOffset + i])} for i &lt; n. */
    static void max(int n, float[] x, int xOffset, float[] y, int yOffset) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).max(FloatVector.fromArray(S, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < n; i++) {
            y[yOffset + i] = Math.max(y[yOffset + i], x[xOffset + i]);
        }
    }

    /** {@code sum_i x[offset + i]} for i &lt; n, accumulated in vector lanes. */
    static float sum(int n, float[] x, int offset) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - L; i += L) {
            acc = acc.add(FloatVector.fromArray(S, x, offset + i));
        }
        float sum = laneSum(acc);
        for (; i < n; i++) {
            sum += x[offset + i];
        }
        return sum;
    }

    /** {@code sum_i (x[offset + i] - mean)^2} for i &lt; n, accumulated in vector lanes. */
    static float squaredDeviations(int n, float[] x, int offset, float mean) {
        FloatVector acc = FloatVector.zero(S);
        FloatVector m = FloatVector.broadcast(S, mean);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = FloatVector.fromArray(S, x, offset + i).sub(m);
            acc = d.fma(d, acc);
        }
        float sum = laneSum(acc);
        for (; i < n; i++) {
            float d = x[offset + i] - mean;
            sum += d * d;
        }
        return sum;
    }

    /** {@code y[yOffset + i] = a x[xOffset + i] + b} for i &lt; n. */
    static void affine(int n, float a, float b, float[] x, int xOffset, float[] y, int yOffset) {
        FloatVector av = FloatVector.broadcast(S, a);
        FloatVector bv = FloatVector.broadcast(S, b);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).fma(av, bv).intoArray(y, yOffset + i);
        }
        for (; i < n; i++) {
            y[yOffset + i] = a * x[xOffset + i] + b;
        }
    }

    /** {@code y[yOffset + i] *= x[xOffset + i]} for i &lt; n. */
    static void multiply(int n, float[] x, int xOffset, float[] y, int yOffset) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).mul(FloatVector.fromArray(S, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < n; i++) {
            y[yOffset + i] *= x[xOffset + i];
        }
    }
}
