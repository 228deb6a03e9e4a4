package org.edgenas.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise kernels and reductions on float arrays, vectorised with the same SIMD shape as {@link Gemm}.
 *
 * <p>Every result is independent of the vector width and of whether the code runs interpreted or JIT-compiled.
 * Element-wise kernels compute each element with the same operation in the vector body and in the scalar tail (a
 * fused multiply-add in both, for instance). Sums ({@link #sum}, {@link #dot}, {@link #squaredDeviations}) run in
 * one fixed order: element {@code i} of the first {@code n - n % 16} goes to accumulator {@code i % 16} (each
 * accumulator adds its elements in index order), the 16 accumulators are then added as a fixed tree (see
 * {@link #inOrder}), and the last {@code n % 16} elements are added to the result in index order. {@code reduceLanes(ADD)} is never used: its order is unspecified
 * and differs between the interpreter and compiled code.
 */
final class Vectors {

    private static final VectorSpecies<Float> S = Gemm.SPECIES;
    private static final int L = S.length();

    /** Accumulators of a sum: a constant, so that a sum's order does not depend on the vector width. */
    static final int ACCUMULATORS = 16;

    /** The shape sums use: the engine's unless it is wider than {@link #ACCUMULATORS} floats (or narrower than 4). */
    private static final VectorSpecies<Float> R = L > ACCUMULATORS ? FloatVector.SPECIES_512
            : L < 4 ? FloatVector.SPECIES_128 : S;
    private static final int RL = R.length();

    /** Vectors holding the accumulators of a sum: 1, 2 or 4. */
    private static final int V = ACCUMULATORS / RL;

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
            y[yOffset + i] = Math.fma(x[xOffset + i], a, y[yOffset + i]);
        }
    }

    /**
     * {@code sum_i x[xOffset + i] y[yOffset + i]} for i &lt; n, in the fixed order of a sum (each product fused into
     * its accumulator).
     */
    static float dot(int n, float[] x, int xOffset, float[] y, int yOffset) {
        FloatVector a0 = FloatVector.zero(R);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int i = 0;
        for (; i <= n - ACCUMULATORS; i += ACCUMULATORS) {
            a0 = FloatVector.fromArray(R, x, xOffset + i).fma(FloatVector.fromArray(R, y, yOffset + i), a0);
            if (V > 1) {
                a1 = FloatVector.fromArray(R, x, xOffset + i + RL).fma(FloatVector.fromArray(R, y, yOffset + i + RL),
                        a1);
            }
            if (V > 2) {
                a2 = FloatVector.fromArray(R, x, xOffset + i + 2 * RL)
                        .fma(FloatVector.fromArray(R, y, yOffset + i + 2 * RL), a2);
                a3 = FloatVector.fromArray(R, x, xOffset + i + 3 * RL)
                        .fma(FloatVector.fromArray(R, y, yOffset + i + 3 * RL), a3);
            }
        }
        float sum = inOrder(a0, a1, a2, a3);
        for (; i < n; i++) {
            sum = Math.fma(x[xOffset + i], y[yOffset + i], sum);
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

    /** {@code sum_i x[offset + i]} for i &lt; n, in the fixed order of a sum. */
    static float sum(int n, float[] x, int offset) {
        FloatVector a0 = FloatVector.zero(R);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int i = 0;
        for (; i <= n - ACCUMULATORS; i += ACCUMULATORS) {
            a0 = a0.add(FloatVector.fromArray(R, x, offset + i));
            if (V > 1) {
                a1 = a1.add(FloatVector.fromArray(R, x, offset + i + RL));
            }
            if (V > 2) {
                a2 = a2.add(FloatVector.fromArray(R, x, offset + i + 2 * RL));
                a3 = a3.add(FloatVector.fromArray(R, x, offset + i + 3 * RL));
            }
        }
        float sum = inOrder(a0, a1, a2, a3);
        for (; i < n; i++) {
            sum += x[offset + i];
        }
        return sum;
    }

    /**
     * {@code sum_i (x[offset + i] - mean)^2} for i &lt; n, in the fixed order of a sum (each square fused into its
     * accumulator).
     */
    static float squaredDeviations(int n, float[] x, int offset, float mean) {
        FloatVector a0 = FloatVector.zero(R);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector m = FloatVector.broadcast(R, mean);
        int i = 0;
        for (; i <= n - ACCUMULATORS; i += ACCUMULATORS) {
            FloatVector d = FloatVector.fromArray(R, x, offset + i).sub(m);
            a0 = d.fma(d, a0);
            if (V > 1) {
                d = FloatVector.fromArray(R, x, offset + i + RL).sub(m);
                a1 = d.fma(d, a1);
            }
            if (V > 2) {
                d = FloatVector.fromArray(R, x, offset + i + 2 * RL).sub(m);
                a2 = d.fma(d, a2);
                d = FloatVector.fromArray(R, x, offset + i + 3 * RL).sub(m);
                a3 = d.fma(d, a3);
            }
        }
        float sum = inOrder(a0, a1, a2, a3);
        for (; i < n; i++) {
            float d = x[offset + i] - mean;
            sum = Math.fma(d, d, sum);
        }
        return sum;
    }

    /** Shuffles that bring lane {@code i + shift} to lane {@code i}, for the shifts within one vector of sums. */
    private static final VectorShuffle<Float> SHIFT_8 = RL > 8 ? VectorShuffle.iota(R, 8, 1, true) : null;
    private static final VectorShuffle<Float> SHIFT_4 = RL > 4 ? VectorShuffle.iota(R, 4, 1, true) : null;
    private static final VectorShuffle<Float> SHIFT_2 = VectorShuffle.iota(R, 2, 1, true);
    private static final VectorShuffle<Float> SHIFT_1 = VectorShuffle.iota(R, 1, 1, true);

    /**
     * The sum of the {@link #ACCUMULATORS} accumulators held by the first {@link #V} vectors (accumulator {@code j} in
     * vector {@code j / RL}, lane {@code j % RL}), as a fixed tree whatever the vector width: accumulator {@code j} is
     * added to {@code j + 8}, then those sums {@code j} to {@code j + 4}, then {@code j} to {@code j + 2}, then 0 to 1.
     * Pairs in separate vectors are added lane-wise, pairs within a vector by a shifted copy of it.
     */
    private static float inOrder(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3) {
        FloatVector v;
        if (V == 1) {
            v = a0.add(a0.rearrange(SHIFT_8));
        } else if (V == 2) {
            v = a0.add(a1);
        } else {
            v = a0.add(a2).add(a1.add(a3));
        }
        if (V < 4) {
            v = v.add(v.rearrange(SHIFT_4));
        }
        v = v.add(v.rearrange(SHIFT_2));
        return v.add(v.rearrange(SHIFT_1)).lane(0);
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
            y[yOffset + i] = Math.fma(x[xOffset + i], a, b);
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
