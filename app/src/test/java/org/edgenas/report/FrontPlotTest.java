package org.edgenas.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Objective;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The front plot draws the evaluated candidates, the front and the true front, and leaves out what has no point. */
class FrontPlotTest {

    private static final Evaluation BEST = new Evaluation("a", 10, 5, 1, 100, 10, 0, 0);
    private static final Evaluation CHEAP = new Evaluation("d", 4, 2, 1, 100, 10, 0, 0);
    private static final Evaluation WORSE = new Evaluation("b", 5, 6, 1, 100, 10, 0, 0);
    private static final Evaluation FAILED = new Evaluation("c", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY, 100, 10, Double.POSITIVE_INFINITY, 0);
    private static final Evaluation WORTHLESS = new Evaluation("e", Double.NEGATIVE_INFINITY, 1, 1, 100, 10, 0, 0);

    private static XYChart chart(List<Evaluation> reference) {
        // the front as Pareto.front orders it: cheapest first
        return FrontPlot.chart("t", List.of(BEST, FAILED, WORSE, CHEAP, WORTHLESS), List.of(CHEAP, BEST), reference,
                Objective.ENERGY_MJ, Objective.ACCURACY, "accuracy");
    }

    @Test
    void candidatesWithoutFiniteObjectivesAndFrontMembersAreLeftOutOfTheEvaluatedCloud() {
        Map<String, XYSeries> series = chart(List.of()).getSeriesMap();
        assertEquals(List.of("evaluated (5)", "Pareto front (2)"), List.copyOf(series.keySet()));
        XYSeries cloud = series.get("evaluated (5)");
        // only b: a and d are drawn as the front, c failed (accuracy -inf, energy +inf), e scored -inf
        assertArrayEquals(new double[] {6}, cloud.getXData());
        assertArrayEquals(new double[] {5}, cloud.getYData());
        XYSeries front = series.get("Pareto front (2)");
        assertArrayEquals(new double[] {2, 5}, front.getXData(), "energy, in increasing order");
        assertArrayEquals(new double[] {4, 10}, front.getYData());
    }

    @Test
    void theTrueFrontIsDrawnInOrderOfCost() {
        Evaluation t1 = new Evaluation("t1", 11, 7, 1, 1, 1, 0, 0);
        Evaluation t2 = new Evaluation("t2", 3, 1, 1, 1, 1, 0, 0);
        XYSeries truth = chart(List.of(t1, t2)).getSeriesMap().get("true front (2)");
        assertNotNull(truth);
        assertArrayEquals(new double[] {1, 7}, truth.getXData());
        assertArrayEquals(new double[] {3, 11}, truth.getYData());
        assertEquals(XYSeries.XYSeriesRenderStyle.Line, truth.getXYSeriesRenderStyle());
    }

    @Test
    void withNothingButFailuresOnlyTheFrontIsDrawn() {
        XYChart c = FrontPlot.chart("t", List.of(FAILED, CHEAP), List.of(CHEAP), List.of(), Objective.ENERGY_MJ,
                Objective.ACCURACY, "accuracy");
        assertEquals(List.of("Pareto front (1)"), List.copyOf(c.getSeriesMap().keySet()));
    }

    @Test
    void thePngHasTheChartsSize() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(FrontPlot.png(chart(List.of()))));
        assertNotNull(image, "a PNG image");
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
    }
}
