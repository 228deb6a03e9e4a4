package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.edgenas.energy.fit.Nnls;
import org.junit.jupiter.api.Test;

class NnlsTest {

    @Test
    void exactNonNegativeSolutionIsRecovered() {
        // b = 2*c0 + 3*c1 exactly
        double[][] a = {{1, 0}, {0, 1}, {1, 1}, {2, 1}};
        double[] b = {2, 3, 5, 7};
        assertArrayEquals(new double[] {2, 3}, Nnls.solve(a, b), 1e-9);
    }

    @Test
    void negativeUnconstrainedCoefficientIsClampedToZero() {
        // unconstrained least squares of b = [1, 2, 3] on columns x and -x gives a negative weight for one of them;
        // hand solution: minimise |x*c0 - b|^2 with c0 >= 0 -> c0 = (1+4+9)/(1+4+9) = 1, c1 = 0
        double[][] a = {{1, -1}, {2, -2}, {3, -3}};
        double[] b = {1, 2, 3};
        assertArrayEquals(new double[] {1, 0}, Nnls.solve(a, b), 1e-9);
    }

    @Test
    void allNegativeTargetGivesZero() {
        double[][] a = {{1}, {2}};
        double[] b = {-1, -2};
        assertArrayEquals(new double[] {0}, Nnls.solve(a, b), 1e-12);
    }
}
