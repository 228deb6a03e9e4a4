package org.edgenas.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrontQualityTest {

    /* Reference {(0, 1), (1, 0)}: ideal (0, 0), nadir (1, 1), so objectives are already normalised. With reference
     * point 1.1 its hypervolume is 1.1 x 0.1 + 0.1 x 1 = 0.21; the single point (0.5, 0.5) dominates 0.6 x 0.6 = 0.36. */
    private static final List<double[]> REFERENCE = List.of(new double[] {0, 1}, new double[] {1, 0});

    @Test
    void hypervolumeAndRatioMatchHandCounts() {
        FrontQuality q = FrontQuality.against(REFERENCE);
        assertEquals(0.21, q.hypervolume(REFERENCE), 1e-12);
        assertEquals(1.0, q.hypervolumeRatio(REFERENCE), 1e-12);
        assertEquals(0.36 / 0.21, q.hypervolumeRatio(List.of(new double[] {0.5, 0.5})), 1e-12);
        assertEquals(0, q.igd(REFERENCE), 1e-12);
        assertEquals(0, q.additiveEpsilon(REFERENCE), 1e-12);
    }

    @Test
    void ratiosDoNotDependOnObjectiveUnits() {
        // the same fronts with the second objective in other units (x 1000, shifted by 7)
        List<double[]> scaledReference = List.of(new double[] {0, 1007}, new double[] {1, 7});
        FrontQuality q = FrontQuality.against(scaledReference);
        assertEquals(0.36 / 0.21, q.hypervolumeRatio(List.of(new double[] {0.5, 507})), 1e-12);
        // (0.5, 0.6) normalised: its distance to (0, 1) is sqrt(0.25 + 0.16), to (1, 0) sqrt(0.25 + 0.36)
        assertEquals((Math.sqrt(0.41) + Math.sqrt(0.61)) / 2, q.igd(List.of(new double[] {0.5, 607})), 1e-12);
    }

    @Test
    void aReferenceWithoutFinitePointsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> FrontQuality.against(List.of(new double[] {Double.NEGATIVE_INFINITY, 1})));
    }
}
