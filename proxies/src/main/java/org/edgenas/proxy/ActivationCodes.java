package org.edgenas.proxy;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.edgenas.engine.Workers;

/**
 * The NASWOT kernel of a mini-batch (Mellor et al., ICML 2021): every ReLU unit gives each image a binary code
 * bit (active or not), and {@code K[i][j] = N_A - hamming(c_i, c_j)}, where N_A is the number of ReLU units and
 * {@code c_i} image i's code over all of them. Codes are packed 64 units to a long and compared with popcounts,
 * layer by layer (the comparisons vectorised, a vector's lanes becoming bits of the word), so no code outlives
 * its layer. Not thread-safe.
 */
final class ActivationCodes {

    /** Vector shape for packing codes; 64 must be a multiple of its length (it is 4, 8 or 16 floats). */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private final int batch;
    private final long[] hamming;
    private final Workers workers;
    private long[] bits = new long[0];
    private long units;

    ActivationCodes(int batch, Workers workers) {
        this.batch = batch;
        this.hamming = new long[batch * batch];
        this.workers = workers;
    }

    /** Number of ReLU units seen so far (N_A). */
    long units() {
        return units;
    }

    /**
     * Adds one ReLU layer's codes: unit {@code u} of image {@code b} is active when
     * {@code values[b * elements + u] > 0}.
     */
    void add(float[] values, int elements) {
        int words = (elements + 63) >>> 6;
        if (bits.length < batch * words) {
            bits = new long[batch * words];
        }
        long[] packed = bits;
        workers.run(batch, (b, slot) -> {
            int base = b * elements;
            int out = b * words;
            int whole = elements >>> 6;
            for (int w = 0; w < whole; w++) {
                long word = 0;
                int start = base + (w << 6);
                for (int v = 0; v < 64; v += LANES) {
                    word |= FloatVector.fromArray(SPECIES, values, start + v).compare(VectorOperators.GT, 0f).toLong()
                            << v;
                }
                packed[out + w] = word;
            }
            if (whole < words) {
                long word = 0;
                for (int u = whole << 6; u < elements; u++) {
                    if (values[base + u] > 0f) {
                        word |= 1L << (u & 63);
                    }
                }
                packed[out + whole] = word;
            }
        });
        workers.run(batch, (i, slot) -> {
            for (int j = i + 1; j < batch; j++) {
                long d = 0;
                int a = i * words;
                int c = j * words;
                for (int w = 0; w < words; w++) {
                    d += Long.bitCount(packed[a + w] ^ packed[c + w]);
                }
                hamming[i * batch + j] += d;
            }
        });
        units += elements;
    }

    /**
     * {@code log det K}, by a Cholesky factorisation in double precision. K is positive semi-definite; when a pivot
     * falls to {@code 1e-12 n N_A} or below (n the batch size; rounding errors are
     * about {@code 1e-16 n N_A}), K is taken as singular and the result is negative infinity (e.g. when
     * every ReLU is inactive for every image, all codes are equal and K has rank 1; with no ReLU at all, K = 0).
     */
    double logDeterminant() {
        int n = batch;
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            k[i * n + i] = units;
            for (int j = i + 1; j < n; j++) {
                double v = units - hamming[i * n + j];
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
        }
        double tolerance = 1e-12 * n * units;
        double logDet = 0;
        for (int j = 0; j < n; j++) {
            double d = k[j * n + j];
            for (int p = 0; p < j; p++) {
                d -= k[j * n + p] * k[j * n + p];
            }
            if (!(d > tolerance)) {
                return Double.NEGATIVE_INFINITY;
            }
            double l = Math.sqrt(d);
            k[j * n + j] = l;
            logDet += 2 * Math.log(l);
            for (int i = j + 1; i < n; i++) {
                double s = k[i * n + j];
                for (int p = 0; p < j; p++) {
                    s -= k[i * n + p] * k[j * n + p];
                }
                k[i * n + j] = s / l;
            }
        }
        return logDet;
    }
}
