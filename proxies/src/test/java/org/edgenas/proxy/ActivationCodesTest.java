package org.edgenas.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.edgenas.engine.Workers;
import org.junit.jupiter.api.Test;

class ActivationCodesTest {

    @Test
    void kernelIsUnitsMinusHammingDistanceAcrossLayers() {
        // codes over 4 units, given as two layers of 2 units: image 0 = 1100, image 1 = 1010, image 2 = 0001
        // hamming: d01 = 2, d02 = 3, d12 = 3; K = [[4, 2, 1], [2, 4, 1], [1, 1, 4]]
        // det K = 4 (16 - 1) - 2 (8 - 1) + 1 (2 - 4) = 44
        ActivationCodes codes = new ActivationCodes(3, Workers.of(2));
        codes.add(new float[] {0.5f, 2f, 1f, 0f, -1f, 0f}, 2);
        codes.add(new float[] {0f, -3f, 7f, -0.1f, 0f, 1e-6f}, 2);
        assertEquals(4, codes.units());
        assertEquals(Math.log(44), codes.logDeterminant(), 1e-12);
    }

    @Test
    void identicalCodesMakeTheKernelSingular() {
        ActivationCodes codes = new ActivationCodes(3, Workers.single());
        codes.add(new float[] {0f, 0f, 0f, 0f, 0f, 0f}, 2);
        assertEquals(Double.NEGATIVE_INFINITY, codes.logDeterminant());
    }

    @Test
    void noUnitsGiveNegativeInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, new ActivationCodes(4, Workers.single()).logDeterminant());
    }

    @Test
    void codesLongerThanAWordArePackedAcrossWords() {
        // 130 units: image 0 all active, image 1 active on the first 65 only; hamming 65
        // K = [[130, 65], [65, 130]]: det = 130^2 - 65^2
        float[] v = new float[260];
        for (int u = 0; u < 130; u++) {
            v[u] = 1f;
            v[130 + u] = u < 65 ? 1f : -1f;
        }
        ActivationCodes codes = new ActivationCodes(2, Workers.single());
        codes.add(v, 130);
        assertEquals(Math.log(130.0 * 130 - 65.0 * 65), codes.logDeterminant(), 1e-12);
    }
}
