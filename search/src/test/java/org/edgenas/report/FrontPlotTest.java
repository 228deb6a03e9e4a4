package org.edgenas.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.junit.jupiter.api.Test;

/** The plot of a run whose proxy scored some architectures negative infinity (worthless). */
class FrontPlotTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    private static Evaluation eval(String arch, double accuracy, double energy) {
        return new Evaluation(arch, accuracy, energy, 1, 10, 10, 0, 0);
    }

    @Test
    void negativeInfinityScoresAreLeftOutOfThePlotInsteadOfFailingIt() {
        Evaluation worthless = eval("a", Double.NEGATIVE_INFINITY, 1);
        Evaluation good = eval("b", 5, 2);
        Evaluation dominated = eval("c", 4, 3);
        byte[] png = FrontPlot.png("t", List.of(worthless, good, dominated), List.of(worthless, good),
                Objective.ENERGY_MJ, Objective.ACCURACY, "naswot");
        assertArrayEquals(PNG, Arrays.copyOf(png, 4));
    }

    @Test
    void aRunWhereEverythingScoredNegativeInfinityStillGetsAPlot() {
        Evaluation worthless = eval("a", Double.NEGATIVE_INFINITY, 1);
        byte[] png = FrontPlot.png("t", List.of(worthless), List.of(worthless), Objective.ENERGY_MJ,
                Objective.ACCURACY, "naswot");
        assertTrue(png.length > 100);
        assertArrayEquals(PNG, Arrays.copyOf(png, 4));
    }
}
